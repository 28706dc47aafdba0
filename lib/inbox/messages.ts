import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { CURSOR_TIME_SQL, decodeCursor, encodeCursor } from "./cursor";
import { roleAtLeast, type MemberRole } from "@/lib/auth/types";
import type { ChannelType } from "@/lib/channels/types";
import { MESSAGE_COLUMNS, messageSchema, toMessageView, type MessageRow } from "./message-view";

export const messagesQuerySchema = z.object({
  conversationId: z.uuid(),
  /** The nextCursor of the previous page: older messages than those. */
  before: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const messagesPageSchema = z.object({
  /** Newest first. */
  items: z.array(messageSchema),
  /** For the next page back in time; null at the first message of the conversation. */
  nextCursor: z.string().nullable(),
});

/**
 * A page of a thread through RLS, newest first, keyset on (created_at, seq): the thread opens at its latest
 * message and scrolls back with `before`, unaffected by messages arriving meanwhile.
 */
export async function listMessages(
  sql: Sql,
  orgId: string,
  role: MemberRole,
  query: z.output<typeof messagesQuerySchema>,
) {
  const cursor = decodeCursor(query.before, "before");
  const [conversation] = await sql.query<{ channel_type: ChannelType }>(
    `select ch.type as channel_type from public.conversations c join public.channels ch on ch.id = c.channel_id
      where c.org_id = $1 and c.id = $2`,
    [orgId, query.conversationId],
  );
  if (!conversation) throw new ApiError("not_found", "conversation not found");
  const rows = await sql.query<MessageRow & { cursor_at: string }>(
    `select ${MESSAGE_COLUMNS}, ${CURSOR_TIME_SQL("created_at")} as cursor_at
       from public.messages
      where conversation_id = $1 and org_id = $2
        and ($3::timestamptz is null or (created_at, seq) < ($3::timestamptz, $4::bigint))
      order by created_at desc, seq desc
      limit $5`,
    [query.conversationId, orgId, cursor?.at ?? null, cursor?.key ?? null, query.limit + 1],
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) =>
      toMessageView(row, { channelType: conversation.channel_type, rawErrors: roleAtLeast(role, "admin") }),
    ),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.cursor_at, String(last.seq)) : null,
  };
}
