import { ApiError } from "@/lib/api/errors";
import { orgRoute } from "@/lib/api/handler";
import { listPresence, presenceInputSchema, reportPresence } from "@/lib/inbox/presence";

/** Every member: online / away / offline, the conversation they have open, whether they are typing in it. */
export const GET = orgRoute({}, async ({ sql, orgId }) => listPresence(sql, orgId));

/** The caller's heartbeat: { status, conversationId, typing } → everyone's presence. */
export const PUT = orgRoute({ body: presenceInputSchema }, async ({ sql, orgId, principal, body }) => {
  if (principal.kind !== "user") throw new ApiError("forbidden", "presence is a person's, not an API key's");
  return reportPresence(sql, orgId, principal.userId, body);
});
