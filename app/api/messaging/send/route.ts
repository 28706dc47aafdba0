import { afterCommit, orgRoute } from "@/lib/api/handler";
import { sendMessage, sendMessageSchema } from "@/lib/inbox/outbox";

/** Queues the reply (201); 409 with details.reason opted_out / window_closed / channel_disabled. */
export const POST = orgRoute({ role: "agent", body: sendMessageSchema }, async ({ sql, orgId, body }) => {
  const { message, afterCommit: deliver } = await sendMessage(sql, orgId, body);
  const created = () => Response.json(message, { status: 201 });
  return deliver ? afterCommit(async () => (await deliver(), created())) : created();
});
