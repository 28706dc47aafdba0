import { orgRoute } from "@/lib/api/handler";
import { csvSourceResponse } from "@/lib/export/csv";
import { tasksCsv, tasksExportQuerySchema } from "@/lib/tasks/export";

/** The tasks matching the list's filters, as a streamed CSV (UTF-8 with BOM; `delimiter` `,` or `;`). */
export const GET = orgRoute({ query: tasksExportQuerySchema }, async ({ principal, orgId, query }) =>
  csvSourceResponse(tasksCsv(principal.claims, orgId, query)),
);
