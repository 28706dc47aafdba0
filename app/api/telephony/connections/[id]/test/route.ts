import { afterCommit, orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { getConnection } from "@/lib/telephony/connections";
import { testConnection } from "@/lib/telephony/test-connection";

/** Asks the provider with the stored credentials; answers the outcome and the connection's new state. */
export const POST = orgRoute({ role: "admin" }, async ({ sql, orgId, params, req }) => {
  const id = uuidParam(params);
  await getConnection(sql, orgId, id);
  return afterCommit(() => testConnection(orgId, id, req));
});
