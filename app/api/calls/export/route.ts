import { orgRoute } from "@/lib/api/handler";
import { csvSourceResponse } from "@/lib/export/csv";
import { callsCsv, callsExportQuerySchema } from "@/lib/telephony/calls";

/** The calls matching the log's filters, newest first, as a streamed CSV (UTF-8 with BOM). */
export const GET = orgRoute({ query: callsExportQuerySchema }, async ({ principal, orgId, query }) =>
  csvSourceResponse(callsCsv(principal.claims, orgId, query)),
);
