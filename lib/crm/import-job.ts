import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { asService, type Sql } from "@/lib/db";
import { enqueue } from "@/lib/jobs/enqueue";
import { defineJob, PermanentJobError } from "@/lib/jobs/registry";
import { iso } from "@/lib/pipeline/sql";
import {
  checkFile,
  checkMapping,
  guessMapping,
  IMPORT_FIELDS,
  importOptionsSchema,
  mappingSchema,
  parseCsv,
  type ImportOptions,
  type Rejection,
} from "./csv-import";
import { foldDuplicates, IMPORT_BATCH, matchRows, writeBatch } from "./import-store";

// POST /api/crm/clients/import: a dry run answers what would happen (nothing is written); otherwise the file is
// stored in contact_imports and the `crm.import-contacts` job writes it in batches, recording its progress.

export const importBodySchema = importOptionsSchema.extend({ dryRun: z.boolean().default(false) });

const rejectionSchema = z.object({
  row: z.number().int(),
  field: z.enum([...IMPORT_FIELDS, "row"]),
  value: z.string(),
  reason: z.enum(["bad_phone", "bad_email", "missing_name", "too_long"]),
});
const MAX_REPORTED = 1000;

export const dryRunSchema = z.object({
  dryRun: z.literal(true),
  delimiter: z.string(),
  headers: z.array(z.string()),
  mapping: mappingSchema,
  /** Data rows in the file. */
  total: z.number().int(),
  valid: z.number().int(),
  /** New contacts; rows of one person within the file count once. */
  wouldCreate: z.number().int(),
  /** Rows that are contacts the organisation already has (filled in, tags added). */
  wouldUpdate: z.number().int(),
  rejected: z.number().int(),
  /** Why each refused row would be refused (the first 1,000). */
  rejections: z.array(rejectionSchema),
  /** The first rows as they would be imported. */
  preview: z.array(
    z.object({
      row: z.number().int(),
      name: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      company: z.string().nullable(),
      tags: z.array(z.string()),
      action: z.enum(["create", "update"]),
    }),
  ),
});

export const importRunSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  status: z.enum(["queued", "running", "succeeded", "failed"]),
  total: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  rejections: z.array(rejectionSchema),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportRun = z.infer<typeof importRunSchema>;

function prepare(options: ImportOptions) {
  const file = parseCsv(options.csv, options.delimiter);
  const mapping = options.mapping ?? guessMapping(file.headers);
  checkMapping(mapping, file.headers);
  const checked = checkFile(file, mapping, options);
  return { file, mapping, ...checked };
}

/** What an import of this file would do; reads (to match existing contacts) and writes nothing. */
export async function dryRunImport(sql: Sql, orgId: string, options: ImportOptions) {
  const { file, mapping, rows, rejections, rejectedCount } = prepare(options);
  const people = foldDuplicates(rows);
  let matched: (string | null)[] = [];
  for (let i = 0; i < people.length; i += IMPORT_BATCH) {
    matched = matched.concat(await matchRows(sql, orgId, people.slice(i, i + IMPORT_BATCH)));
  }
  const updates = matched.filter(Boolean).length;
  return dryRunSchema.parse({
    dryRun: true,
    delimiter: file.delimiter,
    headers: file.headers,
    mapping,
    total: file.records.length,
    valid: rows.length,
    wouldCreate: people.length - updates,
    wouldUpdate: rows.length - (people.length - updates),
    rejected: rejectedCount,
    rejections: rejections.slice(0, MAX_REPORTED),
    preview: people.slice(0, 10).map((p, i) => ({
      row: p.row,
      name: p.name,
      phone: p.phone,
      email: p.email,
      company: p.company,
      tags: p.tags,
      action: matched[i] ? "update" : "create",
    })),
  });
}

export const importContactsPayload = z.object({ importId: z.uuid() });

/** Runs as the service, scoped to the import's organisation; a retry starts over and matches what it wrote. */
export const importContacts = defineJob({
  name: "crm.import-contacts",
  schema: importContactsPayload,
  maxAttempts: 3,
  async run({ importId }, ctx) {
    const orgId = ctx.orgId;
    if (!orgId) throw new PermanentJobError("crm.import-contacts needs the organisation");
    const [imp] = await asService((sql) =>
      sql.query<{ content: string | null; options: ImportOptions }>(
        "select content, options from public.contact_imports where org_id = $1 and id = $2",
        [orgId, importId],
      ),
    );
    if (!imp?.content) throw new PermanentJobError("no import with this id, or it already finished");
    const options = importOptionsSchema.parse({ ...imp.options, csv: imp.content });
    let prepared: ReturnType<typeof prepare>;
    try {
      prepared = prepare(options);
    } catch (error) {
      await finish(orgId, importId, "failed", (error as Error).message);
      throw new PermanentJobError((error as Error).message);
    }
    const { file, rows, rejections, rejectedCount } = prepared;
    const people = foldDuplicates(rows);
    const total = file.records.length;
    await setProgress(orgId, importId, { status: "running", total, rejected: rejectedCount, errors: rejections });
    let created = 0;
    let updated = rows.length - people.length;
    for (let i = 0; i < people.length; i += IMPORT_BATCH) {
      if (ctx.signal.aborted) throw new Error("stopped");
      const batch = people.slice(i, i + IMPORT_BATCH);
      const result = await asService((sql) => writeBatch(sql, orgId, batch));
      created += result.created;
      updated += result.updated;
      // Rows folded into people of this batch may sit further down the file: the last batch counts them all.
      const lastRow = batch[batch.length - 1]?.row ?? 0;
      const processed =
        i + IMPORT_BATCH >= people.length ? total : file.records.filter((r) => r.line <= lastRow).length;
      await setProgress(orgId, importId, { processed, created, updated });
      await ctx.progress({ total, processed, created, updated, rejected: rejectedCount });
    }
    await setProgress(orgId, importId, { processed: total, created, updated });
    if (!people.length) await ctx.progress({ total, processed: total, created, updated, rejected: rejectedCount });
    await finish(orgId, importId, "succeeded", null);
    return { total, created, updated, rejected: rejectedCount };
  },
});

type Progress = Partial<{
  status: string;
  total: number;
  processed: number;
  created: number;
  updated: number;
  rejected: number;
  errors: Rejection[];
}>;

async function setProgress(orgId: string, id: string, p: Progress) {
  await asService((sql) =>
    sql.query(
      `update public.contact_imports set status = coalesce($3, status), total = coalesce($4, total),
              processed = coalesce($5, processed), created = coalesce($6, created), updated = coalesce($7, updated),
              rejected = coalesce($8, rejected), errors = coalesce($9::jsonb, errors)
        where org_id = $1 and id = $2`,
      [
        orgId,
        id,
        p.status ?? null,
        p.total ?? null,
        p.processed ?? null,
        p.created ?? null,
        p.updated ?? null,
        p.rejected ?? null,
        p.errors ? JSON.stringify(p.errors.slice(0, MAX_REPORTED)) : null,
      ],
    ),
  );
}

async function finish(orgId: string, id: string, status: "succeeded" | "failed", error: string | null) {
  await asService((sql) =>
    sql.query(
      `update public.contact_imports set status = $3, last_error = left($4, 2000), finished_at = now(), content = null
        where org_id = $1 and id = $2`,
      [orgId, id, status, error],
    ),
  );
}

/**
 * Checks the file as the dry run does (a file that cannot be read or mapped is a 400 now, not a failed job) and
 * stores it. The job is enqueued by startImport after the request's transaction committed.
 */
export async function createImport(sql: Sql, orgId: string, options: ImportOptions) {
  const { mapping, file } = prepare(options);
  const [row] = await sql.query<{ id: string }>(
    `insert into public.contact_imports (org_id, file_name, content, options, total)
     values ($1, $2, $3, $4, $5) returning id`,
    [
      orgId,
      options.fileName,
      options.csv,
      JSON.stringify({
        delimiter: file.delimiter,
        mapping,
        defaultCountry: options.defaultCountry,
        tags: options.tags,
        fileName: options.fileName,
      }),
      file.records.length,
    ],
  );
  return row.id;
}

export async function startImport(orgId: string, importId: string) {
  const job = await enqueue(importContacts, { importId }, { orgId, dedupeKey: importId });
  await asService((sql) =>
    sql.query("update public.contact_imports set job_id = $3 where org_id = $1 and id = $2", [orgId, importId, job.id]),
  );
  return job;
}

/** An import of the organisation (RLS), 404 for anyone else's. */
export async function getImport(sql: Sql, orgId: string, id: string): Promise<ImportRun> {
  const [row] = await sql.query(
    `select id, file_name as "fileName", status, total, processed, created, updated, rejected, errors as rejections,
            last_error as error, ${iso("created_at")} as "createdAt", ${iso("finished_at")} as "finishedAt"
       from public.contact_imports where org_id = $1 and id = $2`,
    [orgId, id],
  );
  if (!row) throw new ApiError("not_found", "import not found");
  return importRunSchema.parse(row);
}
