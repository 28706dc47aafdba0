import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { getDb, type Database } from "@/lib/db";
import { inBackground } from "@/lib/db/priority";
import { logger } from "@/lib/log";
import { jobMap, PermanentJobError, RetryLaterError, type AnyJob, type JobContext } from "./registry";
import {
  claimJobs,
  completeJob,
  failJob,
  CANCEL_PREFIX,
  heartbeat,
  JOBS_CHANNEL,
  recordProgress,
  releaseJob,
  type JobRow,
} from "./store";

export interface RunnerOptions {
  /** Defaults to the process's database. */
  db?: Database;
  /** Defaults to lib/jobs/catalog.ts. */
  jobs?: readonly AnyJob[];
  concurrency?: number;
  /** How often to look for due jobs when no notification arrives (retries, runAt, missed NOTIFYs). */
  pollMs?: number;
  /** A running job whose worker has not renewed it for this long is taken over. */
  leaseMs?: number;
  /** The first retry's delay; doubled each attempt, capped at maxBackoffMs, with jitter. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How long stop() lets running jobs finish before aborting them. */
  stopGraceMs?: number;
}

export interface Runner {
  readonly workerId: string;
  /** Resolves once the runner is listening and has made its first pass. */
  readonly ready: Promise<void>;
  /** Looks for due jobs now rather than at the next poll. */
  wake(): void;
  stop(): Promise<void>;
}

const log = logger.child({ module: "jobs" });
const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 4000);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export function backoffDelay(attempt: number, baseMs: number, capMs: number, random = Math.random) {
  const exponential = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  // Equal jitter: at least half the delay, so jobs failing together do not come back together.
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/** A durable runner over public.jobs: claims due jobs, runs them, retries with backoff, records the outcome. */
export function startRunner(options: RunnerOptions = {}): Runner {
  const concurrency = options.concurrency ?? 4;
  const pollMs = options.pollMs ?? 1_000;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const backoffMs = options.backoffMs ?? 1_000;
  const maxBackoffMs = options.maxBackoffMs ?? 10 * 60_000;
  const stopGraceMs = options.stopGraceMs ?? 10_000;
  const workerId = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

  const abort = new AbortController();
  const inflight = new Set<Promise<void>>();
  // Per running job, so a cancelled one (cancelJob) stops without stopping the others.
  const cancels = new Map<string, AbortController>();
  let db: Database;
  let jobs: Map<string, AnyJob>;
  let unlisten: (() => Promise<void>) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let pumping: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  function wake() {
    if (stopped || !db) return;
    if (pumping) {
      again = true;
      return;
    }
    // Background work: on the embedded database its transactions wait for the requests' (lib/db/priority.ts).
    pumping = inBackground(pump).finally(() => {
      pumping = undefined;
      // A wake-up that arrived after the last pass looked.
      if (again) wake();
    });
  }

  async function pump() {
    clearTimeout(timer);
    try {
      do {
        again = false;
        const free = concurrency - inflight.size;
        if (free <= 0) break;
        const claimed = await claimJobs(db, free, workerId, leaseMs);
        for (const job of claimed) track(execute(job));
        // A full batch means more may be due.
        if (claimed.length === free) again = true;
      } while (again && !stopped);
    } catch (error) {
      log.error({ err: error }, "claiming jobs failed; retrying at the next poll");
    } finally {
      if (!stopped) timer = setTimeout(wake, pollMs).unref();
    }
  }

  function track(run: Promise<void>) {
    inflight.add(run);
    void run.finally(() => {
      inflight.delete(run);
      wake();
    });
  }

  async function execute(job: JobRow) {
    const definition = jobs.get(job.name);
    try {
      if (!definition) {
        // Retried like any failure: during a rolling deploy a newer process may know the job.
        const error = `unknown job "${job.name}": no definition in lib/jobs/catalog.ts`;
        await failJob(db, job, error, job.attempts >= job.max_attempts ? null : retryDelay(job));
        return;
      }
      if (job.attempts > job.max_attempts) {
        // Taken over after its worker died on the last allowed attempt.
        const error = `worker stopped responding on attempt ${job.max_attempts} of ${job.max_attempts} (lease expired)`;
        await failJob(db, job, error, null);
        return;
      }
      const parsed = await definition.schema.safeParseAsync(job.payload);
      if (!parsed.success) {
        await failJob(db, job, `invalid payload: ${message(parsed.error)}`, null);
        return;
      }
      await runBody(definition, job, parsed.data);
    } catch (error) {
      // Only the database can fail here; the lease expires and another pass takes the job over.
      log.error({ err: error, jobId: job.id, job: job.name }, "recording a job's outcome failed");
    }
  }

  const retryDelay = (job: JobRow) => backoffDelay(job.attempts, backoffMs, maxBackoffMs);

  async function runBody(definition: AnyJob, job: JobRow, payload: unknown) {
    const cancel = new AbortController();
    cancels.set(job.id, cancel);
    // A lease that is no longer ours (cancelled, or taken over after a stall) ends the body's work too.
    const lost = () => cancel.abort(new Error("the job was cancelled or taken over"));
    const beat = setInterval(() => {
      heartbeat(db, job)
        .then((held) => held || lost())
        .catch((error) => log.warn({ err: error, jobId: job.id }, "lease renewal failed"));
    }, leaseMs / 3).unref();
    const ctx: JobContext = {
      jobId: job.id,
      orgId: job.org_id,
      attempt: job.attempts,
      maxAttempts: job.max_attempts,
      signal: AbortSignal.any([abort.signal, cancel.signal]),
      progress: async (progress) => {
        if (await recordProgress(db, job, progress)) return;
        log.warn({ jobId: job.id }, "progress after lease was lost");
        lost();
      },
    };
    let outcome: { ok: true; result: unknown } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, result: await definition.run(payload, ctx) };
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      clearInterval(beat);
      cancels.delete(job.id);
    }
    if (cancel.signal.aborted) {
      // Cancelled (the row says so already) or another worker holds it now: nothing of ours to record.
      log.info({ jobId: job.id, job: job.name }, "job stopped: cancelled or taken over");
      return;
    }
    if (outcome.ok) {
      await completeJob(db, job, outcome.result);
      return;
    }
    const { error } = outcome;
    if (abort.signal.aborted) {
      await releaseJob(db, job);
      return;
    }
    const final = error instanceof PermanentJobError || job.attempts >= job.max_attempts;
    // The body knows when trying again makes sense (a provider's Retry-After); otherwise back off.
    const retryIn = final ? null : error instanceof RetryLaterError ? error.delayMs : retryDelay(job);
    log.warn({ err: error, jobId: job.id, job: job.name, attempt: job.attempts, retryIn }, "job failed");
    await failJob(db, job, message(error), retryIn);
  }

  const ready = (async () => {
    db = options.db ?? (await getDb());
    jobs = jobMap(options.jobs ?? (await import("./catalog")).jobCatalog);
    try {
      unlisten = await db.listen(JOBS_CHANNEL, (payload) => {
        if (payload.startsWith(CANCEL_PREFIX)) cancels.get(payload.slice(CANCEL_PREFIX.length))?.abort();
        else wake();
      });
    } catch (error) {
      // Some poolers (e.g. transaction mode) cannot LISTEN; polling still finds every job.
      log.warn({ err: error }, "cannot listen for new jobs; polling only");
    }
    if (stopped) return;
    wake();
    await pumping;
  })();
  ready.catch((error) => log.error({ err: error }, "jobs runner failed to start"));

  async function stop() {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    await ready.catch(() => {});
    await pumping;
    await unlisten?.().catch(() => {});
    const settled = () => Promise.allSettled([...inflight]);
    await Promise.race([settled(), sleep(stopGraceMs)]);
    if (inflight.size) {
      abort.abort(new Error("jobs runner stopping"));
      // A body that ignores the signal keeps its lease until it expires; we do not wait forever.
      await Promise.race([settled(), sleep(stopGraceMs)]);
    }
  }

  return { workerId, ready, wake, stop };
}
