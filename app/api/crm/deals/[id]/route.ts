import { orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { deleteDeal, getDeal, updateDeal, updateDealSchema } from "@/lib/pipeline/deals";
import { listStageHistory } from "@/lib/pipeline/history";

/** The deal with its stage history, newest first. */
export const GET = orgRoute({}, async ({ sql, params }) => {
  const deal = await getDeal(sql, uuidParam(params));
  return { ...deal, history: await listStageHistory(sql, deal.id) };
});

/** Fields other than the stage (PATCH …/stage moves it); `expectedVersion` makes a stale edit a 409. */
export const PATCH = orgRoute({ role: "agent", body: updateDealSchema }, ({ sql, orgId, params, body }) =>
  updateDeal(sql, orgId, uuidParam(params), body),
);

export const DELETE = orgRoute({ role: "manager" }, ({ sql, params }) => deleteDeal(sql, uuidParam(params)));
