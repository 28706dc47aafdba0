import { z } from "zod";
import { afterCommit, orgRoute, parseWith } from "@/lib/api/handler";
import { resendMessage } from "@/lib/inbox/outbox";

/** Puts a failed outbound message back in the outbox. */
export const POST = orgRoute({ role: "agent" }, async ({ sql, orgId, params }) => {
  const { message, afterCommit: deliver } = await resendMessage(sql, orgId, parseWith(z.uuid(), params.id, "path: id"));
  return deliver ? afterCommit(async () => (await deliver(), message)) : message;
});
