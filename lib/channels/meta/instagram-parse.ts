import { z } from "zod";
import {
  providerId,
  type Media,
  type MessageType,
  type NormalizedEvent,
  type ParsedWebhook,
  type WebhookRequest,
} from "../types";
import { parseOrThrow, readJsonBody, unixMillis } from "./payload";
import { bodyEventId } from "./webhook-auth";

// Instagram messaging webhooks (../shared/wire/meta.md §2c): the event type is the key inside messaging[],
// times are milliseconds, sender.id is the client's Instagram-scoped id (IGSID) unless is_echo.

const igMessage = z.object({
  mid: providerId,
  text: z.string().optional(),
  attachments: z
    .array(
      z.object({
        type: z.string(),
        payload: z.object({ url: z.string().optional(), title: z.string().optional() }).optional(),
      }),
    )
    .optional(),
  is_echo: z.boolean().optional(),
  is_deleted: z.boolean().optional(),
  is_unsupported: z.boolean().optional(),
  reply_to: z.object({ mid: providerId.optional() }).optional(),
});

const igMessaging = z.object({
  sender: z.object({ id: providerId }),
  recipient: z.object({ id: providerId }),
  timestamp: unixMillis.optional(),
  message: igMessage.optional(),
  message_edit: z.object({ mid: providerId, text: z.string().optional() }).optional(),
  read: z.object({ mid: providerId.optional() }).optional(),
  delivery: z.object({ mids: z.array(providerId).max(1000).optional() }).optional(),
  postback: z
    .object({ mid: z.string().optional(), title: z.string().optional(), payload: z.string().optional() })
    .optional(),
});
type IgMessaging = z.infer<typeof igMessaging>;

const envelope = z.object({
  object: z.literal("instagram"),
  entry: z.array(
    z.object({
      id: z.string().min(1),
      time: unixMillis.optional(),
      // Comments and mentions arrive as changes[]; they are not direct messages.
      messaging: z.array(igMessaging).optional(),
    }),
  ),
});

export function parseInstagramWebhook(igUserId: string, req: WebhookRequest): ParsedWebhook {
  const body = parseOrThrow(envelope, readJsonBody(req.rawBody));
  const events: NormalizedEvent[] = [];
  for (const entry of body.entry) {
    // One app can serve several accounts: another account's messages are not this channel's.
    if (entry.id !== igUserId) continue;
    for (const item of entry.messaging ?? []) {
      events.push(...eventsOf(item, item.timestamp ?? entry.time ?? new Date()));
    }
  }
  return { eventId: bodyEventId(req.rawBody), events };
}

function eventsOf(item: IgMessaging, occurredAt: Date): NormalizedEvent[] {
  if (item.message) {
    const m = item.message;
    // An unsent message is gone on the client's side too; there is nothing to store.
    if (m.is_deleted) return [];
    const fromBusiness = m.is_echo === true;
    const client = fromBusiness ? item.recipient.id : item.sender.id;
    const content = contentOf(m);
    return [
      {
        kind: "message",
        providerMessageId: m.mid,
        threadId: client,
        sender: { externalId: client },
        occurredAt,
        type: content.type,
        text: content.text,
        media: content.media,
        replyToProviderMessageId: m.reply_to?.mid,
        fromBusiness,
      },
    ];
  }
  if (item.postback?.mid && item.postback.title) {
    return [
      {
        kind: "message",
        providerMessageId: item.postback.mid,
        threadId: item.sender.id,
        sender: { externalId: item.sender.id },
        occurredAt,
        type: "text",
        text: item.postback.title,
        media: [],
        fromBusiness: false,
      },
    ];
  }
  // Edits without their new text (as captured) cannot change anything we show.
  if (item.message_edit?.text !== undefined) {
    return [{ kind: "edit", providerMessageId: item.message_edit.mid, text: item.message_edit.text, occurredAt }];
  }
  if (item.read?.mid) return [{ kind: "status", providerMessageId: item.read.mid, status: "read", occurredAt }];
  if (item.delivery?.mids?.length) {
    return item.delivery.mids.map((mid) => ({
      kind: "status",
      providerMessageId: mid,
      status: "delivered",
      occurredAt,
    }));
  }
  // Reactions, seen-without-id and other keys carry nothing for the thread.
  return [];
}

const ATTACHMENT_TYPES: Record<string, MessageType> = {
  image: "image",
  video: "video",
  audio: "audio",
  file: "document",
  sticker: "sticker",
};

function contentOf(m: z.infer<typeof igMessage>): { type: MessageType; text?: string; media: Media[] } {
  const attachments = m.attachments ?? [];
  if (m.is_unsupported) return { type: "unsupported", text: m.text, media: [] };
  if (!attachments.length) return { type: m.text === undefined ? "unsupported" : "text", text: m.text, media: [] };
  const first = attachments[0];
  // Shares, reels and story mentions are links to Instagram content: kept as unsupported with their URL.
  const type = ATTACHMENT_TYPES[first.type] ?? "unsupported";
  const media = attachments.filter((a) => a.payload?.url).map((a) => ({ url: a.payload?.url }));
  const text = m.text ?? (type === "unsupported" ? (first.payload?.title ?? first.type.replace(/_/g, " ")) : undefined);
  return { type, text, media };
}
