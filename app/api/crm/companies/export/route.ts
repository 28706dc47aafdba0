import { orgRoute } from "@/lib/api/handler";
import { companiesExportQuerySchema, exportCompanies } from "@/lib/crm/export";

/** The companies matching the table's search, as a streamed CSV (UTF-8 with BOM; `delimiter` `,` or `;`). */
export const GET = orgRoute({ query: companiesExportQuerySchema }, async ({ principal, orgId, query }) =>
  exportCompanies(principal.claims, orgId, query),
);
