import { afterCommit, orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { moveDeal, moveDealSchema } from "@/lib/pipeline/moves";

/** Moves the deal (one row written); answers the deal and the stage_history row (null for a reorder). */
export const PATCH = orgRoute({ role: "agent", body: moveDealSchema }, async ({ sql, orgId, params, body }) => {
  const { afterCommit: publish, ...moved } = await moveDeal(sql, orgId, uuidParam(params), body);
  return publish ? afterCommit(async () => (await publish(), moved)) : moved;
});
