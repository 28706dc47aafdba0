import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";

// Private notes inside a conversation: for the team only, never sent (their own table, which no outbox reads).
// @mentions notify the members named (a trigger in the migration writes their notifications).

const person = z.object({ id: z.uuid(), name: z.string() });

export const noteSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  author: person.nullable(),
  body: z.string(),
  mentions: z.array(person),
  createdAt: z.string(),
});
export type NoteView = z.infer<typeof noteSchema>;

export const createNoteSchema = z.object({
  conversationId: z.uuid(),
  body: z.string().trim().min(1).max(4000),
  /** Members to notify (the composer adds one for each @name picked). */
  mentions: z.array(z.uuid()).max(20).default([]),
});
export const notesQuerySchema = z.object({ conversationId: z.uuid() });

type Row = {
  id: string;
  conversation_id: string;
  author_id: string | null;
  author_name: string | null;
  body: string;
  mentions: { id: string; name: string }[];
  created_at: Date;
};

const SELECT = `
  select n.id, n.conversation_id, n.author_id, coalesce(nullif(p.full_name, ''), p.email) as author_name, n.body,
         coalesce((select json_agg(json_build_object('id', mp.id, 'name', coalesce(nullif(mp.full_name, ''), mp.email))
                                   order by array_position(n.mentions, mp.id))
                     from public.profiles mp where mp.id = any (n.mentions)), '[]') as mentions,
         n.created_at
    from public.conversation_notes n
    left join public.profiles p on p.id = n.author_id`;

const toView = (r: Row): NoteView => ({
  id: r.id,
  conversationId: r.conversation_id,
  author: r.author_id ? { id: r.author_id, name: r.author_name ?? "" } : null,
  body: r.body,
  mentions: r.mentions,
  createdAt: new Date(r.created_at).toISOString(),
});

async function assertConversation(sql: Sql, orgId: string, conversationId: string) {
  const [row] = await sql.query("select 1 from public.conversations where org_id = $1 and id = $2", [
    orgId,
    conversationId,
  ]);
  if (!row) throw new ApiError("not_found", "conversation not found");
}

/** A conversation's notes, oldest first (the thread interleaves them with its messages). */
export async function listNotes(sql: Sql, orgId: string, conversationId: string) {
  await assertConversation(sql, orgId, conversationId);
  const rows = await sql.query<Row>(
    `${SELECT} where n.org_id = $1 and n.conversation_id = $2 order by n.created_at, n.id limit 500`,
    [orgId, conversationId],
  );
  return rows.map(toView);
}

export async function createNote(sql: Sql, orgId: string, input: z.output<typeof createNoteSchema>) {
  await assertConversation(sql, orgId, input.conversationId);
  const mentions = [...new Set(input.mentions)];
  if (mentions.length) {
    const members = await sql.query<{ user_id: string }>(
      "select user_id from public.memberships where org_id = $1 and user_id = any ($2::uuid[])",
      [orgId, mentions],
    );
    if (members.length !== mentions.length)
      throw new ApiError("bad_request", "mentions: not a member of this organisation");
  }
  const [{ id }] = await sql.query<{ id: string }>(
    `insert into public.conversation_notes (org_id, conversation_id, body, mentions) values ($1, $2, $3, $4::uuid[])
     returning id`,
    [orgId, input.conversationId, input.body, mentions],
  );
  const [row] = await sql.query<Row>(`${SELECT} where n.id = $1`, [id]);
  return toView(row);
}

/** The author's own (RLS), or any as an admin; 404 for one the caller cannot see. */
export async function deleteNote(sql: Sql, orgId: string, id: string) {
  const rows = await sql.query("delete from public.conversation_notes where org_id = $1 and id = $2 returning id", [
    orgId,
    id,
  ]);
  if (rows.length) return;
  const [seen] = await sql.query("select 1 from public.conversation_notes where org_id = $1 and id = $2", [orgId, id]);
  throw seen
    ? new ApiError("forbidden", "only the author or an admin removes a note")
    : new ApiError("not_found", "note not found");
}
