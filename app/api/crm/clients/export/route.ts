import { orgRoute } from "@/lib/api/handler";
import { clientsExportQuerySchema, exportClients } from "@/lib/crm/export";

/** The clients matching the table's filters, as a streamed CSV (UTF-8 with BOM; `delimiter` `,` or `;`). */
export const GET = orgRoute({ query: clientsExportQuerySchema }, async ({ principal, orgId, query }) =>
  exportClients(principal.claims, orgId, query),
);
