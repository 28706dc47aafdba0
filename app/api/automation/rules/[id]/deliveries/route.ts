import { orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { listDeliveries } from "@/lib/automation/log";
import { logQuerySchema } from "@/lib/automation/schema";

export const GET = orgRoute({ query: logQuerySchema }, ({ sql, orgId, params, query }) =>
  listDeliveries(sql, orgId, uuidParam(params), query),
);
