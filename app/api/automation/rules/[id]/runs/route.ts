import { orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { listRuns } from "@/lib/automation/log";
import { logQuerySchema } from "@/lib/automation/schema";

export const GET = orgRoute({ query: logQuerySchema }, ({ sql, orgId, params, query }) =>
  listRuns(sql, orgId, uuidParam(params), query),
);
