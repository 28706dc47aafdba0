import { orgRoute } from "@/lib/api/handler";
import { csvSourceResponse } from "@/lib/export/csv";
import { dealsExportQuerySchema, dealsCsv } from "@/lib/pipeline/deals-export";

/** The deals matching the list's filters and sort, as a streamed CSV (UTF-8 with BOM; `delimiter` `,` or `;`). */
export const GET = orgRoute({ query: dealsExportQuerySchema }, async ({ principal, orgId, query }) =>
  csvSourceResponse(dealsCsv(principal.claims, orgId, query)),
);
