import { z } from "zod";
import { loadAiSettings } from "@/lib/ai/settings";
import { asService, type Sql } from "@/lib/db";
import { PermanentJobError } from "@/lib/jobs/registry";
import { logger } from "@/lib/log";
import {
  computeAnalysis,
  noteProviderState,
  prepareContacts,
  saveComputed,
  timedOut,
  TransientAnalysisError,
  type Computed,
  type ContactOutcome,
  type Prepared,
} from "./analyze-contact";
import { resolveEngine } from "./engine";

// Seed 004's POST /dialogs/analyze: every contact with at least minIncoming client messages, analysed by a small
// pool of workers; per-dialog failures are counted, never fatal.

export const DEFAULT_CONCURRENCY = 8;

export const batchFiltersSchema = z.object({
  /** Seed 004's Evolution instance: a channel's name, or an Evolution channel's instance name. */
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
        where v.org_id = $1 and ($2::uuid is null or v.channel_id = $2) and ($3::text is null or ch.name = $3 or ch.config ->> 'instanceName' = $3)
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

/** Dialogs read per query, results written per flush (or after FLUSH_MS, whichever comes first). */
const READ_CHUNK = 50;
const FLUSH_SIZE = 25;
const FLUSH_MS = 250;

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

/**
 * Runs the batch for one organisation and returns seed 004's stats. Dialogs are read in chunks ahead of the
 * workers and results written in groups, so the database sees a few statements per group of dialogs and the
 * pool's time goes to the model.
 */
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
  const signal = options.signal;

  let done = 0;
  let lastReport = 0;
  const report = async (final = false) => {
    if (!options.onProgress || (!final && Date.now() - lastReport < everyMs)) return;
    lastReport = Date.now();
    await options.onProgress({ done, total: stats.total, stats: { ...stats } });
  };
  await report(true);

  // Reading ahead: one chunk at a time, started when the queue runs low.
  const queue: Prepared[] = [];
  let readUpTo = 0;
  let reading: Promise<void> | undefined;
  let readError: unknown;
  const readChunk = () =>
    (reading ??= (async () => {
      const ids = contactIds.slice(readUpTo, readUpTo + READ_CHUNK);
      readUpTo += ids.length;
      const prepared = await asService((sql) =>
        prepareContacts(sql, orgId, ids, {
          settings,
          engine,
          force: filters.force,
          preferChannelId: filters.channelId,
        }),
      );
      // A contact deleted since it was selected is simply done.
      done += ids.length - prepared.size;
      for (const id of ids) if (prepared.has(id)) queue.push(prepared.get(id)!);
    })()
      .catch((err) => void (readError = err))
      .finally(() => (reading = undefined)));
  const take = async (): Promise<Prepared | undefined> => {
    for (;;) {
      if (readError) throw readError;
      if (queue.length < concurrency * 2 && readUpTo < contactIds.length) void readChunk();
      if (queue.length) return queue.shift();
      if (readUpTo >= contactIds.length && !reading) return undefined;
      await reading;
    }
  };

  // Writing behind: results are grouped and written one group at a time, in order.
  let pending: Computed[] = [];
  let writing: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const items = pending;
    pending = [];
    writing = writing.then(async () => {
      if (!items.length) return;
      let outcomes: ContactOutcome[];
      try {
        outcomes = await asService((sql) => saveComputed(sql, orgId, items, engine, options.jobId));
      } catch (err) {
        // A database error on one group: counted against its dialogs, the batch carries on.
        logger.error({ err, orgId }, "saving dialog analyses failed");
        outcomes = items.map(() => ({ status: "error", error: String(err) }));
      }
      for (const o of outcomes) tally(stats, o);
      done += items.length;
      await report();
    });
    return writing;
  };
  const push = (item: Computed) => {
    pending.push(item);
    if (pending.length >= FLUSH_SIZE) void flush();
    else timer ??= setTimeout(() => void flush(), FLUSH_MS);
  };

  // Shared by every worker: after the provider kept answering 429 through the SDK's retries, nobody starts a
  // call before this time, so the whole pool backs off instead of hammering it.
  let coolUntil = 0;
  // OpenAI said insufficient_quota: waiting cannot help, so no worker sends another dialog.
  let quota: Computed | undefined;
  // One answer is enough to know the quota is back.
  let answered: Computed | undefined;
  const budgetMs = settings.analysisTimeoutSeconds * 1000;
  const worker = async () => {
    for (let item = await take(); item && !signal?.aborted && !quota; item = await take()) {
      let computed: Computed | undefined;
      // The dialog's budget covers every attempt below, the cool-downs between them included.
      const deadline = Date.now() + budgetMs;
      for (let attempt = 0; !computed; attempt++) {
        const wait = coolUntil - Date.now();
        if (wait > 0 && !item.skip) {
          if (Date.now() + wait >= deadline) {
            computed = timedOut(item, budgetMs);
            break;
          }
          await sleep(wait, signal);
        }
        if (signal?.aborted) return;
        try {
          computed = await computeAnalysis(item, engine, settings, {
            signal,
            throwTransient: attempt < retries,
            deadline,
          });
        } catch (err) {
          if (signal?.aborted) return;
          if (!(err instanceof TransientAnalysisError)) throw err;
          const backoff = err.retryAfterMs ?? Math.min(30_000, 2_000 * 2 ** attempt);
          coolUntil = Math.max(coolUntil, Date.now() + backoff);
        }
      }
      if (computed.kind === "failed" && computed.quota) quota ??= computed;
      if (computed.kind === "analyzed") answered ??= computed;
      push(computed);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, contactIds.length) }, worker));
  } finally {
    await flush();
  }
  await noteProviderState(orgId, engine, quota ? [quota] : answered ? [answered] : []);
  if (signal?.aborted) throw new Error("dialog analysis was interrupted");
  await report(true);
  if (quota?.kind === "failed") {
    // Stopped at once, not retried: the job fails with the reason, the counts so far stay in its progress.
    throw new PermanentJobError(`OpenAI quota exhausted, analysis stopped: ${quota.error}`);
  }
  return stats;
}
