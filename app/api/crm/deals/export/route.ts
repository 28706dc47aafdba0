import { orgRoute } from "@/lib/api/handler";
import { dealsExportQuerySchema, exportDeals } from "@/lib/pipeline/deals-export";

/** The deals matching the list's filters and sort, as a streamed CSV (UTF-8 with BOM; `delimiter` `,` or `;`). */
export const GET = orgRoute({ query: dealsExportQuerySchema }, async ({ principal, orgId, query }) =>
  exportDeals(principal.claims, orgId, query),
);
