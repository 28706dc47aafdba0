import { orgRoute } from "@/lib/api/handler";
import { leadsCsvSource, leadsExportQuerySchema } from "@/lib/dialogs/csv";
import { csvSourceResponse } from "@/lib/export/csv";

/** The leads matching the list's filters as a streamed CSV download Excel opens (UTF-8 with BOM). */
export const GET = orgRoute({ query: leadsExportQuerySchema }, async ({ principal, orgId, query }) =>
  csvSourceResponse(leadsCsvSource(principal.claims, orgId, query)),
);
