import { orgRoute } from "@/lib/api/handler";
import { csvSourceResponse } from "@/lib/export/csv";
import { analyticsQuerySchema, exportQuerySchema, runReport, type ReportId } from "./index";
import { analyticsCsv } from "./export";

/** GET /api/analytics/<id>: any member (a viewer's API key too) reads their organisation's numbers. */
export const reportRoute = (id: ReportId) =>
  orgRoute({ query: analyticsQuerySchema }, ({ sql, orgId, query }) => runReport(sql, orgId, id, query));

/** GET /api/analytics/export: one report's table, or conversations with their messages, as streamed CSV. */
export const exportRoute = () =>
  orgRoute({ query: exportQuerySchema }, async ({ sql, orgId, query, principal }) =>
    csvSourceResponse(await analyticsCsv(sql, principal.claims, orgId, query)),
  );
