import { z } from "zod";
import { asService, type Sql } from "@/lib/db";
import { defineJob, PermanentJobError, RetryLaterError } from "@/lib/jobs/registry";
import { adapterFor } from "@/lib/channels/registry";
import { loadChannelRecord, webhookUrl } from "@/lib/channels/store";
import {
  PermanentSendError,
  RetryableSendError,
  type ChannelRecord,
  type Media,
  type MessageType,
  type OutboundMessage,
} from "@/lib/channels/types";
import { signedMediaForProvider } from "./media";

export const outboxSendPayload = z.object({ messageId: z.uuid() });

type Pending = {
  id: string;
  org_id: string;
  channel_id: string;
  status: string;
  type: MessageType;
  text: string | null;
  media: Media[];
  thread_id: string;
  opted_out_at: Date | null;
  template_variables: Record<string, string> | null;
  template_name: string | null;
  template_language: string | null;
  provider_template_id: string | null;
};

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000);

async function markFailed(sql: Sql, id: string, code: string | null, message: string) {
  await sql.query(
    `update public.messages set status = 'failed', error_code = $2, error_message = $3, failed_at = now()
      where id = $1 and status = 'queued'`,
    [id, code, message],
  );
}

/** Loads what to send; a message that is gone, already sent, or cannot be sent any more ends the job here. */
async function prepare(
  messageId: string,
  orgId: string | null,
): Promise<{ message: Pending; channel: ChannelRecord } | string> {
  return asService(async (sql) => {
    const [message] = await sql.query<Pending>(
      `select m.id, m.org_id, m.channel_id, m.status, m.type, m.text, m.media, m.template_variables, c.thread_id,
              ct.opted_out_at, t.name as template_name, t.language as template_language, t.provider_template_id
         from public.messages m
         join public.conversations c on c.id = m.conversation_id
         join public.contacts ct on ct.id = c.contact_id
         left join public.message_templates t on t.id = m.template_id
        where m.id = $1 and ($2::uuid is null or m.org_id = $2) and m.direction = 'out'
        for update of m`,
      [messageId, orgId],
    );
    if (!message) return "message not found";
    if (message.status !== "queued") return `already ${message.status}`;
    const channel = await loadChannelRecord(sql, message.channel_id, { orgId: message.org_id, enabledOnly: true });
    if (!channel) {
      await markFailed(sql, message.id, "channel_disabled", "the channel is disabled or was removed");
      return "channel disabled";
    }
    if (message.opted_out_at) {
      await markFailed(sql, message.id, "opted_out", "the contact opted out before the message was sent");
      return "contact opted out";
    }
    await sql.query("update public.messages set attempts = attempts + 1 where id = $1", [message.id]);
    return { message, channel };
  });
}

function outbound(message: Pending, channel: ChannelRecord): OutboundMessage {
  return {
    id: message.id,
    threadId: message.thread_id,
    type: message.type,
    text: message.text ?? undefined,
    media: message.media.length ? signedMediaForProvider(message.media) : undefined,
    template: message.template_name
      ? {
          name: message.template_name,
          language: message.template_language ?? "en",
          providerTemplateId: message.provider_template_id ?? undefined,
          variables: message.template_variables ?? {},
        }
      : undefined,
    statusCallbackUrl: webhookUrl(channel),
  };
}

/** The provider took it: its id (for status callbacks), status sent unless a callback already went further. */
async function markSent(message: Pending, providerMessageId: string) {
  await asService(async (sql) => {
    // The provider may echo our own send back as a message "from the business" (Evolution's fromMe) before
    // this update; that echo is the same message.
    await sql.query(
      `delete from public.messages
        where channel_id = $1 and provider_message_id = $2 and id <> $3 and direction = 'out' and sender_type = 'business'`,
      [message.channel_id, providerMessageId, message.id],
    );
    await sql.query(
      `update public.messages
          set provider_message_id = $2, sent_at = coalesce(sent_at, now()), error_code = null, error_message = null,
              status = case when private.delivery_rank(status) < private.delivery_rank('sent') then 'sent' else status end
        where id = $1`,
      [message.id, providerMessageId],
    );
  });
}

/**
 * Sends one queued message through its channel's provider. Retryable failures (429, 5xx, network) are tried
 * again — at the provider's Retry-After when it gave one; a permanent refusal or the last attempt marks the
 * message failed with the provider's reason, which the agent sees beside a resend action.
 */
export const outboxSend = defineJob({
  name: "outbox.send",
  schema: outboxSendPayload,
  maxAttempts: 8,
  async run({ messageId }, ctx) {
    const prepared = await prepare(messageId, ctx.orgId);
    if (typeof prepared === "string") return { skipped: prepared };
    const { message, channel } = prepared;
    try {
      const { providerMessageId } = await adapterFor(channel.type).send(channel, outbound(message, channel));
      await markSent(message, providerMessageId);
      return { providerMessageId };
    } catch (error) {
      const permanent = error instanceof PermanentSendError;
      const code = permanent || error instanceof RetryableSendError ? (error.code ?? null) : null;
      if (permanent || ctx.attempt >= ctx.maxAttempts) {
        await asService((sql) => markFailed(sql, message.id, code, errorText(error)));
        throw new PermanentJobError(errorText(error), { cause: error });
      }
      // Still queued: the agent sees why the last attempt failed while it is retried.
      await asService((sql) =>
        sql.query(
          "update public.messages set error_code = $2, error_message = $3 where id = $1 and status = 'queued'",
          [message.id, code, errorText(error)],
        ),
      );
      if (error instanceof RetryableSendError && error.retryAfterMs !== undefined) {
        throw new RetryLaterError(errorText(error), error.retryAfterMs, { cause: error });
      }
      throw error;
    }
  },
});
