import { isOpenAIConfigured } from "@/lib/ai/openai/client";
import type { JobHandle } from "@/lib/jobs/registry";
import { transcribe } from "@/lib/ai/openai/speech";
import { adapterFor } from "@/lib/channels/registry";
import { loadChannelRecord } from "@/lib/channels/store";
import type { FetchedMedia, Media } from "@/lib/channels/types";
import { asService } from "@/lib/db";
import { MAX_MEDIA_BYTES } from "@/lib/inbox/media";
import { errorText, recordRun } from "@/lib/ai/runs";

// Voice notes (Telegram voice, WhatsApp audio) become text: stored on the message (shown under the player,
// searchable) and read by the assistant like any other message.

export type VoiceMessage = {
  id: string;
  orgId: string;
  channelId: string;
  conversationId: string;
  contactId: string;
  type: string;
  media: Media[];
  transcript: string | null;
  /** The job transcribing it (see AfterInbound). */
  job?: JobHandle;
};

/** Failed transcriptions of one voice note before it is left to a person to listen to. */
export const MAX_TRANSCRIPTION_FAILURES = 3;

export const isVoice = (m: { type: string; media: Media[] }) =>
  (m.type === "voice" || m.type === "audio") && m.media.length > 0;

async function bytesOf(file: FetchedMedia): Promise<Uint8Array> {
  if (file.body instanceof Uint8Array) return file.body;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = file.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_MEDIA_BYTES) {
      await reader.cancel();
      throw new Error(`the voice note is over ${MAX_MEDIA_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * The message's transcript, transcribing it once (a retried job finds it stored). Null without OpenAI (the
 * offline engine cannot listen) or for a provider that cannot hand over the file. A failure throws, after
 * recording the run, so the job tries again — up to MAX_TRANSCRIPTION_FAILURES times, then null.
 */
export async function transcriptOf(message: VoiceMessage): Promise<string | null> {
  if (message.transcript) return message.transcript;
  if (!isVoice(message) || !isOpenAIConfigured()) return null;
  const channel = await asService((sql) => loadChannelRecord(sql, message.channelId, { orgId: message.orgId }));
  const adapter = channel && adapterFor(channel.type);
  if (!channel || !adapter?.fetchMedia) return null;
  const run = {
    orgId: message.orgId,
    kind: "transcription" as const,
    engine: "openai" as const,
    conversationId: message.conversationId,
    contactId: message.contactId,
    messageId: message.id,
    jobId: message.job?.id,
  };
  const started = performance.now();
  try {
    const file = await adapter.fetchMedia(channel, message.media[0]);
    const result = await transcribe(await bytesOf(file), file.mimeType, { signal: message.job?.signal });
    await asService(async (sql) => {
      await sql.query(
        "update public.messages set transcript = $3 where org_id = $1 and id = $2 and transcript is null",
        [message.orgId, message.id, result.text.slice(0, 65536)],
      );
      await recordRun(sql, {
        ...run,
        outcome: result.text ? "ok" : "skipped",
        usage: { model: result.model, latencyMs: result.latencyMs, attempts: 1 },
      });
    });
    return result.text || null;
  } catch (error) {
    const failures = await asService(async (sql) => {
      await recordRun(sql, {
        ...run,
        outcome: "error",
        error: errorText(error),
        usage: { latencyMs: performance.now() - started },
      });
      const [row] = await sql.query<{ n: number }>(
        `select count(*)::int as n from public.ai_runs
          where org_id = $1 and message_id = $2 and kind = 'transcription' and outcome = 'error'`,
        [message.orgId, message.id],
      );
      return row.n;
    });
    // Retried with the job; then the note goes on untranscribed, which the assistant hands to a person.
    if (failures < MAX_TRANSCRIPTION_FAILURES) throw error;
    return null;
  }
}
