import { z } from "zod";
import { loadAiSettings } from "@/lib/ai/settings";
import { asService, type Sql } from "@/lib/db";
import { logger } from "@/lib/log";
import { analyzeContact, TransientAnalysisError, type ContactOutcome } from "./analyze-contact";
import { resolveEngine } from "./engine";

// Seed 004's POST /dialogs/analyze: every contact with at least minIncoming client messages, analysed by a small
// pool of workers; per-dialog failures are counted, never fatal.

export const DEFAULT_CONCURRENCY = 8;

export const batchFiltersSchema = z.object({
  /** Seed 004's Evolution instance: a channel's name. */
  instanceName: z.string().trim().min(1).max(200).optional(),
  channelId: z.uuid().optional(),
  /** Default: the organisation's setting (3). */
  minIncoming: z.coerce.number().int().min(1).max(1000).optional(),
  /** How many of the most recently active conversations are considered. */
  maxDialogs: z.coerce.number().int().min(1).max(100_000).optional(),
  /** How many contacts are analysed, most recently active first. */
  maxContacts: z.coerce.number().int().min(1).max(100_000).optional(),
  force: z.boolean().optional(),
});
export type BatchFilters = z.infer<typeof batchFiltersSchema>;

export const batchStatsSchema = z.object({
  total: z.number().int(),
  analyzed: z.number().int(),
  new_leads: z.number().int(),
  /** Interest levels of the leads the run covered: analysed now or unchanged since the last run. */
  hot: z.number().int(),
  warm: z.number().int(),
  cold: z.number().int(),
  errors: z.number().int(),
  skipped: z.number().int(),
});
export type BatchStats = z.infer<typeof batchStatsSchema>;

export const emptyStats = (total = 0): BatchStats => ({
  total,
  analyzed: 0,
  new_leads: 0,
  hot: 0,
  warm: 0,
  cold: 0,
  errors: 0,
  skipped: 0,
});

/** The contacts a batch analyses, most recent activity first. */
export async function selectContacts(
  sql: Sql,
  orgId: string,
  filters: BatchFilters & { minIncoming: number },
): Promise<string[]> {
  const rows = await sql.query<{ contact_id: string }>(
    `with convs as (
       select v.id, v.contact_id, v.last_message_at from public.conversations v
         join public.channels ch on ch.org_id = v.org_id and ch.id = v.channel_id
         join public.contacts ct on ct.org_id = v.org_id and ct.id = v.contact_id and ct.merged_into is null
        where v.org_id = $1 and ($2::uuid is null or v.channel_id = $2) and ($3::text is null or ch.name = $3)
        order by v.last_message_at desc, v.id
        limit $5
     )
     select c.contact_id from convs c
       join public.messages m on m.org_id = $1 and m.conversation_id = c.id and m.direction = 'in'
      group by c.contact_id
     having count(*) >= $4
      order by max(c.last_message_at) desc, c.contact_id
      limit $6`,
    [
      orgId,
      filters.channelId ?? null,
      filters.instanceName ?? null,
      filters.minIncoming,
      filters.maxDialogs ?? null,
      filters.maxContacts ?? null,
    ],
  );
  return rows.map((r) => r.contact_id);
}

export type BatchOptions = {
  concurrency?: number;
  jobId?: string | null;
  signal?: AbortSignal;
  onProgress?: (p: { done: number; total: number; stats: BatchStats }) => void | Promise<void>;
  /** Progress is reported at most this often (and once at the end). */
  progressEveryMs?: number;
  /** Times a dialog is tried again after the provider kept rate limiting it through the SDK's own retries. */
  transientRetries?: number;
};

function tally(stats: BatchStats, outcome: ContactOutcome) {
  if (outcome.status === "analyzed") {
    stats.analyzed++;
    if (outcome.created) stats.new_leads++;
    stats[outcome.interestLevel]++;
  } else if (outcome.status === "skipped") {
    stats.skipped++;
    if (outcome.interestLevel) stats[outcome.interestLevel]++;
  } else if (outcome.status === "error") {
    stats.errors++;
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });

/** Runs the batch for one organisation and returns seed 004's stats. */
export async function analyzeDialogs(
  orgId: string,
  filters: BatchFilters,
  options: BatchOptions = {},
): Promise<BatchStats> {
  const { settings, contactIds } = await asService(async (sql) => {
    const settings = await loadAiSettings(sql, orgId);
    const minIncoming = filters.minIncoming ?? settings.minIncoming;
    return { settings, contactIds: await selectContacts(sql, orgId, { ...filters, minIncoming }) };
  });
  const engine = resolveEngine(settings);
  const stats = emptyStats(contactIds.length);
  const concurrency = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, 64));
  const retries = options.transientRetries ?? 3;
  const everyMs = options.progressEveryMs ?? 500;

  let done = 0;
  let lastReport = 0;
  let reporting: Promise<void> | undefined;
  const report = async (final = false) => {
    if (!options.onProgress) return;
    // At most one write in flight and one per interval; the final one always goes out, after any in flight.
    if (!final && (reporting || Date.now() - lastReport < everyMs)) return;
    await reporting;
    lastReport = Date.now();
    reporting = Promise.resolve(options.onProgress({ done, total: stats.total, stats: { ...stats } }));
    try {
      await reporting;
    } finally {
      reporting = undefined;
    }
  };
  await report(true);

  // Shared by every worker: after the provider kept answering 429 through the SDK's retries, nobody starts a
  // call before this time, so the whole pool backs off instead of hammering it.
  let coolUntil = 0;
  let next = 0;
  const worker = async () => {
    while (next < contactIds.length && !options.signal?.aborted) {
      const contactId = contactIds[next++];
      let outcome: ContactOutcome | undefined;
      for (let attempt = 0; outcome === undefined; attempt++) {
        const wait = coolUntil - Date.now();
        if (wait > 0) await sleep(wait, options.signal);
        if (options.signal?.aborted) return;
        try {
          outcome = await analyzeContact(orgId, contactId, {
            settings,
            engine,
            force: filters.force,
            preferChannelId: filters.channelId,
            jobId: options.jobId,
            signal: options.signal,
            throwTransient: attempt < retries,
          });
        } catch (err) {
          if (options.signal?.aborted) return;
          if (!(err instanceof TransientAnalysisError)) {
            // A database error on one contact: counted, the batch carries on.
            logger.error({ err, orgId, contactId }, "dialog analysis failed");
            outcome = { status: "error", error: String(err) };
            break;
          }
          const backoff = err.retryAfterMs ?? Math.min(30_000, 2_000 * 2 ** attempt);
          coolUntil = Math.max(coolUntil, Date.now() + backoff);
        }
      }
      tally(stats, outcome!);
      done++;
      await report();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, contactIds.length) }, worker));
  if (options.signal?.aborted) throw new Error("dialog analysis was interrupted");
  await report(true);
  return stats;
}
