import { z } from "zod";
import { afterCommit, orgRoute, parseWith } from "@/lib/api/handler";
import { approveDraft, approveDraftSchema } from "@/lib/assistant/drafts";

/** { text? } sends the draft, or the agent's edit of it, through the outbox: { draft, message }. */
export const POST = orgRoute({ role: "agent", body: approveDraftSchema }, async ({ sql, orgId, params, body }) => {
  const id = parseWith(z.uuid(), params.id, "path: id");
  const { draft, message, afterCommit: deliver } = await approveDraft(sql, orgId, id, body.text);
  return deliver ? afterCommit(async () => (await deliver(), { draft, message })) : { draft, message };
});
