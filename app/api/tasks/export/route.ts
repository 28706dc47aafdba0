import { orgRoute } from "@/lib/api/handler";
import { exportTasks, tasksExportQuerySchema } from "@/lib/tasks/export";

/** The tasks matching the list's filters, as a streamed CSV (UTF-8 with BOM; `delimiter` `,` or `;`). */
export const GET = orgRoute({ query: tasksExportQuerySchema }, async ({ principal, orgId, query }) =>
  exportTasks(principal.claims, orgId, query),
);
