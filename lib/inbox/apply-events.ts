import type { z } from "zod";
import type { Sql } from "@/lib/db";
import type { ChannelRecord, InboundMessage, inboundEditSchema, statusUpdateSchema } from "@/lib/channels/types";
import { resolveContact } from "./contacts";
import { networkOf, optKeyword } from "./networks";

export type InboundEdit = z.infer<typeof inboundEditSchema>;
export type StatusUpdate = z.infer<typeof statusUpdateSchema>;

/** PostgreSQL text cannot hold NUL; a provider may still send one. */
const clean = (text: string | undefined) => text?.replace(/\0/g, "");

const PREVIEW_CHARS = 200;
const MEDIA_LABEL: Record<string, string> = {
  image: "📷 Photo",
  document: "📄 Document",
  audio: "🎵 Audio",
  voice: "🎤 Voice message",
  video: "🎬 Video",
  sticker: "Sticker",
  location: "📍 Location",
  contact: "👤 Contact",
  template: "Template",
  unsupported: "Unsupported message",
};
export const previewOf = (type: string, text: string | null | undefined) =>
  (text?.trim() ? text.trim() : (MEDIA_LABEL[type] ?? "")).slice(0, PREVIEW_CHARS);

/**
 * The conversation of this thread on this channel, made with the contact when it is the first message.
 * `at` is when its last message happened: now for live events, the message's own time for imported history.
 */
async function conversationFor(
  sql: Sql,
  channel: ChannelRecord,
  contactId: string,
  threadId: string,
  at: string | null,
) {
  const [row] = await sql.query<{ id: string }>(
    `with found as (select id from public.conversations where channel_id = $2 and thread_id = $4),
     made as (
       insert into public.conversations (org_id, channel_id, contact_id, thread_id, last_message_at)
       select $1, $2, $3, $4, coalesce($5::timestamptz, now()) where not exists (select 1 from found)
       on conflict (channel_id, thread_id) do nothing
       returning id
     )
     select id from found union all select id from made`,
    [channel.orgId, channel.id, contactId, threadId, at],
  );
  if (row) return row.id;
  // Made by a concurrent delivery after this statement's snapshot was taken: visible to the next one.
  const [again] = await sql.query<{ id: string }>(
    "select id from public.conversations where channel_id = $1 and thread_id = $2",
    [channel.id, threadId],
  );
  return again.id;
}

export type StoredMessage = { messageId: string; conversationId: string; inbound: boolean };

/**
 * "live": a message arriving now: it is the newest in its thread, counts as unread and reopens a resolved
 * conversation. "history": an imported one (Evolution's dialogs): placed at its own time, read, no follow-ups.
 */
export type IngestMode = "live" | "history";

/**
 * An inbound message (or one the business sent from another device): contact, conversation, message, and
 * the conversation's counters. A message already stored under the provider's id changes nothing.
 */
export async function applyMessage(
  sql: Sql,
  channel: ChannelRecord,
  event: InboundMessage,
  mode: IngestMode = "live",
): Promise<StoredMessage | undefined> {
  const contact = await resolveContact(sql, channel.orgId, networkOf[channel.type], event.sender);
  const occurredAt = event.occurredAt.toISOString();
  // Threads are ordered by (created_at, seq): arrival for live messages, the original time for history.
  const at = mode === "history" ? occurredAt : null;
  const conversationId = await conversationFor(sql, channel, contact.id, event.threadId, at);
  const inbound = !event.fromBusiness;
  const direction = inbound ? "in" : "out";
  const text = clean(event.text);
  const [message] = await sql.query<{ id: string }>(
    `insert into public.messages (org_id, conversation_id, channel_id, direction, sender_type, sender_user_id, type,
       text, media, provider_message_id, reply_to_provider_message_id, status, occurred_at, sent_at, created_at)
     values ($1, $2, $3, $4, $5, null, $6, $7, $8::jsonb, $9, $10, $11, $12,
       case when $4 = 'out' then $12::timestamptz end, coalesce($13::timestamptz, now()))
     on conflict (channel_id, provider_message_id) do nothing
     returning id`,
    [
      channel.orgId,
      conversationId,
      channel.id,
      direction,
      inbound ? "contact" : "business",
      event.type,
      text ?? null,
      JSON.stringify(event.media ?? []),
      event.providerMessageId,
      event.replyToProviderMessageId ?? null,
      inbound ? "received" : "sent",
      occurredAt,
      at,
    ],
  );
  if (!message) return undefined;

  const live = mode === "live";
  await sql.query(
    `update public.conversations
        set last_message_id = case when $6 >= last_message_at then $2 else last_message_id end,
            last_message_preview = case when $6 >= last_message_at then $3 else last_message_preview end,
            last_message_direction = case when $6 >= last_message_at then $4 else last_message_direction end,
            last_message_at = greatest(last_message_at, $6),
            unread_count = unread_count + case when $4 = 'in' and $7 then 1 else 0 end,
            last_inbound_at = case when $4 = 'in' then greatest(last_inbound_at, $5::timestamptz) else last_inbound_at end,
            status = case when $4 = 'in' and $7 and status = 'resolved' then 'open' else status end
      where id = $1`,
    [conversationId, message.id, previewOf(event.type, text), direction, occurredAt, at ?? "now", live],
  );

  const opt = inbound && live ? optKeyword(text) : undefined;
  if (opt) {
    await sql.query(
      `update public.contacts set opted_out_at = case when $3 = 'out' then coalesce(opted_out_at, now()) end
        where org_id = $1 and id = $2 and (opted_out_at is null) = ($3 = 'out')`,
      [channel.orgId, contact.id, opt],
    );
  }
  return { messageId: message.id, conversationId, inbound };
}

/** The client edited a message: the new text, and when. */
export async function applyEdit(sql: Sql, channel: ChannelRecord, event: InboundEdit): Promise<boolean> {
  const text = clean(event.text) ?? "";
  const rows = await sql.query<{ id: string; type: string }>(
    `update public.messages set text = $3, edited_at = $4
      where channel_id = $1 and provider_message_id = $2 and text is distinct from $3
      returning id, type`,
    [channel.id, event.providerMessageId, text, event.occurredAt.toISOString()],
  );
  if (!rows.length) return false;
  await sql.query(
    "update public.conversations set last_message_preview = $2 where last_message_id = $1 and org_id = $3",
    [rows[0].id, previewOf(rows[0].type, text), channel.orgId],
  );
  return true;
}

export type StatusOutcome = "applied" | "stale" | "unknown";

/**
 * A delivery status from the provider, applied only forwards (queued → sent → failed → delivered → read):
 * a late 'delivered' never overwrites 'read'. 'read' implies delivered and sent, so their times are filled.
 * "unknown" when no outbound message has this id yet (the status may have overtaken the send's answer).
 */
export async function applyStatus(sql: Sql, channel: ChannelRecord, event: StatusUpdate): Promise<StatusOutcome> {
  const at = event.occurredAt.toISOString();
  const failed = event.status === "failed";
  const rows = await sql.query<{ applied: boolean }>(
    `with target as (
       select id, status from public.messages
        where channel_id = $1 and provider_message_id = $2 and direction = 'out'
     ), changed as (
       update public.messages m
          set status = $3,
              sent_at = case when $3 in ('sent', 'delivered', 'read') then coalesce(m.sent_at, $4::timestamptz) else m.sent_at end,
              delivered_at = case when $3 in ('delivered', 'read') then coalesce(m.delivered_at, $4::timestamptz) else m.delivered_at end,
              read_at = case when $3 = 'read' then coalesce(m.read_at, $4::timestamptz) else m.read_at end,
              failed_at = case when $5 then $4::timestamptz else m.failed_at end,
              error_code = case when $5 then $6 else m.error_code end,
              error_message = case when $5 then coalesce($7, 'failed') else m.error_message end
         from target
        where m.id = target.id and private.delivery_rank($3) > private.delivery_rank(target.status)
        returning m.id
     )
     select exists (select 1 from changed) as applied, exists (select 1 from target) as known`,
    [
      channel.id,
      event.providerMessageId,
      event.status,
      at,
      failed,
      event.error?.code ?? null,
      event.error?.message ?? null,
    ],
  );
  const row = rows[0] as { applied: boolean; known: boolean };
  return row.applied ? "applied" : row.known ? "stale" : "unknown";
}
