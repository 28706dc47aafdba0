import { ApiError, isUnavailable } from "@/lib/api/errors";
import { asService, type Sql } from "@/lib/db";
import { adapterFor } from "@/lib/channels/registry";
import { loadChannelForWebhook } from "@/lib/channels/store";
import type { ChannelRecord, WebhookRequest } from "@/lib/channels/types";
import { enqueueAll, type JobRequest } from "@/lib/jobs";
import {
  deliveryArgs,
  deliveryJson,
  followUps,
  ingestResult,
  jobsInDatabase,
  storedPayload,
  type DeliveryOutcome,
  type IngestResult,
} from "./ingest-store";

/**
 * Group commit for webhook deliveries. Requests arriving while a batch is being stored wait for the next
 * one; each batch is one transaction: the channels it names loaded once, every request verified and parsed,
 * then one call of private.ingest_batch (each delivery in its own subtransaction). A busy webhook costs the
 * database one commit per batch instead of one per request. A request is answered only after its batch
 * committed, so nothing is acknowledged before it is durable; deduplication is the same unique key as for a
 * single delivery. An idle server stores a lone request at once: no added wait at low load.
 */

export type WebhookDelivery = { provider: string; channelId: string; request: WebhookRequest };
type Answer = { ok: true; channel: ChannelRecord; result: IngestResult } | { ok: false; error: unknown };
type Pending = { delivery: WebhookDelivery; done: (answer: Answer) => void };
type Prepared = { index: number; key: string; channel: ChannelRecord; args: ReturnType<typeof deliveryArgs> };

// Deliveries per transaction: enough to absorb a burst, few enough that one batch stays a few milliseconds.
const MAX_BATCH = 64;
// Deadlocks between two processes' batches are rare (deliveries go in the same order) but possible;
// PostgreSQL aborts one transaction, which is then stored again.
const RETRYABLE = new Set(["40P01", "40001"]);

// Batches stored side by side: the next one is verified and sent while the database works on the last
// (measured on 2 cores: slightly ahead of one at a time at 32-64 concurrent requests, within the noise below).
const PARALLEL = 2;

type State = { queue: Pending[]; running: number };
// One queue per process: Next.js may load this module once per route bundle, globalThis is shared.
const state: State = ((globalThis as { __relayIngestBatch?: State }).__relayIngestBatch ??= {
  queue: [],
  running: 0,
});

export const unknownChannel = () => new ApiError("not_found", "unknown or disabled channel");

/** Loads (once per channel), verifies and parses each delivery; a delivery that fails answers on its own. */
async function prepare(sql: Sql, batch: Pending[], answers: Map<number, Answer>): Promise<Prepared[]> {
  const channels = new Map<string, Promise<ChannelRecord | undefined>>();
  const prepared: Prepared[] = [];
  for (const [index, { delivery }] of batch.entries()) {
    try {
      const key = `${delivery.provider}/${delivery.channelId}`;
      if (!channels.has(key)) channels.set(key, loadChannelForWebhook(delivery.provider, delivery.channelId, sql));
      const channel = await channels.get(key)!;
      if (!channel) throw unknownChannel();
      const adapter = adapterFor(channel.type);
      await adapter.verify(channel, delivery.request);
      // Before the adapter parses: what the store cannot keep is this delivery's 400, not its batch's 500.
      const raw = storedPayload(delivery.request);
      const parsed = adapter.parse(channel, delivery.request);
      const args = deliveryArgs(channel, parsed, raw, "live");
      const thread = parsed.events.find((e) => e.kind === "message")?.threadId ?? "";
      prepared.push({ index, key: `${channel.id}/${thread}`, channel, args });
    } catch (error) {
      answers.set(index, { ok: false, error });
    }
  }
  // Ordered by channel and thread (a stable sort: within a thread, in the order they arrived, which is the order
  // the thread shows them), so batches running side by side take their row locks in one order.
  return prepared.sort((a, b) => a.key.localeCompare(b.key));
}

type BatchResult = { ok: DeliveryOutcome } | { error: string; code: string };

const ingestBatch = async (sql: Sql, prepared: Prepared[], jobs: ReturnType<typeof jobsInDatabase>) => {
  const [{ results }] = await sql.query<{ results: BatchResult[] }>(
    "select private.ingest_batch($1::jsonb, $2::jsonb) as results",
    [`[${prepared.map((p) => deliveryJson(p.args)).join(",")}]`, jobs && JSON.stringify(jobs)],
  );
  return results;
};

const transient = (error: unknown) => isUnavailable(error) || RETRYABLE.has((error as { code?: string }).code ?? "");

/**
 * ingest_batch under a savepoint: its results, or the error that rolled it back (a lost connection is
 * rethrown). The commit releases a savepoint left open, so only the one-by-one path spends a round trip on it.
 */
async function underSavepoint(
  sql: Sql,
  prepared: Prepared[],
  jobs: ReturnType<typeof jobsInDatabase>,
  release = false,
) {
  await sql.query("savepoint delivery_batch");
  try {
    const results = await ingestBatch(sql, prepared, jobs);
    if (release) await sql.query("release savepoint delivery_batch");
    return results;
  } catch (error) {
    if (transient(error)) throw error;
    await sql.query("rollback to savepoint delivery_batch");
    const e = error as { message?: string; code?: string };
    return { error: e.message ?? "could not store", code: e.code ?? "XX000" };
  }
}

/**
 * Stores the batch in one call; each delivery already has its own subtransaction inside it. Should the call
 * itself fail (a delivery whose JSON the database refuses fails the array it is spliced into), the batch is
 * rolled back to its savepoint and each delivery stored on its own, so only the one at fault answers an error.
 * A lost connection or a deadlock is the whole batch's: rethrown, for store() to retry or answer 503.
 */
async function ingestIsolated(
  sql: Sql,
  prepared: Prepared[],
  jobs: ReturnType<typeof jobsInDatabase>,
): Promise<BatchResult[]> {
  const together = await underSavepoint(sql, prepared, jobs);
  if (Array.isArray(together)) return together;
  if (prepared.length === 1) return [together];
  const results: BatchResult[] = [];
  for (const p of prepared) {
    const alone = await underSavepoint(sql, [p], jobs, true);
    results.push(Array.isArray(alone) ? alone[0] : alone);
  }
  return results;
}

async function storeBatch(batch: Pending[]): Promise<Map<number, Answer>> {
  const answers = new Map<number, Answer>();
  await asService(async (sql) => {
    const prepared = await prepare(sql, batch, answers);
    if (!prepared.length) return;
    const jobs = jobsInDatabase();
    const results = await ingestIsolated(sql, prepared, jobs);
    const requests: JobRequest[] = [];
    for (const [i, p] of prepared.entries()) {
      const r = results[i];
      if ("ok" in r) requests.push(...followUps(p.channel, r.ok, "live", jobs));
      answers.set(
        p.index,
        "ok" in r
          ? { ok: true, channel: p.channel, result: ingestResult(r.ok) }
          : // Shaped like node-postgres's errors, so the route maps it as it maps any database error.
            { ok: false, error: Object.assign(new Error(r.error), { code: r.code }) },
      );
    }
    // With Trigger.dev: the whole batch's follow-up runs in one request, before commit.
    await enqueueAll(requests);
  });
  return answers;
}

async function store(batch: Pending[]) {
  for (let attempt = 1; ; attempt++) {
    try {
      const answers = await storeBatch(batch);
      for (const [index, item] of batch.entries()) item.done(answers.get(index)!);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt < 3 && code && RETRYABLE.has(code)) continue;
      // The transaction failed as a whole (database down): every request in it hears so; none was stored.
      for (const item of batch) item.done({ ok: false, error });
      return;
    }
  }
}

/** Starts batches while there is work and room; each finished batch starts the next with what queued up. */
function drain() {
  while (state.queue.length && state.running < PARALLEL) {
    const batch = state.queue.splice(0, MAX_BATCH);
    state.running++;
    void store(batch).finally(() => {
      state.running--;
      drain();
    });
  }
}

/**
 * Verifies, parses and stores one webhook delivery in the next batch. Resolves once that batch committed,
 * with the channel and what was stored; rejects with this delivery's own error (unknown channel, signature,
 * malformed body) or the batch's (database unavailable).
 */
export function ingestWebhook(delivery: WebhookDelivery): Promise<{ channel: ChannelRecord; result: IngestResult }> {
  return new Promise((resolve, reject) => {
    state.queue.push({ delivery, done: (a) => (a.ok ? resolve(a) : reject(a.error)) });
    drain();
  });
}
