import { orgRoute } from "@/lib/api/handler";
import { csvSourceResponse } from "@/lib/export/csv";
import { clientsExportQuerySchema, clientsCsv } from "@/lib/crm/export";

/** The clients matching the table's filters, as a streamed CSV (UTF-8 with BOM; `delimiter` `,` or `;`). */
export const GET = orgRoute({ query: clientsExportQuerySchema }, async ({ principal, orgId, query }) =>
  csvSourceResponse(clientsCsv(principal.claims, orgId, query)),
);
