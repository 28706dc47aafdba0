import { z } from "zod";
import type { Sql } from "@/lib/db";
import { CURSOR_TIME_SQL, decodeCursor, encodeCursor } from "@/lib/inbox/cursor";
import { ApiError } from "@/lib/api/errors";
import { iso } from "@/lib/pipeline/sql";

// A contact's activity, newest first: their messages (the inbox's), notes on them and their deals, their deals'
// stage moves (the pipeline's history) and tasks. One keyset-paged union through RLS, so a deal the caller may
// not see (own-deals-only) leaves nothing here either.

export const TIMELINE_KINDS = ["message", "note", "stage", "task"] as const;

export const timelineEntrySchema = z.object({
  kind: z.enum(TIMELINE_KINDS),
  id: z.uuid(),
  at: z.string(),
  /** The message's text, the note's body, the deal's title or the task's title (first 300 characters). */
  text: z.string(),
  /** in/out for a message; the task's status. */
  detail: z.string().nullable(),
  conversationId: z.uuid().nullable(),
  dealId: z.uuid().nullable(),
  /** From → to stage names of a move (from is null for the deal's first stage). */
  fromStage: z.string().nullable(),
  toStage: z.string().nullable(),
  /** Who wrote the note, moved the deal, or the task's assignee. */
  who: z.string().nullable(),
});
export const timelineSchema = z.object({ entries: z.array(timelineEntrySchema), nextCursor: z.string().nullable() });
export const timelineQuerySchema = z.object({
  kind: z.enum(TIMELINE_KINDS).optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

const person = (col: string) =>
  `(select coalesce(nullif(p.full_name, ''), p.email) from public.profiles p where p.id = ${col})`;

const PARTS: Record<(typeof TIMELINE_KINDS)[number], string> = {
  message: `select 'message' as kind, m.id, m.created_at as at, left(coalesce(m.text, m.type), 300) as text,
      m.direction as detail, m.conversation_id as conversation_id, null::uuid as deal_id,
      null::text as from_stage, null::text as to_stage, ${person("m.sender_user_id")} as who
    from public.messages m join public.conversations v on v.id = m.conversation_id
   where m.org_id = $1 and v.contact_id = $2`,
  note: `select 'note', n.id, n.created_at, left(n.body, 300), null, null, n.deal_id, null, null, ${person("n.author_id")}
    from public.notes n
   where n.org_id = $1 and (n.contact_id = $2 or n.deal_id in (select d.id from public.deals d where d.contact_id = $2))`,
  stage: `select 'stage', h.id, h.moved_at, d.title, case when h.auto_moved then 'auto' end, null, h.deal_id,
      (select s.name from public.stages s where s.id = h.from_stage_id), (select s.name from public.stages s where s.id = h.to_stage_id),
      ${person("h.moved_by")}
    from public.stage_history h join public.deals d on d.id = h.deal_id
   where h.org_id = $1 and d.contact_id = $2`,
  task: `select 'task', t.id, t.created_at, left(t.title, 300), t.status, t.conversation_id, t.deal_id, null, null,
      ${person("t.assignee_id")}
    from public.tasks t where t.org_id = $1 and t.contact_id = $2`,
};

export async function getTimeline(
  sql: Sql,
  orgId: string,
  contactId: string,
  query: z.output<typeof timelineQuerySchema>,
) {
  // 404 for another organisation's (or an unknown) contact, as everywhere.
  const [known] = await sql.query("select 1 from public.contacts where org_id = $1 and id = $2", [orgId, contactId]);
  if (!known) throw new ApiError("not_found", "contact not found");
  const params: unknown[] = [orgId, contactId];
  const parts = query.kind ? [PARTS[query.kind]] : Object.values(PARTS);
  const cursor = decodeCursor(query.cursor);
  const where = cursor
    ? `where (e.at, e.id) < ($${params.push(cursor.at)}::timestamptz, $${params.push(cursor.key)}::uuid)`
    : "";
  const rows = await sql.query<z.infer<typeof timelineEntrySchema> & { cursorAt: string }>(
    `select e.kind, e.id, ${iso("e.at")} as at, e.text, e.detail, e.conversation_id as "conversationId",
            e.deal_id as "dealId", e.from_stage as "fromStage", e.to_stage as "toStage", e.who,
            ${CURSOR_TIME_SQL("e.at")} as "cursorAt"
       from (${parts.join("\n union all\n")}) e ${where}
      order by e.at desc, e.id desc limit $${params.push(query.limit + 1)}`,
    params,
  );
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return timelineSchema.parse({
    entries: page.map(({ cursorAt: _c, ...e }) => e),
    nextCursor: more && last ? encodeCursor(last.cursorAt, last.id) : null,
  });
}
