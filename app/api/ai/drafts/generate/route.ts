import { afterCommit, orgRoute } from "@/lib/api/handler";
import { assertConversation, generateDraft, generateDraftSchema } from "@/lib/assistant/drafts";

/** A fresh draft for the conversation's latest client message (201); 409 when the profile has no answer. */
export const POST = orgRoute({ role: "agent", body: generateDraftSchema }, async ({ sql, orgId, body, principal }) => {
  await assertConversation(sql, orgId, body.conversationId);
  const userId = principal.kind === "user" ? principal.userId : null;
  return afterCommit(async () =>
    Response.json(await generateDraft(orgId, body.conversationId, userId), { status: 201 }),
  );
});
