import { effectiveMode } from "@/lib/ai/settings";
import { asService } from "@/lib/db";
import type { AfterInbound, AfterInboundStep } from "@/lib/inbox/jobs";
import { logger } from "@/lib/log";
import { loadContext } from "./context";
import { claim, queueAiReply, refusal, skipRefused, storeDraft } from "./deliver";
import { currentEngine, generateReply, providerDown, type Generated } from "./engine";
import { errorText, recordRun } from "@/lib/ai/runs";
import { isVoice, transcriptOf } from "./transcribe";

// The assistant's step after each stored client message (job inbox.after-inbound): transcribe a voice note,
// then answer (auto), propose a draft (draft) or do nothing (off).

/** Provider failures (after the SDK's own retries) for one message before the assistant hands it to a person. */
export const MAX_PROVIDER_FAILURES = 3;

/**
 * Pauses (a hand-off, an agent's own reply) stop auto-replies only: a draft never reaches the client without
 * a person, so draft mode keeps proposing answers to the agent who took over. In draft mode a question the
 * assistant cannot answer just gets no draft: a person answers every message there anyway, so nothing is
 * flagged or notified (an organisation that has not described its business yet is not flooded).
 */
export async function respondToInbound({ orgId, conversationId, messageId, job }: AfterInbound): Promise<string> {
  const loaded = await asService((sql) => loadContext(sql, orgId, conversationId));
  if (!loaded) return "no conversation";
  const ctx = { ...loaded, job };
  const index = ctx.history.findIndex((m) => m.id === messageId);
  const message = ctx.history[index];
  if (!message || message.direction !== "in" || message.senderType !== "contact") return "not a client message";

  if (isVoice(message) && !message.transcript) {
    const transcript = await transcriptOf({
      ...message,
      orgId,
      channelId: ctx.channelId,
      conversationId,
      contactId: ctx.contactId,
      job,
    });
    if (transcript) message.text = message.text ?? transcript;
  }

  const mode = effectiveMode(ctx.settings, ctx.channelId, ctx.aiMode);
  if (mode === "off") return "off";
  if (message.aiProcessedAt) return "already answered";
  // The job of the newest client message answers everything before it in one reply.
  if (ctx.history.slice(index + 1).some((m) => m.direction === "in")) return "a newer message follows";
  if (mode === "auto" && ctx.aiPausedReason) return `paused: ${ctx.aiPausedReason}`;
  // Checked before asking the model too: a client who just wrote STOP gets no reply, hand-off or notification.
  const refused = mode === "auto" ? await refusal(ctx) : null;
  if (refused) return (await skipRefused(ctx, messageId, refused)).outcome;

  let generated: Generated;
  try {
    generated = await generateReply(ctx, { personAnswers: mode === "draft" });
  } catch (error) {
    const failures = await asService(async (sql) => {
      await recordRun(sql, {
        orgId,
        kind: mode === "auto" ? "reply" : "draft",
        engine: currentEngine(),
        outcome: "error",
        error: errorText(error),
        conversationId,
        contactId: ctx.contactId,
        messageId,
        jobId: job?.id,
      });
      const [row] = await sql.query<{ n: number }>(
        `select count(*)::int as n from public.ai_runs
          where org_id = $1 and message_id = $2 and kind in ('reply', 'draft') and outcome = 'error'`,
        [orgId, messageId],
      );
      return row.n;
    });
    // The job retries a provider failure; before it gives up, a person is asked to answer instead.
    if (failures < MAX_PROVIDER_FAILURES) throw error;
    generated = await providerDown(ctx, errorText(error), { personAnswers: mode === "draft" });
  }

  // OpenAI's quota is exhausted: the offline engine's answer waits for a person, whatever the mode.
  if (mode === "draft" || generated.fallback === "quota") {
    // An answer the engine was unsure of is still a useful start for the agent who answers anyway.
    if (generated.kind === "handoff" && generated.draft) {
      const draft = { ...generated, text: generated.draft };
      return (await storeDraft(ctx, messageId, draft, { claimMessage: true })).outcome;
    }
    // A hand-off sentence is for the client, not a useful draft; the agent answers this one themselves.
    if (generated.kind === "handoff") {
      // Claimed like a draft, so a retried job does not ask the model again.
      await asService(async (sql) => {
        if (!(await claim(sql, orgId, messageId))) return;
        await recordRun(sql, {
          orgId,
          kind: "draft",
          engine: generated.engine,
          outcome: generated.outcome,
          usage: generated.usage,
          error: generated.reason,
          conversationId,
          contactId: ctx.contactId,
          messageId,
          jobId: job?.id,
        });
      });
      return "handed off";
    }
    return (await storeDraft(ctx, messageId, generated, { claimMessage: true })).outcome;
  }

  const voice =
    Boolean(ctx.settings.channels[ctx.channelId]?.voiceReplies) && isVoice(message) && generated.engine === "openai";
  const delivered = await queueAiReply(ctx, messageId, generated, { voice });
  // Withheld in auto mode: the client is told a manager will answer, and the unsure answer waits as a draft.
  if (delivered.outcome === "queued" && generated.draft) {
    await storeDraft(
      ctx,
      messageId,
      { ...generated, text: generated.draft },
      { claimMessage: false, recordRun: false },
    );
  }
  if (delivered.outcome === "queued" && delivered.afterCommit) await delivered.afterCommit();
  if (delivered.outcome === "refused") logger.info({ conversationId, reason: delivered.reason }, "AI reply not sent");
  return delivered.outcome;
}

export const assistantStep: AfterInboundStep = {
  name: "assistant",
  async run(message) {
    await respondToInbound(message);
  },
};
