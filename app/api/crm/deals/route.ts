import { afterCommit, orgRoute } from "@/lib/api/handler";
import { createDeal, createDealSchema } from "@/lib/pipeline/deals";
import { dealsQuerySchema, listDeals } from "@/lib/pipeline/deals-list";

export const GET = orgRoute({ query: dealsQuerySchema }, ({ sql, query }) => listDeals(sql, query));

/** 201 with the deal at the top of its stage; its deal-created event is published with it. */
export const POST = orgRoute({ role: "agent", body: createDealSchema }, async ({ sql, orgId, body }) => {
  const { deal, afterCommit: publish } = await createDeal(sql, orgId, body);
  const created = () => Response.json(deal, { status: 201 });
  return publish ? afterCommit(async () => (await publish(), created())) : created();
});
