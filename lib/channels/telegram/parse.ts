import { z } from "zod";
import {
  WebhookPayloadError,
  type InboundMessage,
  type Media,
  type MessageType,
  type NormalizedEvent,
  type ParsedWebhook,
  type Sender,
  type WebhookRequest,
} from "../types";
import { serviceMessageKeys, updateSchema, type TelegramMessage } from "./update-schema";

/**
 * message_id is only unique within a chat, so a message is known as "<chat id>:<message id>", inbound and
 * outbound alike (send returns the same form).
 */
export function telegramMessageId(chatId: number | string, messageId: number | string): string {
  return `${chatId}:${messageId}`;
}

/** Parses a webhook delivery: exactly one Update as JSON. */
export function parseTelegramWebhook(req: WebhookRequest): ParsedWebhook {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(req.rawBody));
  } catch {
    throw new WebhookPayloadError("body is not JSON");
  }
  return parseTelegramUpdate(body);
}

/**
 * An Update (from a webhook or getUpdates) to normalized events. Update kinds other than message and
 * edited_message parse to no events, still with their update_id, so the raw event is recorded once.
 */
export function parseTelegramUpdate(update: unknown): ParsedWebhook {
  const result = updateSchema.safeParse(update);
  if (!result.success) throw new WebhookPayloadError(describeIssue(result.error));
  const { update_id, message, edited_message } = result.data;
  const events: NormalizedEvent[] = [];
  if (message) {
    const event = inboundMessage(message);
    if (event) events.push(event);
  }
  if (edited_message) {
    const text = edited_message.text ?? edited_message.caption;
    // Live locations also arrive as edits, every few seconds, with nothing an agent needs to see.
    if (text !== undefined) {
      events.push({
        kind: "edit",
        providerMessageId: telegramMessageId(edited_message.chat.id, edited_message.message_id),
        text,
        occurredAt: unixDate(edited_message.edit_date ?? edited_message.date),
      });
    }
  }
  return { eventId: String(update_id), events };
}

function inboundMessage(message: TelegramMessage): InboundMessage | undefined {
  const content = contentOf(message);
  if (!content) return undefined;
  return {
    kind: "message",
    providerMessageId: telegramMessageId(message.chat.id, message.message_id),
    threadId: String(message.chat.id),
    sender: senderOf(message),
    occurredAt: unixDate(message.date),
    type: content.type,
    text: content.text,
    media: content.media,
    replyToProviderMessageId: message.reply_to_message
      ? telegramMessageId(message.chat.id, message.reply_to_message.message_id)
      : undefined,
    fromBusiness: false,
  };
}

function senderOf(message: TelegramMessage): Sender {
  const { from } = message;
  if (from) {
    return {
      externalId: String(from.id),
      name: [from.first_name, from.last_name].filter(Boolean).join(" ") || undefined,
      username: from.username,
      languageCode: from.language_code,
    };
  }
  // Anonymous group admins and channels write as a chat, not a user.
  const chat = message.sender_chat ?? message.chat;
  return {
    externalId: String(chat.id),
    name: chat.title ?? ([chat.first_name, chat.last_name].filter(Boolean).join(" ") || undefined),
    username: chat.username,
  };
}

type Content = { type: MessageType; text?: string; media: Media[] };

/** What the person sent; undefined for service messages (someone joined, a title changed, …). */
function contentOf(m: TelegramMessage): Content | undefined {
  const caption = m.caption;
  if (m.photo) {
    // Telegram sends every resolution it made; the largest is the original.
    const largest = m.photo.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
    return { type: "image", text: caption, media: [media(largest, { mimeType: "image/jpeg" })] };
  }
  // An animation message also carries `document` for old clients: check it first.
  if (m.animation) return { type: "video", text: caption, media: [media(m.animation)] };
  if (m.video) return { type: "video", text: caption, media: [media(m.video)] };
  if (m.video_note) return { type: "video", text: caption, media: [media(m.video_note, { mimeType: "video/mp4" })] };
  if (m.voice) return { type: "voice", text: caption, media: [media(m.voice, { mimeType: "audio/ogg" })] };
  if (m.audio) return { type: "audio", text: caption, media: [media(m.audio)] };
  if (m.document) return { type: "document", text: caption, media: [media(m.document)] };
  if (m.sticker) {
    const mimeType = m.sticker.is_video ? "video/webm" : "image/webp";
    return { type: "sticker", text: m.sticker.emoji, media: [media(m.sticker, { mimeType })] };
  }
  if (m.location) {
    const coordinates = `${m.location.latitude},${m.location.longitude}`;
    const text = m.venue ? `${m.venue.title}, ${m.venue.address} (${coordinates})` : coordinates;
    return { type: "location", text, media: [] };
  }
  if (m.contact) {
    const name = [m.contact.first_name, m.contact.last_name].filter(Boolean).join(" ");
    return { type: "contact", text: `${name}: ${m.contact.phone_number}`, media: [] };
  }
  // A command such as /start (or a deep link "/start <payload>") is text with a bot_command entity.
  if (m.text !== undefined) return { type: "text", text: m.text, media: [] };
  if (Object.keys(m).some((key) => serviceMessageKeys.has(key))) return undefined;
  // Polls, dice, games, stories, paid media, anything newer: kept, so nothing a client sends is lost.
  return { type: "unsupported", text: caption, media: [] };
}

type FileLike = {
  file_id: string;
  file_size?: number;
  mime_type?: string;
  file_name?: string;
  duration?: number;
};

function media(file: FileLike, defaults: { mimeType?: string } = {}): Media {
  return {
    providerMediaId: file.file_id,
    mimeType: file.mime_type ?? defaults.mimeType,
    fileName: file.file_name,
    size: file.file_size,
    durationSec: file.duration,
  };
}

const unixDate = (seconds: number) => new Date(seconds * 1000);

/** "message.chat.id: Invalid input: expected number, received string": the first problem, by its path. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.map(String).join(".") || "update";
  return `${path}: ${issue.message}`;
}
