import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueue } from "@/lib/jobs";
import type { ChannelType, Media, MessageType } from "@/lib/channels/types";
import { previewOf } from "./events";
import { outboundMediaSchema, resolveUploads } from "./media";
import { MESSAGE_COLUMNS, toMessageView, type MessageRow, type MessageView } from "./message-view";
import { hasReplyWindow, windowClosesAt, windowedChannelTypes } from "./networks";
import { outboxSend } from "./outbox-job";
import { renderTemplate } from "./template-render";

export const sendMessageSchema = z
  .object({
    conversationId: z.uuid(),
    text: z.string().trim().min(1).max(4096).optional(),
    /** Links ({ url }) or files uploaded through POST /api/messaging/uploads ({ uploadId }). */
    media: z.array(outboundMediaSchema).max(10).optional(),
    /** An approved template of the conversation's channel: the only thing WhatsApp allows outside the window. */
    templateId: z.uuid().optional(),
    variables: z.record(z.string(), z.string().max(1024)).optional(),
  })
  .refine((v) => v.text || v.media?.length || v.templateId, {
    path: ["text"],
    message: "needs text, media or a template",
  });
export type SendMessageInput = z.input<typeof sendMessageSchema>;

/** Sending refused for a reason the agent can act on: a 409 whose details say which. */
export function sendRefused(reason: "opted_out" | "window_closed" | "channel_disabled", message: string, extra = {}) {
  return new ApiError("conflict", message, { reason, ...extra });
}

function typeOfMedia(media: Media[]): MessageType {
  const mime = media[0]?.mimeType ?? "";
  if (mime.startsWith("image/")) return "image";
  if (mime.startsWith("video/")) return "video";
  if (mime.startsWith("audio/")) return "audio";
  return "document";
}

type Target = {
  id: string;
  channel_id: string;
  channel_type: ChannelType;
  channel_enabled: boolean;
  last_inbound_at: Date | null;
  opted_out_at: Date | null;
};

async function target(sql: Sql, orgId: string, conversationId: string): Promise<Target> {
  const [row] = await sql.query<Target>(
    `select c.id, c.channel_id, ch.type as channel_type, ch.enabled as channel_enabled, c.last_inbound_at,
            ct.opted_out_at
       from public.conversations c
       join public.channels ch on ch.id = c.channel_id
       join public.contacts ct on ct.id = c.contact_id
      where c.org_id = $1 and c.id = $2`,
    [orgId, conversationId],
  );
  if (!row) throw new ApiError("not_found", "conversation not found");
  return row;
}

/** Opt-out, a disabled channel, and the 24-hour reply window of WhatsApp (templates go outside it) and Instagram. */
function checkSendable(t: Target, withTemplate: boolean) {
  if (t.opted_out_at) {
    throw sendRefused("opted_out", "the contact opted out of messages (STOP); they must write START to opt back in", {
      optedOutAt: new Date(t.opted_out_at).toISOString(),
    });
  }
  if (!t.channel_enabled) throw sendRefused("channel_disabled", "the channel is disabled");
  const templates = windowedChannelTypes.includes(t.channel_type);
  if (!hasReplyWindow(t.channel_type) || (withTemplate && templates)) return;
  const closes = windowClosesAt(t.channel_type, t.last_inbound_at);
  if (!closes || closes.getTime() <= Date.now()) {
    throw sendRefused(
      "window_closed",
      templates
        ? "WhatsApp allows free text only within 24 hours of the client's last message; send an approved template"
        : "Instagram takes replies only within 24 hours of the client's last message; wait until they write again",
      { windowClosedAt: closes?.toISOString() ?? null },
    );
  }
}

/**
 * Asks for delivery of a queued message. In-process jobs: queued in the caller's transaction through a
 * narrow security-definer function (members cannot insert jobs), so the message and its job commit
 * together. Trigger.dev: requested once the transaction has committed (the returned function), because a
 * run requested earlier could start before the message is visible.
 */
async function requestDelivery(sql: Sql, orgId: string, messageId: string): Promise<(() => Promise<void>) | undefined> {
  if (!env().TRIGGER_SECRET_KEY) {
    await sql.query("select private.enqueue_outbound($1, $2)", [messageId, outboxSend.maxAttempts]);
    return undefined;
  }
  return async () => {
    await enqueue(outboxSend, { messageId }, { orgId, dedupeKey: messageId });
  };
}

/**
 * The same request from a service transaction (the assistant's own replies): the job is inserted directly,
 * in that transaction, deduplicated on the message id.
 */
export async function requestDeliveryAsService(sql: Sql, orgId: string, messageId: string) {
  if (!env().TRIGGER_SECRET_KEY) {
    await enqueue(outboxSend, { messageId }, { orgId, dedupeKey: messageId, sql });
    return undefined;
  }
  return async () => {
    await enqueue(outboxSend, { messageId }, { orgId, dedupeKey: messageId });
  };
}

/** Throws sendRefused (409 with details.reason) when free text cannot go to this conversation now. */
export async function assertSendable(sql: Sql, orgId: string, conversationId: string): Promise<void> {
  checkSendable(await target(sql, orgId, conversationId), false);
}

export type Queued = { message: MessageView; afterCommit?: () => Promise<void> };

/**
 * An agent's reply, through RLS as the agent: checks, stores it queued, marks the conversation read, and
 * requests delivery. The outbox.send job sends it and records the outcome. A reply of the agent's own pauses
 * the assistant's auto-replies in the conversation; an approved AI draft (pauseAi false) does not.
 */
export async function sendMessage(
  sql: Sql,
  orgId: string,
  input: z.output<typeof sendMessageSchema>,
  options: { pauseAi?: boolean } = {},
): Promise<Queued> {
  const t = await target(sql, orgId, input.conversationId);
  checkSendable(t, Boolean(input.templateId));
  let text = input.text ?? null;
  const media = await resolveUploads(sql, orgId, input.media ?? []);
  let type: MessageType = media.length ? typeOfMedia(media) : "text";
  if (input.templateId) {
    const [template] = await sql.query<{ body: string; variables: { key: string }[]; status: string }>(
      "select body, variables, status from public.message_templates where org_id = $1 and id = $2 and channel_id = $3",
      [orgId, input.templateId, t.channel_id],
    );
    if (!template) throw new ApiError("bad_request", "templateId: no such template on this conversation's channel");
    if (template.status !== "approved")
      throw new ApiError("conflict", `the template is ${template.status}, not approved`);
    text = renderTemplate(template.body, input.variables ?? {});
    type = "template";
  }
  const [row] = await sql.query<MessageRow>(
    `insert into public.messages (org_id, conversation_id, channel_id, direction, sender_type, type, text, media,
       template_id, template_variables, status)
     values ($1, $2, $3, 'out', 'agent', $4, $5, $6::jsonb, $7, $8::jsonb, 'queued')
     returning ${MESSAGE_COLUMNS}`,
    [
      orgId,
      t.id,
      t.channel_id,
      type,
      text,
      JSON.stringify(media),
      input.templateId ?? null,
      input.variables ? JSON.stringify(input.variables) : null,
    ],
  );
  // Replying means the agent has read the conversation.
  await sql.query(
    `update public.conversations
        set last_message_at = greatest(last_message_at, now()), last_message_id = $2, last_message_preview = $3,
            last_message_direction = 'out', unread_count = 0,
            ai_paused_reason = case when $5 then coalesce(ai_paused_reason, 'agent_reply') else ai_paused_reason end,
            ai_paused_at = case when $5 then coalesce(ai_paused_at, now()) else ai_paused_at end
      where org_id = $1 and id = $4`,
    [orgId, row.id, previewOf(type, text), t.id, options.pauseAi ?? true],
  );
  // A new message has no error to show, so no reader's role is needed to word one.
  return {
    message: toMessageView(row, { channelType: t.channel_type, rawErrors: false }),
    afterCommit: await requestDelivery(sql, orgId, row.id),
  };
}

/** Puts a failed outbound message back in the outbox, after the same checks as a new one. */
export async function resendMessage(sql: Sql, orgId: string, messageId: string): Promise<Queued> {
  const [current] = await sql.query<{
    conversation_id: string;
    status: string;
    direction: string;
    template_id: string | null;
  }>("select conversation_id, status, direction, template_id from public.messages where org_id = $1 and id = $2", [
    orgId,
    messageId,
  ]);
  if (!current) throw new ApiError("not_found", "message not found");
  if (current.direction !== "out" || current.status !== "failed") {
    throw new ApiError("conflict", "only a failed outbound message can be sent again", { status: current.status });
  }
  const t = await target(sql, orgId, current.conversation_id);
  checkSendable(t, current.template_id !== null);
  const [row] = await sql.query<MessageRow>(
    `update public.messages
        set status = 'queued', error_code = null, error_message = null, failed_at = null, attempts = 0
      where org_id = $1 and id = $2 and status = 'failed'
      returning ${MESSAGE_COLUMNS}`,
    [orgId, messageId],
  );
  if (!row) throw new ApiError("conflict", "the message changed meanwhile; reload");
  // Its error was just cleared.
  return {
    message: toMessageView(row, { channelType: t.channel_type, rawErrors: false }),
    afterCommit: await requestDelivery(sql, orgId, row.id),
  };
}
