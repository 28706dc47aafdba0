import { afterCommit, orgRoute } from "@/lib/api/handler";
import { aiCallSchema, placeAiCall, planAiCall } from "@/lib/telephony/click-to-call";

/** "AI call": the organisation's Retell agent calls the number (a contact's or deal's). */
export const POST = orgRoute({ role: "agent", body: aiCallSchema }, async ({ sql, orgId, body }) => {
  const plan = await planAiCall(sql, orgId, body);
  return afterCommit(async () => Response.json(await placeAiCall(plan), { status: 202 }));
});
