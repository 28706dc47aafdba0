import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { asService, type Sql } from "@/lib/db";
import { enqueue } from "@/lib/jobs/enqueue";
import { cancelJob } from "@/lib/jobs/store";
import { cancelTriggerRun, readTriggerRun } from "@/lib/jobs/trigger-runs";
import { batchFiltersSchema, batchStatsSchema, emptyStats, type BatchStats } from "./batch";
import { dedupeKeyFor, dialogsAnalyze } from "./jobs";

// Seed 004's POST /dialogs/analyze as a job: started here, followed through GET /dialogs/analyze/:jobId.

export const analyzeBodySchema = batchFiltersSchema.extend({
  /** Accepted for seed 004's clients: must be the active organisation's id. */
  userAccountId: z.uuid().optional(),
  /** Answer with the final stats (waiting up to a minute) instead of 202 at once. */
  wait: z.boolean().optional(),
});
export type AnalyzeBody = z.infer<typeof analyzeBodySchema>;

export const ANALYSIS_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;

export const analysisRunSchema = z.object({
  success: z.literal(true),
  jobId: z.string(),
  status: z.enum(ANALYSIS_STATUSES),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  stats: batchStatsSchema,
  /** Why it failed or stopped (e.g. the OpenAI quota is exhausted); null otherwise. */
  error: z.string().nullable(),
});
export type AnalysisRun = z.infer<typeof analysisRunSchema>;

type JobRow = { status: string; progress: Record<string, unknown> | null; result: unknown; last_error: string | null };
const QUEUED: JobRow = { status: "queued", progress: null, result: null, last_error: null };

function toRun(jobId: string, row: JobRow): AnalysisRun {
  const status = row.status as AnalysisRun["status"];
  const progress = row.progress ?? {};
  const result = batchStatsSchema.safeParse(row.result);
  const partial = batchStatsSchema.safeParse(progress.stats);
  const stats: BatchStats = result.success ? result.data : partial.success ? partial.data : emptyStats();
  return {
    success: true,
    jobId,
    status,
    progress: {
      done: result.success ? stats.total : Number(progress.done ?? 0),
      total: Number(progress.total ?? stats.total),
    },
    stats,
    error: status === "succeeded" ? null : row.last_error,
  };
}

const JOB_SQL = `select status, progress, result, last_error from public.jobs
  where org_id = $1 and id = $2 and name = 'dialogs.analyze'`;

/** The run: a row of the jobs table (read through sql: RLS applies), or a Trigger.dev run of the organisation. */
async function readRun(sql: Sql, orgId: string, jobId: string): Promise<JobRow | undefined> {
  if (!z.uuid().safeParse(jobId).success) return readTriggerRun(jobId, dialogsAnalyze.name, orgId);
  return (await sql.query<JobRow>(JOB_SQL, [orgId, jobId]))[0];
}

/** A member reading their organisation's run; 404 for anyone else's or an unknown id. */
export async function getAnalysisRun(sql: Sql, orgId: string, jobId: string): Promise<AnalysisRun> {
  const row = await readRun(sql, orgId, jobId);
  if (!row) throw new ApiError("not_found", "no analysis run with this id");
  return toRun(jobId, row);
}

export const WAIT_MS = 60_000;

/**
 * Enqueues the batch (one per organisation at a time: a second request joins the running one) and, with
 * `wait`, follows it until it ends. Runs as the service after the request's transaction: call it in afterCommit.
 */
export async function startAnalysis(orgId: string, body: AnalyzeBody, waitMs = WAIT_MS): Promise<Response> {
  const { wait, userAccountId: _account, ...filters } = body;
  const job = await enqueue(dialogsAnalyze, filters, { orgId, dedupeKey: dedupeKeyFor(`org:${orgId}`, 60_000) });
  const read = () => asService((sql) => readRun(sql, orgId, job.id));
  // Trigger.dev is asked over the network: less often than the local table.
  const every = job.backend === "trigger" ? 1_000 : 200;
  let row = await read();
  const until = Date.now() + (wait ? waitMs : 0);
  while (wait && (!row || row.status === "queued" || row.status === "running") && Date.now() < until) {
    await new Promise((r) => setTimeout(r, every));
    row = await read();
  }
  const run = toRun(job.id, row ?? QUEUED);
  const finished = run.status === "succeeded" || run.status === "failed" || run.status === "cancelled";
  return Response.json(run, { status: finished ? 200 : 202 });
}

/**
 * Stops a queued or running batch (agents, as they start one): the job ends as cancelled at once, its workers stop
 * and what they finished is kept. Then the run as it stands. 404 for another organisation's or an unknown id; 409
 * once it has ended. Call after the member's read of the run (RLS) succeeded, in afterCommit.
 */
export async function cancelAnalysis(orgId: string, jobId: string, by: string): Promise<AnalysisRun> {
  const reason = `cancelled by ${by}`;
  const cancelled = z.uuid().safeParse(jobId).success
    ? await asService((sql) => cancelJob(sql, orgId, jobId, dialogsAnalyze.name, reason))
    : await cancelTriggerRun(jobId, dialogsAnalyze.name, orgId);
  const row = await asService((sql) => readRun(sql, orgId, jobId));
  if (!row) throw new ApiError("not_found", "no analysis run with this id");
  if (!cancelled) throw new ApiError("conflict", `the analysis already ended (${row.status})`);
  return toRun(jobId, row);
}

export const activeAnalysisSchema = z.object({ run: analysisRunSchema.nullable() });

/** The organisation's batch that is queued or running now, so the Leads page finds it again after a reload. */
export async function getActiveAnalysis(sql: Sql, orgId: string): Promise<z.infer<typeof activeAnalysisSchema>> {
  const [row] = await sql.query<JobRow & { id: string }>(
    `select id, status, progress, result, last_error from public.jobs
      where org_id = $1 and name = 'dialogs.analyze' and status in ('queued', 'running')
      order by created_at desc limit 1`,
    [orgId],
  );
  return { run: row ? toRun(row.id, row) : null };
}
