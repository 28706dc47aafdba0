import { createHash } from "node:crypto";
import type { ChannelRecord } from "@/lib/channels/types";
import { ingestParsed } from "@/lib/inbox/ingest";
import { countEvolutionMessages, importEvolutionDialogs } from "./import";
import type { EvolutionConfig } from "./schemas";

export type EvolutionImportProgress = {
  /** Rows the import will read (same filters), for a progress bar. */
  total: number;
  /** Rows read so far. */
  scanned: number;
  /** Messages newly stored; a re-run stores 0 (messages are unique per channel and provider id). */
  stored: number;
  /** Messages that were already in the inbox (a previous run, or the live webhook got there first). */
  alreadyStored: number;
  batches: number;
  /** Conversations that received at least one newly stored message. */
  conversations: number;
  /** Rows read and not stored: already stored, or not a dialog message (reactions, protocol stubs). */
  skipped: number;
  /** Rows in a shape the import cannot read; skipped, the rest still imports. */
  errors: number;
};

export type RunEvolutionImportOptions = {
  since?: Date;
  limit?: number;
  /** Rows per ingest transaction; small enough not to hold the embedded database's single connection long. */
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: EvolutionImportProgress) => Promise<void> | void;
};

/**
 * Feeds an Evolution instance's stored dialogs into the inbox through its normal ingest, in "history" mode:
 * each message lands at its own time, nothing counts as unread, and no follow-up work (AI replies,
 * automations) is triggered for months-old messages. Idempotent: each batch has an eventId derived from
 * its message ids, and a message already stored under its key.id is not stored again.
 */
export async function runEvolutionImport(
  channel: ChannelRecord,
  connectionString: string,
  options: RunEvolutionImportOptions = {},
): Promise<EvolutionImportProgress> {
  const instanceName = (channel.config as EvolutionConfig).instanceName;
  const source = { connectionString, instanceName, since: options.since, limit: options.limit };
  const progress: EvolutionImportProgress = {
    total: await countEvolutionMessages(source),
    scanned: 0,
    stored: 0,
    alreadyStored: 0,
    batches: 0,
    conversations: 0,
    skipped: 0,
    errors: 0,
  };
  const conversations = new Set<string>();
  await options.onProgress?.({ ...progress });

  const batches = importEvolutionDialogs({ ...source, batchSize: options.batchSize ?? 200, signal: options.signal });
  for await (const batch of batches) {
    progress.scanned += batch.scanned;
    progress.batches++;
    progress.errors += batch.invalid;
    // Reactions, stubs and the like normalize to nothing: read, not stored.
    progress.skipped += batch.scanned - batch.invalid - batch.messages.length;
    if (batch.messages.length) {
      const ids = batch.messages.map((m) => m.providerMessageId);
      const digest = createHash("sha256").update(ids.join("\n")).digest("hex").slice(0, 32);
      const first = batch.messages[0];
      const last = batch.messages[batch.messages.length - 1];
      // The raw event records what was imported, not a second copy of Evolution's rows.
      const raw = {
        source: "evolution-import",
        instance: instanceName,
        count: ids.length,
        first: { id: first.providerMessageId, at: first.occurredAt.toISOString() },
        last: { id: last.providerMessageId, at: last.occurredAt.toISOString() },
      };
      const result = await ingestParsed(
        channel,
        { eventId: `evolution.import:${digest}`, events: batch.messages },
        raw,
        { mode: "history" },
      );
      const stored = result.duplicate ? 0 : result.messages.length;
      progress.stored += stored;
      progress.alreadyStored += batch.messages.length - stored;
      progress.skipped += batch.messages.length - stored;
      if (!result.duplicate) for (const m of result.messages) conversations.add(m.conversationId);
      progress.conversations = conversations.size;
    }
    await options.onProgress?.({ ...progress });
  }
  return progress;
}
