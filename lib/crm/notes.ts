import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { iso } from "@/lib/pipeline/sql";

// Notes on a deal, a contact or a company (the pipeline's `notes` table). A note on a deal the caller may not
// see (own-deals-only) is as absent as the deal: RLS hides both.

export const noteSchema = z.object({
  id: z.uuid(),
  body: z.string(),
  dealId: z.uuid().nullable(),
  contactId: z.uuid().nullable(),
  companyId: z.uuid().nullable(),
  authorId: z.uuid().nullable(),
  authorName: z.string().nullable(),
  /** The caller wrote it: they may edit it (and delete it; managers delete any). */
  mine: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type NoteView = z.infer<typeof noteSchema>;
export const notesPageSchema = z.object({ notes: z.array(noteSchema), nextCursor: z.string().nullable() });

const target = {
  dealId: z.uuid().optional(),
  contactId: z.uuid().optional(),
  companyId: z.uuid().optional(),
};
const oneTarget = (v: { dealId?: string; contactId?: string; companyId?: string }) =>
  [v.dealId, v.contactId, v.companyId].filter(Boolean).length === 1;
const TARGET_MESSAGE = { message: "give exactly one of dealId, contactId, companyId", path: ["dealId"] };

export const notesQuerySchema = z
  .object({
    ...target,
    cursor: z.string().max(400).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine(oneTarget, TARGET_MESSAGE);
export const createNoteSchema = z
  .object({ ...target, body: z.string().trim().min(1, "is required").max(20000) })
  .refine(oneTarget, TARGET_MESSAGE);
export const updateNoteSchema = z.object({ body: z.string().trim().min(1, "is required").max(20000) });

const SELECT = `select n.id, n.body, n.deal_id as "dealId", n.contact_id as "contactId", n.company_id as "companyId",
  n.author_id as "authorId", (select coalesce(nullif(p.full_name, ''), p.email) from public.profiles p where p.id = n.author_id) as "authorName",
  coalesce(n.author_id = auth.uid(), false) as mine, ${iso("n.created_at")} as "createdAt", ${iso("n.updated_at")} as "updatedAt",
  to_char(n.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "cursorAt"
  from public.notes n`;

type Target = { dealId?: string; contactId?: string; companyId?: string };
const COLUMN = {
  dealId: ["deal_id", "deals", "deal"],
  contactId: ["contact_id", "contacts", "contact"],
  companyId: ["company_id", "companies", "company"],
} as const;

function targetOf(t: Target) {
  const key = (Object.keys(COLUMN) as (keyof Target)[]).find((k) => t[k])!;
  const [column, table, noun] = COLUMN[key];
  return { key, column, table, noun, id: t[key]! };
}

/** The deal, contact or company exists in the organisation and the caller sees it; else 404 naming it. */
async function checkTarget(sql: Sql, orgId: string, t: ReturnType<typeof targetOf>) {
  const [row] = await sql.query(`select 1 from public.${t.table} where org_id = $1 and id = $2`, [orgId, t.id]);
  if (!row) throw new ApiError("not_found", `${t.noun} not found`);
}

const encode = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString("base64url");
function decode(cursor: string | undefined) {
  if (!cursor) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    if (!Number.isNaN(Date.parse(at)) && z.uuid().safeParse(id).success) return { at, id };
  } catch {
    // fall through
  }
  throw new ApiError("bad_request", "cursor: not a cursor this list gave out");
}

/** Newest first, keyset pages. */
export async function listNotes(sql: Sql, orgId: string, query: z.output<typeof notesQuerySchema>) {
  const t = targetOf(query);
  await checkTarget(sql, orgId, t);
  const params: unknown[] = [orgId, t.id];
  let where = `n.org_id = $1 and n.${t.column} = $2`;
  const cursor = decode(query.cursor);
  if (cursor)
    where += ` and (n.created_at, n.id) < ($${params.push(cursor.at)}::timestamptz, $${params.push(cursor.id)}::uuid)`;
  const rows = await sql.query<NoteView & { cursorAt: string }>(
    `${SELECT} where ${where} order by n.created_at desc, n.id desc limit $${params.push(query.limit + 1)}`,
    params,
  );
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return notesPageSchema.parse({
    notes: page.map(({ cursorAt: _c, ...n }) => n),
    nextCursor: more && last ? encode(last.cursorAt, last.id) : null,
  });
}

export async function getNote(sql: Sql, orgId: string, id: string) {
  const [row] = await sql.query<NoteView & { cursorAt: string }>(`${SELECT} where n.org_id = $1 and n.id = $2`, [
    orgId,
    id,
  ]);
  if (!row) throw new ApiError("not_found", "note not found");
  const { cursorAt: _c, ...note } = row;
  return noteSchema.parse(note);
}

export async function createNote(sql: Sql, orgId: string, input: z.output<typeof createNoteSchema>) {
  const t = targetOf(input);
  await checkTarget(sql, orgId, t);
  const [row] = await sql.query<{ id: string }>(
    `insert into public.notes (org_id, ${t.column}, body) values ($1, $2, $3) returning id`,
    [orgId, t.id, input.body],
  );
  return getNote(sql, orgId, row.id);
}

export async function updateNote(sql: Sql, orgId: string, id: string, input: z.output<typeof updateNoteSchema>) {
  const note = await getNote(sql, orgId, id);
  if (!note.mine) throw new ApiError("forbidden", "only its author edits a note");
  const rows = await sql.query("update public.notes set body = $3 where org_id = $1 and id = $2 returning id", [
    orgId,
    id,
    input.body,
  ]);
  if (!rows.length) throw new ApiError("forbidden", "only its author edits a note");
  return getNote(sql, orgId, id);
}

export async function deleteNote(sql: Sql, orgId: string, id: string) {
  await getNote(sql, orgId, id);
  const rows = await sql.query("delete from public.notes where org_id = $1 and id = $2 returning id", [orgId, id]);
  if (!rows.length) throw new ApiError("forbidden", "only its author or a manager deletes a note");
}
