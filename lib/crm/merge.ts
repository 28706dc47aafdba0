import { z } from "zod";
import type { Sql } from "@/lib/db";
import { iso } from "@/lib/pipeline/sql";
import { CURSOR_TIME_SQL, decodeCursor, encodeCursor } from "@/lib/inbox/cursor";

// The inbox's merge suggestions (two contacts that look like one person), listed for the Contacts page. Merging
// itself is the inbox's mergeContacts (POST /api/contacts/:id/merge), which also moves deals, notes and tasks.

export const mergeSuggestionSchema = z.object({
  id: z.uuid(),
  reason: z.enum(["phone", "name_username"]),
  createdAt: z.string(),
  contact: z.object({ id: z.uuid(), name: z.string(), phone: z.string().nullable(), createdAt: z.string() }),
  other: z.object({ id: z.uuid(), name: z.string(), phone: z.string().nullable(), createdAt: z.string() }),
});
export const mergeSuggestionsSchema = z.object({
  suggestions: z.array(mergeSuggestionSchema),
  nextCursor: z.string().nullable(),
});
export const mergeSuggestionsQuerySchema = z.object({
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const side = (alias: string) =>
  `jsonb_build_object('id', ${alias}.id, 'name', ${alias}.name, 'phone', ${alias}.phone, 'createdAt', ${iso(`${alias}.created_at`)})`;

/** Open suggestions between two contacts neither of which was merged away, newest first. */
export async function listMergeSuggestions(
  sql: Sql,
  orgId: string,
  query: z.output<typeof mergeSuggestionsQuerySchema>,
) {
  const params: unknown[] = [orgId];
  let where = "s.org_id = $1 and s.status = 'open' and a.merged_into is null and b.merged_into is null";
  const cursor = decodeCursor(query.cursor);
  if (cursor)
    where += ` and (s.created_at, s.id) < ($${params.push(cursor.at)}::timestamptz, $${params.push(cursor.key)}::uuid)`;
  const rows = await sql.query<z.infer<typeof mergeSuggestionSchema> & { cursorAt: string }>(
    `select s.id, s.reason, ${iso("s.created_at")} as "createdAt", ${side("a")} as contact, ${side("b")} as other,
            ${CURSOR_TIME_SQL("s.created_at")} as "cursorAt"
       from public.contact_merge_suggestions s
       join public.contacts a on a.id = s.contact_id join public.contacts b on b.id = s.other_contact_id
      where ${where} order by s.created_at desc, s.id desc limit $${params.push(query.limit + 1)}`,
    params,
  );
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return mergeSuggestionsSchema.parse({
    suggestions: page.map(({ cursorAt: _c, ...s }) => s),
    nextCursor: more && last ? encodeCursor(last.cursorAt, last.id) : null,
  });
}
