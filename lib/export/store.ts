import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { withUser, type Claims, type Sql } from "@/lib/db";
import { csvHeaders } from "./csv";
import { EXPORT_KINDS } from "./kinds";

// public.exports as its owner reads it (RLS: a member's own exports in their organisation), and the file's
// chunks streamed back in order.

export const EXPORT_STATUSES = ["queued", "running", "done", "failed"] as const;

export const exportSchema = z.object({
  id: z.uuid(),
  kind: z.enum(EXPORT_KINDS),
  params: z.record(z.string(), z.string()),
  status: z.enum(EXPORT_STATUSES),
  fileName: z.string(),
  /** Data rows written so far (the header not counted). */
  rows: z.number().int(),
  bytes: z.number().int(),
  error: z.string().nullable(),
  /** The file's path once done (GET streams it), else null. */
  downloadUrl: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  expiresAt: z.string(),
});
export type ExportView = z.infer<typeof exportSchema>;
export const exportsPageSchema = z.object({ exports: z.array(exportSchema) });

export const downloadPath = (id: string) => `/api/exports/${id}/download`;

const iso = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const SELECT = `select id, kind, params, status, file_name as "fileName", rows, bytes::float8 as bytes, error,
       ${iso("created_at")} as "createdAt", ${iso("finished_at")} as "finishedAt", ${iso("expires_at")} as "expiresAt"
  from public.exports`;

const view = (row: Omit<ExportView, "downloadUrl">): ExportView =>
  exportSchema.parse({ ...row, downloadUrl: row.status === "done" ? downloadPath(row.id) : null });

/** Stores the request as the caller (RLS: their own, in their organisation); the job is enqueued after commit. */
export async function createExport(sql: Sql, orgId: string, kind: string, params: Record<string, string>) {
  const [row] = await sql.query<Omit<ExportView, "downloadUrl">>(
    `insert into public.exports (org_id, kind, params) values ($1, $2, $3)
     returning id, kind, params, status, file_name as "fileName", rows, bytes::float8 as bytes, error,
       ${iso("created_at")} as "createdAt", ${iso("finished_at")} as "finishedAt", ${iso("expires_at")} as "expiresAt"`,
    [orgId, kind, JSON.stringify(params)],
  );
  return view(row);
}

/** The caller's export; 404 for anyone else's (RLS hides it) and for a malformed id. */
export async function getExport(sql: Sql, orgId: string, id: string): Promise<ExportView> {
  if (!z.uuid().safeParse(id).success) throw new ApiError("not_found", "no such export");
  const [row] = await sql.query<Omit<ExportView, "downloadUrl">>(`${SELECT} where org_id = $1 and id = $2`, [
    orgId,
    id,
  ]);
  if (!row) throw new ApiError("not_found", "no such export");
  return view(row);
}

/** The caller's exports in the organisation, newest first. */
export async function listExports(sql: Sql, orgId: string, limit = 50) {
  const rows = await sql.query<Omit<ExportView, "downloadUrl">>(
    `${SELECT} where org_id = $1 and user_id = auth.uid() order by created_at desc, id desc limit $2`,
    [orgId, limit],
  );
  return { exports: rows.map(view) };
}

/**
 * The finished file as a download: 409 while the job has not finished (or failed, so nothing partial is sent),
 * then one chunk per pull, each read in its own short RLS transaction as the caller.
 */
export async function downloadExport(sql: Sql, claims: Claims, orgId: string, id: string) {
  const exp = await getExport(sql, orgId, id);
  if (exp.status !== "done") throw new ApiError("conflict", `export is ${exp.status}, not done`);
  let seq = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const [chunk] = await withUser(claims, (tx) =>
          tx.query<{ data: Uint8Array }>(
            "select data from public.export_chunks where org_id = $1 and export_id = $2 and seq = $3",
            [orgId, id, seq++],
          ),
        );
        if (chunk) controller.enqueue(new Uint8Array(chunk.data));
        else controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
  const headers = { ...csvHeaders("export"), "content-disposition": `attachment; filename="${exp.fileName}"` };
  return new Response(body, { headers: { ...headers, "content-length": String(exp.bytes) } });
}
