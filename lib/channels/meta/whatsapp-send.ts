import { PermanentSendError, type Media, type OutboundMessage } from "../types";

// Request bodies for POST /{phone-number-id}/messages (../shared/wire/meta.md §3), as the recorded
// cassettes send them. Graph has no idempotency key, so the outbox must not resend a message it knows was sent.

type Body = Record<string, unknown>;

export function whatsappMessageBody(message: OutboundMessage): Body {
  const base = {
    messaging_product: "whatsapp",
    // Meta takes the number with or without "+"; the recordings send bare digits.
    to: message.threadId.replace(/^\+/, ""),
    recipient_type: "individual",
  };
  const text = message.text?.trim() ? message.text : undefined;
  switch (message.type) {
    case "text":
      if (!text) throw new PermanentSendError("a WhatsApp text message needs text");
      return {
        ...base,
        type: "text",
        text: { body: text, ...(/https?:\/\//.test(text) ? { preview_url: true } : {}) },
      };
    case "image":
    case "video":
    case "document":
      return { ...base, type: message.type, [message.type]: mediaObject(message, message.type, text) };
    case "audio":
    case "voice":
    case "sticker": {
      // WhatsApp has no caption for these: refusing beats dropping the agent's words without a trace.
      if (text) throw new PermanentSendError(`WhatsApp ${message.type} messages cannot carry text; send it separately`);
      const type = message.type === "voice" ? "audio" : message.type;
      return { ...base, type, [type]: mediaObject(message, type) };
    }
    case "template":
      return { ...base, type: "template", template: templateObject(message) };
    default:
      throw new PermanentSendError(`WhatsApp Cloud cannot send a ${message.type} message`);
  }
}

function mediaObject(message: OutboundMessage, type: string, caption?: string): Body {
  const media = message.media ?? [];
  if (media.length !== 1) {
    throw new PermanentSendError(`a WhatsApp ${type} message carries exactly one attachment (got ${media.length})`);
  }
  const m: Media = media[0];
  const ref = m.providerMediaId ? { id: m.providerMediaId } : m.url ? { link: m.url } : undefined;
  if (!ref) throw new PermanentSendError(`the ${type} attachment has neither a URL nor a WhatsApp media id`);
  return {
    ...ref,
    ...(caption ? { caption } : {}),
    ...(type === "document" && m.fileName ? { filename: m.fileName } : {}),
  };
}

/**
 * Variables named "1", "2", … fill a positional template ({{1}}); any other names fill a named one
 * ({{first_name}}), which Meta wants as parameter_name.
 */
function templateObject(message: OutboundMessage): Body {
  const t = message.template;
  if (!t) throw new PermanentSendError("a template message needs a template");
  const entries = Object.entries(t.variables ?? {});
  const positional = entries.every(([k]) => /^\d+$/.test(k));
  const parameters = positional
    ? entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, value]) => ({ type: "text", text: value }))
    : entries.map(([name, value]) => ({ type: "text", parameter_name: name, text: value }));
  return {
    name: t.name,
    language: { code: t.language },
    ...(parameters.length ? { components: [{ type: "body", parameters }] } : {}),
  };
}
