import type { Sql } from "@/lib/db";

/**
 * For each listed conversation, the newest message matching the search, so opening a result can scroll to it.
 * Conversations found by their contact's name or phone have none. One query for the page, through RLS.
 */
export async function searchMatches(sql: Sql, orgId: string, conversationIds: string[], q: string) {
  if (!conversationIds.length) return new Map<string, { messageId: string; text: string }>();
  const rows = await sql.query<{ conversation_id: string; id: string; text: string }>(
    `select distinct on (m.conversation_id) m.conversation_id, m.id, left(coalesce(m.text, ''), 200) as text
       from public.messages m
      where m.org_id = $1 and m.conversation_id = any ($2::uuid[])
        and m.search @@ (websearch_to_tsquery('russian', $3) || websearch_to_tsquery('english', $3))
      order by m.conversation_id, m.created_at desc, m.seq desc`,
    [orgId, conversationIds, q],
  );
  return new Map(rows.map((r) => [r.conversation_id, { messageId: r.id, text: r.text }]));
}
