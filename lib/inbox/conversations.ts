import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { aiModeSchema } from "@/lib/ai/settings";
import { contactSchema, getContact } from "./contact-panel";
import { conversationStatuses, getInboxItem, inboxItemSchema } from "./inbox";
import { snoozeUntilSchema } from "./snooze";

export const conversationDetailSchema = inboxItemSchema.extend({ contact: contactSchema });

/** The conversation with its contact panel: name, phones, channels, notes, tags, merge suggestions. */
export async function getConversation(sql: Sql, orgId: string, id: string) {
  const item = await getInboxItem(sql, orgId, id);
  return { ...item, contact: await getContact(sql, orgId, item.contact.id) };
}

export const updateConversationSchema = z
  .object({
    status: z.enum(conversationStatuses).optional(),
    /** A member's user id, or null to unassign. */
    assigneeId: z.uuid().nullable().optional(),
    /** false marks it read; true marks it unread again (at least one unread message). */
    unread: z.boolean().optional(),
    /** Who answers this conversation: auto / draft / off, or null for the channel's (or organisation's) mode. */
    aiMode: aiModeSchema.nullable().optional(),
    /** Lifts a hand-off or agent-reply pause and the needs-a-person flag. */
    resumeAi: z.literal(true).optional(),
    /** Out of the list until this time (then back, unread); null wakes it now. */
    snoozedUntil: snoozeUntilSchema.nullable().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "nothing to change" });

/** Status, assignee, read/unread (agents, through RLS). */
export async function updateConversation(
  sql: Sql,
  orgId: string,
  id: string,
  patch: z.output<typeof updateConversationSchema>,
) {
  if (patch.assigneeId) {
    const [member] = await sql.query("select 1 from public.memberships where org_id = $1 and user_id = $2", [
      orgId,
      patch.assigneeId,
    ]);
    if (!member) throw new ApiError("bad_request", "assigneeId: not a member of this organisation");
  }
  const rows = await sql.query(
    `update public.conversations
        set status = coalesce($3, status),
            assignee_id = case when $4 then $5::uuid else assignee_id end,
            unread_count = case when $6::boolean is null then unread_count
                                when $6 then greatest(unread_count, 1) else 0 end,
            ai_mode = case when $7 then $8::text else ai_mode end,
            ai_paused_reason = case when $9 then null else ai_paused_reason end,
            ai_paused_at = case when $9 then null else ai_paused_at end,
            needs_human = case when $9 then false else needs_human end,
            handoff_reason = case when $9 then null else handoff_reason end,
            snoozed_until = case when $10 then $11::timestamptz else snoozed_until end
      where org_id = $1 and id = $2
      returning id`,
    [
      orgId,
      id,
      patch.status ?? null,
      patch.assigneeId !== undefined,
      patch.assigneeId ?? null,
      patch.unread ?? null,
      patch.aiMode !== undefined,
      patch.aiMode ?? null,
      patch.resumeAi === true,
      patch.snoozedUntil !== undefined,
      patch.snoozedUntil ?? null,
    ],
  );
  if (!rows.length) throw new ApiError("not_found", "conversation not found");
  return getInboxItem(sql, orgId, id);
}

/**
 * The agent has read the conversation up to this message: unread becomes the number of client messages
 * after it, so a message that arrived while the agent was reading stays unread.
 */
export async function markReadUpTo(sql: Sql, orgId: string, messageId: string) {
  const [row] = await sql.query<{ id: string; unread_count: number }>(
    `with upto as (
       select conversation_id, created_at, seq from public.messages where org_id = $1 and id = $2
     )
     update public.conversations c
        set unread_count = (select count(*) from public.messages m
                             where m.conversation_id = upto.conversation_id and m.direction = 'in'
                               and (m.created_at, m.seq) > (upto.created_at, upto.seq))
       from upto
      where c.id = upto.conversation_id and c.org_id = $1
      returning c.id, c.unread_count`,
    [orgId, messageId],
  );
  if (!row) throw new ApiError("not_found", "message not found");
  return { conversationId: row.id, unreadCount: row.unread_count };
}
