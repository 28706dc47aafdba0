import { z } from "zod";
import { notify } from "@/lib/assistant/notifications";
import { asService, withUser, type Claims } from "@/lib/db";
import { translatorFor } from "@/lib/i18n/translator";
import { enqueue } from "@/lib/jobs/enqueue";
import { defineRecurringJob } from "@/lib/jobs/recurring";
import { defineJob, PermanentJobError, type JobContext } from "@/lib/jobs/registry";
import { csvSourceStream, type Cell, type CsvSource } from "./csv";
import { produceExport, type ExportKind } from "./kinds";
import { downloadPath } from "./store";

// The `exports.build` job: runs the streaming route's producer as the member who asked (RLS as theirs, so the
// file holds what the download would have), and writes the bytes the route would have sent into
// export_chunks, one page per chunk, each page with its progress in one short transaction. Nothing is kept in
// memory beyond the page being written. A failure deletes what was written and records the error.

/** How long a finished file stays downloadable. */
export const EXPORT_TTL_MS = 7 * 86_400_000;
export const EXPIRE_EVERY_MS = 3_600_000;

export const buildExportPayload = z.object({ exportId: z.uuid() });

type Row = {
  user_id: string;
  kind: ExportKind;
  params: Record<string, string>;
  status: string;
  locale: string;
  member: boolean;
};

/**
 * The rows written once each chunk is: csvBatches sends the header as chunk 0, then one chunk per non-empty
 * page. Counted as the pages are read (the stream reads one page ahead), looked up by the chunk being written.
 */
function counted(source: CsvSource): { source: CsvSource; rowsAt: (seq: number) => number } {
  const totals = [0];
  async function* pages() {
    for await (const page of source.batches) {
      if (page.length) totals.push(totals[totals.length - 1] + page.length);
      yield page as Cell[][];
    }
  }
  return { source: { ...source, batches: pages() }, rowsAt: (seq) => totals[seq] ?? totals[totals.length - 1] };
}

export async function buildExport(exportId: string, ctx: Pick<JobContext, "orgId" | "signal" | "progress">) {
  const orgId = ctx.orgId;
  if (!orgId) throw new PermanentJobError("exports.build needs the organisation");
  const [exp] = await asService((sql) =>
    sql.query<Row>(
      `select e.user_id, e.kind, e.params, e.status, coalesce(p.locale, 'en') as locale,
              exists (select 1 from public.memberships m where m.org_id = e.org_id and m.user_id = e.user_id) as member
         from public.exports e left join public.profiles p on p.id = e.user_id
        where e.org_id = $1 and e.id = $2`,
      [orgId, exportId],
    ),
  );
  if (!exp) throw new PermanentJobError("no export with this id (expired or deleted)");
  if (exp.status === "done") return { rows: -1 };
  const claims: Claims = { sub: exp.user_id, role: "authenticated", org_id: orgId };
  // A retry starts over.
  await asService((sql) =>
    sql.query(
      `with gone as (delete from public.export_chunks where org_id = $1 and export_id = $2)
       update public.exports set status = 'running', rows = 0, bytes = 0, error = null where org_id = $1 and id = $2`,
      [orgId, exportId],
    ),
  );
  let rows = 0;
  let bytes = 0;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  try {
    // Run as a member who has left, RLS would give an empty file rather than an error.
    if (!exp.member) throw new Error("the member who asked for this export has left the organisation");
    const { source, rowsAt } = counted(
      await withUser(claims, (sql) => produceExport(sql, claims, orgId, exp.kind, exp.params)),
    );
    const day = new Date().toISOString().slice(0, 10);
    const fileName = `${source.name}-${day}.csv`;
    reader = csvSourceStream(source).getReader();
    for (let seq = 0; ; seq++) {
      if (ctx.signal.aborted) throw new Error("stopped: the runner is shutting down");
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      rows = rowsAt(seq);
      await asService((sql) =>
        sql.query(
          `with chunk as (insert into public.export_chunks (export_id, seq, org_id, data) values ($2, $3, $1, $4))
           update public.exports set rows = $5, bytes = $6, file_name = $7 where org_id = $1 and id = $2`,
          [orgId, exportId, seq, Buffer.from(value), rows, bytes, fileName],
        ),
      );
      await ctx.progress({ rows, bytes });
    }
    await asService(async (sql) => {
      await sql.query(
        `update public.exports set status = 'done', finished_at = now(), expires_at = now() + $3 * interval '1 millisecond'
          where org_id = $1 and id = $2`,
        [orgId, exportId, EXPORT_TTL_MS],
      );
      const t = await translatorFor(exp.locale === "ru" ? "ru" : "en");
      await notify(sql, {
        orgId,
        userId: exp.user_id,
        kind: "report",
        title: t("exports.ready.title", { file: fileName }),
        body: t("exports.ready.body", { rows: String(rows) }),
        link: downloadPath(exportId),
        dedupeKey: `export:${exportId}`,
      });
    });
    return { rows, bytes };
  } catch (error) {
    // Stops the producer's pages (its iterator's finally) when the failure was ours, not the producer's.
    await reader?.cancel().catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    await asService((sql) =>
      sql.query(
        `with gone as (delete from public.export_chunks where org_id = $1 and export_id = $2)
         update public.exports set status = 'failed', rows = 0, bytes = 0, error = left($3, 2000), finished_at = now(),
                expires_at = now() + $4 * interval '1 millisecond'
          where org_id = $1 and id = $2`,
        [orgId, exportId, message, EXPORT_TTL_MS],
      ),
    );
    // Retrying would run the same query again: the member sees the error and can ask once more.
    throw new PermanentJobError(message, { cause: error });
  }
}

export const buildExportJob = defineJob({
  name: "exports.build",
  schema: buildExportPayload,
  maxAttempts: 1,
  run: ({ exportId }, ctx) => buildExport(exportId, ctx),
});

/** Enqueued after the request's transaction committed, so the job finds the row. */
export async function startExport(orgId: string, exportId: string) {
  const job = await enqueue(buildExportJob, { exportId }, { orgId, dedupeKey: `export:${exportId}` });
  if (job.id)
    await asService((sql) =>
      sql.query("update public.exports set job_id = $3 where org_id = $1 and id = $2", [orgId, exportId, job.id]),
    );
  return job;
}

/** Deletes exports (and so their files) past expires_at; returns how many. */
export async function expireExports(now = new Date()): Promise<number> {
  const rows = await asService((sql) =>
    sql.query<{ id: string }>("delete from public.exports where expires_at <= $1 returning id", [now]),
  );
  return rows.length;
}

const recurring = defineRecurringJob({
  name: "exports.expire",
  everyMs: EXPIRE_EVERY_MS,
  run: async () => ({ deleted: await expireExports() }),
});
export const expireExportsJob = recurring.job;
/** At server start: a run now, which starts or rejoins the hourly chain. */
export const startExportsExpiry = recurring.start;
