import { z } from "zod";

/**
 * The contract between the inbox and each provider. A provider module (lib/channels/<provider>) knows its
 * wire format; the inbox (lib/inbox) knows contacts, conversations, messages and the outbox. Neither knows
 * the other's internals.
 */

export const channelTypes = ["telegram", "twilio_whatsapp", "whatsapp_cloud", "instagram", "evolution"] as const;
export const channelTypeSchema = z.enum(channelTypes);
export type ChannelType = z.infer<typeof channelTypeSchema>;

/** The URL segment of /api/webhooks/<provider>/<channelId>. Meta serves WhatsApp Cloud and Instagram. */
export const webhookProviders = {
  telegram: "telegram",
  twilio_whatsapp: "twilio",
  whatsapp_cloud: "meta",
  instagram: "meta",
  evolution: "evolution",
} as const satisfies Record<ChannelType, string>;
export type WebhookProvider = (typeof webhookProviders)[ChannelType];

export const messageTypes = [
  "text",
  "image",
  "document",
  "audio",
  "voice",
  "video",
  "sticker",
  "location",
  "contact",
  "template",
  "unsupported",
] as const;
export const messageTypeSchema = z.enum(messageTypes);
export type MessageType = z.infer<typeof messageTypeSchema>;

export const mediaSchema = z.object({
  /** The provider's handle to fetch it later (Telegram file_id, Meta media id, Twilio media URL). */
  providerMediaId: z.string().optional(),
  url: z.string().optional(),
  mimeType: z.string().optional(),
  fileName: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  durationSec: z.number().nonnegative().optional(),
});
export type Media = z.infer<typeof mediaSchema>;

/** Who wrote: how the inbox matches them to a contact across channels. */
export const senderSchema = z.object({
  /** The id this channel knows them by: Telegram user id, WhatsApp number digits, Instagram-scoped id. */
  externalId: z.string().min(1),
  name: z.string().optional(),
  username: z.string().optional(),
  /** E.164 when the channel reveals a phone number (WhatsApp always does). */
  phone: z.string().optional(),
  languageCode: z.string().optional(),
});
export type Sender = z.infer<typeof senderSchema>;

export const inboundMessageSchema = z.object({
  kind: z.literal("message"),
  /** Deduplication key within the channel: a provider's retry of the same message changes nothing. */
  providerMessageId: z.string().min(1),
  /** The chat on the provider's side (Telegram chat id, WhatsApp number, Instagram thread). */
  threadId: z.string().min(1),
  sender: senderSchema,
  occurredAt: z.coerce.date(),
  type: messageTypeSchema,
  text: z.string().optional(),
  media: z.array(mediaSchema).default([]),
  replyToProviderMessageId: z.string().optional(),
  /** Sent by the business itself from another device (e.g. Evolution's fromMe): stored as outbound, not unread. */
  fromBusiness: z.boolean().default(false),
});
export type InboundMessage = z.infer<typeof inboundMessageSchema>;

export const inboundEditSchema = z.object({
  kind: z.literal("edit"),
  providerMessageId: z.string().min(1),
  text: z.string(),
  occurredAt: z.coerce.date(),
});

export const deliveryStatuses = ["sent", "delivered", "read", "failed"] as const;
export const statusUpdateSchema = z.object({
  kind: z.literal("status"),
  providerMessageId: z.string().min(1),
  status: z.enum(deliveryStatuses),
  error: z.object({ code: z.string().optional(), message: z.string() }).optional(),
  occurredAt: z.coerce.date(),
});

export const normalizedEventSchema = z.discriminatedUnion("kind", [
  inboundMessageSchema,
  inboundEditSchema,
  statusUpdateSchema,
]);
export type NormalizedEvent = z.infer<typeof normalizedEventSchema>;

/** One webhook delivery, parsed: its id for deduplication of the raw event, and what it means. */
export type ParsedWebhook = {
  /** Stable across the provider's retries (Telegram update_id, Twilio MessageSid+status, a hash of the body). */
  eventId: string;
  events: NormalizedEvent[];
};

/** A channel as providers see it: the decrypted secrets never leave the server. */
export type ChannelRecord<Config = Record<string, unknown>, Secrets = Record<string, unknown>> = {
  id: string;
  orgId: string;
  type: ChannelType;
  name: string;
  config: Config;
  secrets: Secrets;
};

export type WebhookRequest = {
  /** The public URL the provider called (rebuilt from APP_URL behind a proxy): signatures cover it. */
  url: string;
  method: string;
  headers: Headers;
  rawBody: Uint8Array;
};

export type OutboundMessage = {
  /** Our message id: providers that accept an idempotency key get it. */
  id: string;
  threadId: string;
  type: MessageType;
  text?: string;
  media?: Media[];
  template?: { name: string; language: string; providerTemplateId?: string; variables: Record<string, string> };
  /** Where the provider should post delivery statuses for this message, if it asks per message (Twilio). */
  statusCallbackUrl?: string;
};

/** The provider refused for a reason that will not change: not retried, shown to the agent. */
export class PermanentSendError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "PermanentSendError";
  }
}

/** Try again later; retryAfterMs when the provider said when (429 retry_after / Retry-After). */
export class RetryableSendError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = "RetryableSendError";
  }
}

/** An attachment's bytes as the provider gave them; size when known beforehand (for the 413 before reading). */
export type FetchedMedia = {
  body: Uint8Array | ReadableStream<Uint8Array>;
  mimeType: string;
  fileName?: string;
  size?: number;
};

export interface ChannelAdapter<Config = Record<string, unknown>, Secrets = Record<string, unknown>> {
  readonly type: ChannelType;
  /** Non-secret settings, returned to admins as they are. */
  readonly configSchema: z.ZodType<Config>;
  /** Bot tokens, auth tokens, app secrets: encrypted at rest, write-only through the API. */
  readonly secretsSchema: z.ZodType<Secrets>;
  /**
   * Throws WebhookAuthError when the request is not from the provider. Never skips the check because a
   * secret is missing: a channel without one refuses every request.
   */
  verify(channel: ChannelRecord<Config, Secrets>, req: WebhookRequest): Promise<void> | void;
  /** A GET handshake some providers make before sending events (Meta's hub.challenge). */
  handshake?(channel: ChannelRecord<Config, Secrets>, url: URL): Response | undefined;
  /** Throws WebhookPayloadError naming the problem when the body is not what the provider sends. */
  parse(channel: ChannelRecord<Config, Secrets>, req: WebhookRequest): ParsedWebhook;
  /** The provider's answer to a delivery (TwiML for Twilio); 200 with an empty JSON body otherwise. */
  acknowledge?(): Response;
  send(channel: ChannelRecord<Config, Secrets>, message: OutboundMessage): Promise<{ providerMessageId: string }>;
  /** Checks the credentials against the provider (getMe, account fetch); a readable detail either way. */
  test(channel: ChannelRecord<Config, Secrets>): Promise<{ ok: boolean; detail: string }>;
  /** Registers the webhook with the provider when it can be done by API (Telegram setWebhook). */
  connect?(channel: ChannelRecord<Config, Secrets>, webhookUrl: string): Promise<void>;
  /**
   * Downloads an inbound attachment by its provider handle (media.providerMediaId), with the channel's
   * credentials, for the inbox to stream to members. Optional: a provider without it shows a file card.
   */
  fetchMedia?(channel: ChannelRecord<Config, Secrets>, media: Media): Promise<FetchedMedia>;
  /** Every message template the provider holds for this channel, with its approval status (WhatsApp). */
  syncTemplates?(channel: ChannelRecord<Config, Secrets>): Promise<ProviderTemplate[]>;
  /** Submits a template for the provider's approval; it usually comes back pending. */
  createTemplate?(channel: ChannelRecord<Config, Secrets>, draft: TemplateDraft): Promise<ProviderTemplate>;
}

export const templateCategories = ["marketing", "utility", "authentication"] as const;
export const templateStatuses = ["pending", "approved", "rejected"] as const;

/** A message template as the provider keeps it. */
export type ProviderTemplate = {
  /** Twilio Content SID (HX…), Meta template id. */
  providerTemplateId: string;
  name: string;
  language: string;
  category?: (typeof templateCategories)[number];
  body: string;
  /** Placeholder keys in order of first use: "1", "2", … or names. */
  variables: string[];
  status: (typeof templateStatuses)[number];
  rejectionReason?: string;
};

/** What an admin asks the provider to approve. */
export type TemplateDraft = {
  name: string;
  language: string;
  category: (typeof templateCategories)[number];
  body: string;
  /** A sample value per placeholder, for the provider's reviewers. */
  examples: Record<string, string>;
};

export class WebhookAuthError extends Error {
  constructor(
    message: string,
    readonly status: 401 | 403 = 401,
  ) {
    super(message);
    this.name = "WebhookAuthError";
  }
}

export class WebhookPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookPayloadError";
  }
}
