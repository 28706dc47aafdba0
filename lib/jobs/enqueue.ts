import { batch, tasks } from "@trigger.dev/sdk";
import { afterCommit, asService, type Sql } from "@/lib/db";
import { env } from "@/lib/env";
import { JOBS_CHANNEL } from "./store";
import { DEFAULT_MAX_ATTEMPTS, JobPayloadError, type AnyJob, type JobPayload } from "./registry";

export interface EnqueueOptions {
  /** The organisation the job works for: members see the job (RLS) and the body gets it as ctx.orgId. */
  orgId?: string | null;
  /** Not before this time. */
  runAt?: Date;
  maxAttempts?: number;
  /** While a job with this name and key is queued or running, enqueueing again returns that job. */
  dedupeKey?: string;
  /**
   * The caller's open transaction: the job is stored only if it commits, so a webhook can store an
   * event and the work that follows it atomically. It must be a service transaction (asService):
   * members cannot insert jobs. With Trigger.dev the run is requested after the transaction commits (when it
   * was opened by withUser / asService), and not at all if it rolls back.
   */
  sql?: Sql;
}

export interface Enqueued {
  /** jobs.id locally, the run id on Trigger.dev. */
  id: string;
  backend: "local" | "trigger";
  /** True when an equal pending job already existed and no new one was made. */
  deduplicated: boolean;
  /** True when the job's `wanted` said it had nothing to do: nothing was queued (and `id` is empty). */
  skipped?: boolean;
}

/** The payload checked against the job's schema, the attempts it gets, and whether it is wanted at all. */
async function checked<J extends AnyJob>(job: J, payload: JobPayload<J>, options: EnqueueOptions) {
  const parsed = await job.schema.safeParseAsync(payload);
  if (!parsed.success) throw new JobPayloadError(job.name, parsed.error.issues);
  const maxAttempts = options.maxAttempts ?? job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error("maxAttempts must be a positive integer");
  const ask = (tx: Sql) => job.wanted!(parsed.data, { sql: tx, orgId: options.orgId ?? null });
  const wanted = !job.wanted || (await (options.sql ? ask(options.sql) : asService(ask)));
  return { maxAttempts, wanted };
}

/** A run's options on Trigger.dev, from ours. */
const triggerOptions = (name: string, maxAttempts: number, options: EnqueueOptions) => ({
  delay: options.runAt,
  maxAttempts,
  idempotencyKey: options.dedupeKey ? `${name}:${options.dedupeKey}` : undefined,
  metadata: options.orgId ? { orgId: options.orgId } : undefined,
  tags: options.orgId ? [`org_${options.orgId}`] : undefined,
});

// From validated env rather than the SDK's own reading of process.env, so there is one switch.
const triggerClient = (secretKey: string, baseURL: string | undefined) => ({ clientConfig: { secretKey, baseURL } });

/** Validates the payload against the job's schema, then hands the job to the configured backend. */
export async function enqueue<J extends AnyJob>(
  job: J,
  payload: JobPayload<J>,
  options: EnqueueOptions = {},
): Promise<Enqueued> {
  const { maxAttempts, wanted } = await checked(job, payload, options);
  const { TRIGGER_SECRET_KEY, TRIGGER_API_URL } = env();
  if (!wanted) return { id: "", backend: TRIGGER_SECRET_KEY ? "trigger" : "local", deduplicated: false, skipped: true };
  if (TRIGGER_SECRET_KEY) {
    // The input, not the parsed output: the task parses it again with the same schema, as the local runner does.
    const request = () =>
      tasks.trigger(
        job.name,
        payload,
        triggerOptions(job.name, maxAttempts, options),
        triggerClient(TRIGGER_SECRET_KEY, TRIGGER_API_URL),
      );
    if (!options.sql) return { id: (await request()).id, backend: "trigger", deduplicated: false };
    // In the caller's transaction: requested once it commits (the run reads what it wrote); its id comes too late.
    await afterCommit(options.sql, async () => void (await request()));
    return { id: "", backend: "trigger", deduplicated: false };
  }

  const insert = (sql: Sql) => insertJob(sql, job.name, payload, maxAttempts, options);
  return options.sql ? insert(options.sql) : asService(insert);
}

export type JobRequest = { job: AnyJob; payload: unknown; options: Omit<EnqueueOptions, "sql"> };

/**
 * Several jobs at once. On Trigger.dev one batch, two API calls whatever the count, instead of a call each (a
 * busy webhook's batch of deliveries asks for all its follow-ups together; in a caller's transaction, once it
 * commits). Locally, in the caller's transaction `sql`, one statement for them all (a missed call's task and its
 * reminders: three jobs, one statement); otherwise each is enqueued alone. A job with a pending twin is skipped.
 */
export async function enqueueAll(requests: JobRequest[], sql?: Sql): Promise<void> {
  const { TRIGGER_SECRET_KEY, TRIGGER_API_URL } = env();
  // One run is one call either way.
  if (requests.length <= 1 || (!TRIGGER_SECRET_KEY && !sql)) {
    for (const r of requests) await enqueue(r.job, r.payload as never, { ...r.options, sql });
    return;
  }
  // One after another: they may ask their `wanted` in the caller's transaction, which runs a statement at a time.
  const checkedAll: (JobRequest & { maxAttempts: number })[] = [];
  for (const r of requests) {
    const { maxAttempts, wanted } = await checked(r.job, r.payload as never, { ...r.options, sql });
    if (wanted) checkedAll.push({ ...r, maxAttempts });
  }
  if (checkedAll.length === 0) return;
  if (!TRIGGER_SECRET_KEY) return insertJobs(sql!, checkedAll);
  const items = checkedAll.map(({ job, payload, options, maxAttempts }) => ({
    id: job.name,
    payload,
    options: triggerOptions(job.name, maxAttempts, options),
  }));
  const request = async () =>
    void (await batch.trigger(items, undefined, triggerClient(TRIGGER_SECRET_KEY, TRIGGER_API_URL)));
  if (sql) await afterCommit(sql, request);
  else await request();
}

async function insertJobs(sql: Sql, jobs: (JobRequest & { maxAttempts: number })[]): Promise<void> {
  const rows = jobs.map(({ job, payload, options, maxAttempts }) => ({
    org_id: options.orgId ?? null,
    name: job.name,
    payload: payload ?? {},
    max_attempts: maxAttempts,
    run_at: options.runAt?.toISOString() ?? null,
    dedupe_key: options.dedupeKey ?? null,
  }));
  await sql.query(
    `with ins as (
       insert into public.jobs (org_id, name, payload, max_attempts, run_at, dedupe_key)
       select r.org_id, r.name, r.payload, r.max_attempts, coalesce(r.run_at, now()), r.dedupe_key
         from jsonb_to_recordset($1::jsonb) as r(org_id uuid, name text, payload jsonb, max_attempts int,
                                                 run_at timestamptz, dedupe_key text)
       on conflict (name, dedupe_key) where dedupe_key is not null and status in ('queued', 'running')
       do nothing
       returning id)
     select pg_notify($2, id::text) from ins`,
    [JSON.stringify(rows), JOBS_CHANNEL],
  );
}

async function insertJob(
  sql: Sql,
  name: string,
  payload: unknown,
  maxAttempts: number,
  { orgId, runAt, dedupeKey }: EnqueueOptions,
): Promise<Enqueued> {
  // A pending twin may finish between our insert and our look-up; then the insert succeeds next time.
  for (let round = 0; round < 3; round++) {
    // The wake-up is sent in the same statement (delivered on commit, so the runner never wakes for a job it
    // cannot see yet): a statement less for every job enqueued.
    const [inserted] = await sql.query<{ id: string }>(
      `with ins as (
         insert into public.jobs (org_id, name, payload, max_attempts, run_at, dedupe_key)
         values ($1, $2, $3::jsonb, $4, coalesce($5::timestamptz, now()), $6)
         on conflict (name, dedupe_key) where dedupe_key is not null and status in ('queued', 'running')
         do nothing
         returning id)
       select id, pg_notify($7, id::text) from ins`,
      [
        orgId ?? null,
        name,
        JSON.stringify(payload ?? {}),
        maxAttempts,
        runAt?.toISOString() ?? null,
        dedupeKey ?? null,
        JOBS_CHANNEL,
      ],
    );
    if (inserted) return { id: inserted.id, backend: "local", deduplicated: false };
    const [existing] = await sql.query<{ id: string }>(
      `select id from public.jobs where name = $1 and dedupe_key = $2 and status in ('queued', 'running')`,
      [name, dedupeKey],
    );
    if (existing) return { id: existing.id, backend: "local", deduplicated: true };
  }
  throw new Error(`job "${name}" with dedupe key "${dedupeKey}" kept conflicting`);
}
