import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { readTriggerRun } from "@/lib/jobs/trigger-runs";

// An Evolution import as the channel's admins follow it: GET /api/channels/:id/import (the latest) and
// /import/:jobId (one run). Read from the evolution.import job (RLS: members see their organisation's jobs),
// or from Trigger.dev when it ran there (the channel records its latest run's id, whichever backend).

const JOB_NAME = "evolution.import";

export const IMPORT_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;

export const importResultSchema = z.object({
  /** Rows the import reads (its filters applied), and how many it has read. */
  total: z.number().int(),
  scanned: z.number().int(),
  /** Conversations that received newly stored messages. */
  conversations: z.number().int(),
  /** Messages newly stored. */
  messages: z.number().int(),
  /** Rows read and not stored: already in the inbox, or not a dialog message (reactions, stubs). */
  skipped: z.number().int(),
  /** Of the skipped, messages already in the inbox (an earlier import, or the live webhook first). */
  alreadyStored: z.number().int(),
  /** Rows in a shape the import cannot read. */
  errors: z.number().int(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const importRunSchema = z.object({
  jobId: z.string(),
  channelId: z.uuid(),
  status: z.enum(IMPORT_STATUSES),
  /** So far while running; the final counts once succeeded. */
  result: importResultSchema,
  /** Why it failed; while `status` is queued after a failed attempt, why the last attempt failed (it is retried). */
  error: z.string().nullable(),
  /** A failed attempt that will be tried again. */
  retrying: z.boolean(),
  attempts: z.number().int(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ImportRun = z.infer<typeof importRunSchema>;

export const latestImportSchema = z.object({ import: importRunSchema.nullable() });

type Row = {
  id: string;
  payload: { channelId?: string } | null;
  status: ImportRun["status"];
  progress: Record<string, unknown> | null;
  result: Record<string, unknown> | null;
  last_error: string | null;
  attempts: number;
  created_at: Date | string | null;
  finished_at: Date | string | null;
};

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

function countsOf(source: Record<string, unknown> | null): ImportResult {
  const s = source ?? {};
  return {
    total: num(s.total),
    scanned: num(s.scanned),
    conversations: num(s.conversations),
    messages: num(s.stored),
    skipped: num(s.skipped),
    alreadyStored: num(s.alreadyStored),
    errors: num(s.errors),
  };
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

function toRun(row: Row, channelId: string): ImportRun {
  return {
    jobId: row.id,
    channelId,
    status: row.status,
    result: countsOf(row.result ?? row.progress),
    error: row.status === "succeeded" ? null : row.last_error,
    retrying: row.status === "queued" && row.last_error !== null,
    attempts: row.attempts,
    startedAt: iso(row.created_at),
    finishedAt: iso(row.finished_at),
  };
}

const COLUMNS = "id, payload, status, progress, result, last_error, attempts, created_at, finished_at";

/** One import of the channel; 404 for another channel's, another organisation's or an unknown id. */
export async function getImportRun(sql: Sql, orgId: string, channelId: string, jobId: string): Promise<ImportRun> {
  if (!z.uuid().safeParse(jobId).success) {
    // A Trigger.dev run of this organisation's imports (its metadata names the organisation, not the channel).
    const run = await readTriggerRun(jobId, JOB_NAME, orgId);
    if (!run) throw new ApiError("not_found", "no import with this id");
    return toRun(
      {
        id: jobId,
        payload: null,
        status: run.status,
        progress: run.progress,
        result: (run.result as Record<string, unknown> | null) ?? null,
        last_error: run.last_error,
        attempts: 0,
        created_at: null,
        finished_at: null,
      },
      channelId,
    );
  }
  const [row] = await sql.query<Row>(
    `select ${COLUMNS} from public.jobs
      where org_id = $1 and id = $2 and name = $3 and payload ->> 'channelId' = $4`,
    [orgId, jobId, JOB_NAME, channelId],
  );
  if (!row) throw new ApiError("not_found", "no import with this id");
  return toRun(row, channelId);
}

/**
 * The channel's most recent import: the run recorded on the channel when it was started (a job id or a
 * Trigger.dev run id, read alike), else the newest evolution.import job (imports started before that column).
 */
export async function getLatestImport(sql: Sql, orgId: string, channelId: string): Promise<ImportRun | null> {
  const [channel] = await sql.query<{ last_import_run: string | null }>(
    "select last_import_run from public.channels where org_id = $1 and id = $2",
    [orgId, channelId],
  );
  if (channel?.last_import_run) {
    try {
      return await getImportRun(sql, orgId, channelId, channel.last_import_run);
    } catch (err) {
      // A run Trigger.dev no longer knows, or a job pruned since: fall back to what the queue still holds.
      if (!(err instanceof ApiError && err.code === "not_found")) throw err;
    }
  }
  const [row] = await sql.query<Row>(
    `select ${COLUMNS} from public.jobs
      where org_id = $1 and name = $2 and payload ->> 'channelId' = $3
      order by created_at desc, id desc limit 1`,
    [orgId, JOB_NAME, channelId],
  );
  return row ? toRun(row, channelId) : null;
}
