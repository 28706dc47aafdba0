import { ApiError } from "@/lib/api/errors";
import { speak } from "@/lib/ai/openai/speech";
import { asService, type Sql } from "@/lib/db";
import { previewOf } from "@/lib/inbox/events";
import { uploadPath } from "@/lib/inbox/media";
import { assertSendable, requestDeliveryAsService } from "@/lib/inbox/outbox";
import type { AssistantContext } from "./context";
import { currentEngine, type Generated } from "./engine";
import { errorText, recordRun, type Run } from "@/lib/ai/runs";

// The assistant's answer on its way: an outbound message from the AI through the outbox (auto mode), or a
// pending draft for an agent (draft mode). Both are keyed on the client's message they answer
// (messages.ai_processed_at is claimed in the same transaction), so a retried job never answers twice.

export type Delivered =
  | { outcome: "queued"; messageId: string; afterCommit?: () => Promise<void> }
  | { outcome: "drafted"; draftId: string }
  | { outcome: "already" }
  | { outcome: "refused"; reason: string };

/** Claims the client's message for the assistant; false when an earlier run already answered it. */
export async function claim(sql: Sql, orgId: string, messageId: string): Promise<boolean> {
  const rows = await sql.query(
    `update public.messages set ai_processed_at = now()
      where org_id = $1 and id = $2 and ai_processed_at is null returning id`,
    [orgId, messageId],
  );
  return rows.length > 0;
}

const runOf = (ctx: AssistantContext, gen: Generated, inReplyTo: string | null, kind: Run["kind"]): Run => ({
  orgId: ctx.orgId,
  kind,
  engine: gen.engine,
  outcome: gen.outcome,
  usage: gen.usage,
  error: gen.reason,
  conversationId: ctx.conversationId,
  contactId: ctx.contactId,
  messageId: inReplyTo,
  jobId: ctx.job?.id,
});

/** Why free text cannot go out now (opted out, WhatsApp window closed, channel disabled), or null. */
export async function refusal(ctx: AssistantContext): Promise<string | null> {
  return asService(async (sql) => {
    try {
      await assertSendable(sql, ctx.orgId, ctx.conversationId);
      return null;
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== "conflict") throw error;
      return (error.details as { reason?: string } | undefined)?.reason ?? error.message;
    }
  });
}

/** Text-to-speech for a voice-note answer; null (text goes instead) when the provider fails. */
async function voiceOf(ctx: AssistantContext, gen: Generated, inReplyTo: string) {
  const run = {
    orgId: ctx.orgId,
    kind: "speech" as const,
    engine: "openai" as const,
    messageId: inReplyTo,
    jobId: ctx.job?.id,
  };
  const scope = { conversationId: ctx.conversationId, contactId: ctx.contactId };
  try {
    // Opus in an OGG container: what Telegram's sendVoice and WhatsApp voice notes play.
    const audio = await speak(gen.text, { format: "opus", signal: ctx.job?.signal });
    await asService((sql) =>
      recordRun(sql, { ...run, ...scope, outcome: "ok", usage: { model: audio.model, latencyMs: audio.latencyMs } }),
    );
    return audio;
  } catch (error) {
    await asService((sql) => recordRun(sql, { ...run, ...scope, outcome: "error", error: errorText(error) }));
    return null;
  }
}

/** Nothing can be sent (opted out, window closed): the message is claimed and the skip recorded. */
export async function skipRefused(
  ctx: AssistantContext,
  inReplyTo: string,
  reason: string,
  gen?: Generated,
): Promise<Delivered> {
  return asService(async (sql) => {
    if (!(await claim(sql, ctx.orgId, inReplyTo))) return { outcome: "already" as const };
    const base: Run = gen
      ? runOf(ctx, gen, inReplyTo, "reply")
      : { orgId: ctx.orgId, kind: "reply", engine: currentEngine(), outcome: "skipped" };
    await recordRun(sql, {
      ...base,
      conversationId: ctx.conversationId,
      contactId: ctx.contactId,
      messageId: inReplyTo,
      outcome: "skipped",
      error: `not sent: ${reason}`,
    });
    return { outcome: "refused" as const, reason };
  });
}

/** Auto mode: the answer as an outbound AI message (a voice note when asked for), queued for delivery. */
export async function queueAiReply(
  ctx: AssistantContext,
  inReplyTo: string,
  gen: Generated,
  options: { voice: boolean },
): Promise<Delivered> {
  const refused = await refusal(ctx);
  if (refused) return skipRefused(ctx, inReplyTo, refused, gen);
  const audio = options.voice ? await voiceOf(ctx, gen, inReplyTo) : null;
  return asService(async (sql): Promise<Delivered> => {
    if (!(await claim(sql, ctx.orgId, inReplyTo))) return { outcome: "already" };
    let media: unknown[] = [];
    if (audio) {
      const bytes = Buffer.from(audio.bytes);
      const [upload] = await sql.query<{ id: string }>(
        `insert into public.message_uploads (org_id, created_by, mime_type, file_name, size, bytes)
         values ($1, null, 'audio/ogg', 'reply.ogg', $2, $3) returning id`,
        [ctx.orgId, bytes.byteLength, bytes],
      );
      media = [{ url: uploadPath(upload.id), mimeType: "audio/ogg", fileName: "reply.ogg", size: bytes.byteLength }];
    }
    const type = audio ? "voice" : "text";
    // A voice answer keeps its words as the transcript: agents read it, the provider gets only the audio.
    const [message] = await sql.query<{ id: string }>(
      `insert into public.messages (org_id, conversation_id, channel_id, direction, sender_type, sender_user_id, type,
         text, transcript, media, status, ai_explanation)
       values ($1, $2, $3, 'out', 'ai', null, $4, $5, $6, $7::jsonb, 'queued', $8::jsonb) returning id`,
      [
        ctx.orgId,
        ctx.conversationId,
        ctx.channelId,
        type,
        audio ? null : gen.text,
        audio ? gen.text : null,
        JSON.stringify(media),
        gen.explanation ? JSON.stringify(gen.explanation) : null,
      ],
    );
    // Unlike an agent's reply, the AI's does not mark the conversation read: no person has seen it.
    await sql.query(
      `update public.conversations
          set last_message_at = greatest(last_message_at, now()), last_message_id = $3, last_message_preview = $4,
              last_message_direction = 'out'
        where org_id = $1 and id = $2`,
      [ctx.orgId, ctx.conversationId, message.id, previewOf(type, audio ? null : gen.text)],
    );
    await recordRun(sql, runOf(ctx, gen, inReplyTo, "reply"));
    const afterCommit = await requestDeliveryAsService(sql, ctx.orgId, message.id);
    return { outcome: "queued", messageId: message.id, afterCommit };
  });
}

/**
 * A pending draft (draft mode, or an agent's request). It supersedes the conversation's older pending one;
 * `claimMessage` (the background step) keys it on the client's message so a retry stores no second draft.
 */
export async function storeDraft(
  ctx: AssistantContext,
  inReplyTo: string | null,
  gen: Generated,
  options: {
    claimMessage: boolean;
    createdBy?: string | null;
    /** false when the answer's own run is recorded already (a withheld auto answer's draft). */
    recordRun?: boolean;
  },
): Promise<{ outcome: "drafted"; draftId: string } | { outcome: "already" }> {
  return asService(async (sql) => {
    if (options.claimMessage && inReplyTo && !(await claim(sql, ctx.orgId, inReplyTo))) {
      return { outcome: "already" as const };
    }
    await sql.query(
      `update public.ai_drafts set status = 'superseded', decided_at = now()
        where org_id = $1 and conversation_id = $2 and status = 'pending'`,
      [ctx.orgId, ctx.conversationId],
    );
    const [draft] = await sql.query<{ id: string }>(
      `insert into public.ai_drafts (org_id, conversation_id, in_reply_to, text, engine, model, created_by,
         explanation)
       values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) returning id`,
      [
        ctx.orgId,
        ctx.conversationId,
        inReplyTo,
        gen.text.slice(0, 4096),
        gen.engine,
        gen.usage.model || null,
        options.createdBy ?? null,
        gen.explanation ? JSON.stringify(gen.explanation) : null,
      ],
    );
    if (options.recordRun !== false) await recordRun(sql, runOf(ctx, gen, inReplyTo, "draft"));
    return { outcome: "drafted" as const, draftId: draft.id };
  });
}
