import type { Database, Sql } from "@/lib/db";
import type { JsonObject } from "./registry";

/** The channel the in-process runner listens on; the payload is the job id, or CANCEL_PREFIX + the job id. */
export const JOBS_CHANNEL = "relay_jobs";
export const CANCEL_PREFIX = "cancel:";

export type JobStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled";

export interface JobRow {
  id: string;
  org_id: string | null;
  name: string;
  payload: unknown;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  run_at: Date;
  locked_at: Date | null;
  locked_by: string | null;
  progress: JsonObject | null;
  result: unknown;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

// The runner is infrastructure, not a request: it runs as the connecting role (the tables' owner).
// Every write after the claim is fenced on (locked_by, attempts) so a worker whose lease was taken
// over can never overwrite what the new holder does.
const FENCE = "id = $1 and locked_by = $2 and attempts = $3 and status = 'running'";
const fence = (job: JobRow) => [job.id, job.locked_by, job.attempts];

/**
 * Takes up to `limit` jobs: queued ones that are due, and running ones whose lease expired because
 * the process holding them died. SKIP LOCKED lets several runners claim side by side without waiting
 * on, or taking, each other's rows.
 */
export function claimJobs(db: Database, limit: number, workerId: string, leaseMs: number): Promise<JobRow[]> {
  return db.transaction((sql) =>
    sql.query<JobRow>(
      `with due as (
         select id from public.jobs
          where (status = 'queued' and run_at <= now())
             or (status = 'running' and locked_at < now() - $2 * interval '1 millisecond')
          order by run_at
          limit $1
          for update skip locked
       )
       update public.jobs j
          set status = 'running', attempts = j.attempts + 1, locked_at = now(), locked_by = $3
         from due where j.id = due.id
       returning j.*`,
      [limit, leaseMs, workerId],
    ),
  );
}

async function fenced(db: Database, job: JobRow, set: string, params: unknown[] = []): Promise<boolean> {
  return db.transaction(async (sql) => {
    const rows = await sql.query(`update public.jobs set ${set} where ${FENCE} returning id`, [
      ...fence(job),
      ...params,
    ]);
    return rows.length === 1;
  });
}

/** Extends the lease of a job still being worked on. False when the lease was lost. */
export const heartbeat = (db: Database, job: JobRow) => fenced(db, job, "locked_at = now()");

export const recordProgress = (db: Database, job: JobRow, progress: JsonObject) =>
  fenced(db, job, "progress = $4::jsonb, locked_at = now()", [JSON.stringify(progress)]);

export const completeJob = (db: Database, job: JobRow, result: unknown) =>
  fenced(
    db,
    job,
    `status = 'succeeded', result = $4::jsonb, last_error = null, finished_at = now(),
     locked_at = null, locked_by = null`,
    [JSON.stringify(result ?? null)],
  );

/** Fails the job for good, or (retryInMs set) puts it back in the queue for a later attempt. */
export function failJob(db: Database, job: JobRow, error: string, retryInMs: number | null) {
  return retryInMs === null
    ? fenced(
        db,
        job,
        `status = 'failed', last_error = $4, finished_at = now(), locked_at = null, locked_by = null,
         attempts = least(attempts, max_attempts)`,
        [error],
      )
    : fenced(
        db,
        job,
        `status = 'queued', last_error = $4, run_at = now() + $5 * interval '1 millisecond',
         locked_at = null, locked_by = null`,
        [error, retryInMs],
      );
}

/** Hands a job interrupted by shutdown back to the queue without counting the attempt against it. */
export async function releaseJob(db: Database, job: JobRow) {
  return db.transaction(async (sql: Sql) => {
    const rows = await sql.query(
      `update public.jobs set status = 'queued', attempts = attempts - 1, run_at = now(),
              locked_at = null, locked_by = null
        where ${FENCE} returning id`,
      fence(job),
    );
    if (rows.length) await sql.query("select pg_notify($1, $2)", [JOBS_CHANNEL, job.id]);
    return rows.length === 1;
  });
}

/**
 * Cancels a queued or running job of the organisation: the row says cancelled at once (so no runner claims it,
 * and the running one's writes, fenced on status, change nothing), and the runner holding it is told to abort
 * its body. False when there is no such job or it had already ended. Runs as the service.
 */
export async function cancelJob(sql: Sql, orgId: string, jobId: string, name: string, reason: string) {
  const rows = await sql.query<{ id: string }>(
    `update public.jobs set status = 'cancelled', last_error = $4, finished_at = now(), locked_at = null,
            locked_by = null
      where org_id = $1 and id = $2 and name = $3 and status in ('queued', 'running')
      returning id`,
    [orgId, jobId, name, reason.slice(0, 4000)],
  );
  if (rows.length) await sql.query("select pg_notify($1, $2)", [JOBS_CHANNEL, CANCEL_PREFIX + jobId]);
  return rows.length === 1;
}
