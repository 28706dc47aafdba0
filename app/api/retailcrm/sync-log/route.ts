import { orgRoute } from "@/lib/api/handler";
import { listSyncLog, syncLogQuery } from "@/lib/retailcrm/settings";

export const GET = orgRoute({ role: "admin", query: syncLogQuery }, ({ sql, orgId, query }) =>
  listSyncLog(sql, orgId, query),
);
