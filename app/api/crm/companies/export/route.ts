import { orgRoute } from "@/lib/api/handler";
import { csvSourceResponse } from "@/lib/export/csv";
import { companiesExportQuerySchema, companiesCsv } from "@/lib/crm/export";

/** The companies matching the table's search, as a streamed CSV (UTF-8 with BOM; `delimiter` `,` or `;`). */
export const GET = orgRoute({ query: companiesExportQuerySchema }, async ({ principal, orgId, query }) =>
  csvSourceResponse(companiesCsv(principal.claims, orgId, query)),
);
