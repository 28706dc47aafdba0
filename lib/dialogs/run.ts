import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { asService, type Sql } from "@/lib/db";
import { enqueue } from "@/lib/jobs/enqueue";
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

export const ANALYSIS_STATUSES = ["queued", "running", "succeeded", "failed"] as const;

export const analysisRunSchema = z.object({
  success: z.literal(true),
  jobId: z.string(),
  status: z.enum(ANALYSIS_STATUSES),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  stats: batchStatsSchema,
});
export type AnalysisRun = z.infer<typeof analysisRunSchema>;

type JobRow = { status: string; progress: Record<string, unknown> | null; result: unknown; last_error: string | null };

function toRun(jobId: string, row: JobRow): AnalysisRun {
  const status = row.status === "cancelled" ? "failed" : (row.status as AnalysisRun["status"]);
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
  };
}

const JOB_SQL = `select status, progress, result, last_error from public.jobs
  where org_id = $1 and id = $2 and name = 'dialogs.analyze'`;

/** A member reading their organisation's run (RLS); 404 for anyone else's or an unknown id. */
export async function getAnalysisRun(sql: Sql, orgId: string, jobId: string): Promise<AnalysisRun> {
  if (!z.uuid().safeParse(jobId).success) throw new ApiError("not_found", "no analysis run with this id");
  const [row] = await sql.query<JobRow>(JOB_SQL, [orgId, jobId]);
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
  if (job.backend === "trigger") {
    return Response.json(
      { ...toRun(job.id, { status: "queued", progress: null, result: null, last_error: null }) },
      {
        status: 202,
      },
    );
  }
  const read = () => asService(async (sql) => (await sql.query<JobRow>(JOB_SQL, [orgId, job.id]))[0]);
  let row = await read();
  const until = Date.now() + (wait ? waitMs : 0);
  while (wait && row && (row.status === "queued" || row.status === "running") && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 200));
    row = await read();
  }
  const run = toRun(job.id, row ?? { status: "queued", progress: null, result: null, last_error: null });
  const finished = run.status === "succeeded" || run.status === "failed";
  return Response.json(run, { status: finished ? 200 : 202 });
}
