import { afterCommit, orgRoute } from "@/lib/api/handler";
import { callsQuerySchema, listCalls } from "@/lib/telephony/calls";
import { placeCall, planCall, startCallSchema } from "@/lib/telephony/click-to-call";

export const GET = orgRoute({ query: callsQuerySchema }, ({ sql, orgId, query }) => listCalls(sql, orgId, query));

/** Click-to-call: rings the caller's own phone through their telephony, then the number. */
export const POST = orgRoute({ role: "agent", body: startCallSchema }, async ({ sql, orgId, principal, body }) => {
  const plan = await planCall(sql, orgId, principal.kind === "user" ? principal.userId : null, body);
  return afterCommit(async () => Response.json(await placeCall(plan), { status: 202 }));
});
