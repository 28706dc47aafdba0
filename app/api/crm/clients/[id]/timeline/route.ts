import { orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { getTimeline, timelineQuerySchema } from "@/lib/crm/timeline";

/** The client's messages, notes, deal stage moves and tasks, newest first. */
export const GET = orgRoute({ query: timelineQuerySchema }, ({ sql, orgId, params, query }) =>
  getTimeline(sql, orgId, uuidParam(params), query),
);
