import type { MessageListInstanceCreateOptions } from "twilio/lib/rest/api/v2010/account/message";
import { PermanentSendError, type OutboundMessage } from "../types";
import { e164From, type TwilioChannel } from "./config";
import { twilioApi } from "./client";
import { toTwilioSendError } from "./errors";

/** POST /2010-04-01/Accounts/{sid}/Messages.json through the SDK; the message SID is the provider's id. */
export async function sendTwilioMessage(
  channel: TwilioChannel,
  message: OutboundMessage,
): Promise<{ providerMessageId: string }> {
  const params = messageParams(channel, message);
  const api = twilioApi(channel.config, channel.secrets);
  try {
    const created = await api.client.api.v2010.accounts(channel.config.accountSid).messages.create(params);
    return { providerMessageId: created.sid };
  } catch (error) {
    throw toTwilioSendError(error, api.lastResponse()?.headers);
  }
}

export function messageParams(channel: TwilioChannel, message: OutboundMessage): MessageListInstanceCreateOptions {
  const phone = e164From(message.threadId.startsWith("+") ? message.threadId : `+${message.threadId}`);
  if (!phone) throw new PermanentSendError(`${message.threadId} is not a phone number in E.164 form`);
  const { from, messagingServiceSid } = channel.config;
  const params: MessageListInstanceCreateOptions = {
    to: `whatsapp:${phone}`,
    ...(from ? { from } : {}),
    ...(messagingServiceSid ? { messagingServiceSid } : {}),
    ...(message.statusCallbackUrl ? { statusCallback: message.statusCallbackUrl } : {}),
  };

  if (message.type === "template") {
    const template = message.template;
    // WhatsApp templates are Content API templates on Twilio, addressed by their HX… SID.
    if (!template?.providerTemplateId) {
      const name = template?.name ? ` "${template.name}"` : "";
      throw new PermanentSendError(`template${name} has no Twilio Content SID: sync this channel's templates`);
    }
    params.contentSid = template.providerTemplateId;
    if (Object.keys(template.variables).length > 0) params.contentVariables = JSON.stringify(template.variables);
    return params;
  }

  const text = message.text?.trim() ? message.text : undefined;
  const media = message.media ?? [];
  const urls = media.map((m) => m.url).filter((u): u is string => Boolean(u));
  if (urls.length < media.length) {
    throw new PermanentSendError("Twilio fetches media from a public URL, and this attachment has none");
  }
  if (!text && urls.length === 0) throw new PermanentSendError("nothing to send: the message has no text and no media");
  if (text) params.body = text;
  if (urls.length > 0) params.mediaUrl = urls;
  return params;
}
