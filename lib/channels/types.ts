import { z } from "zod";

/**
 * The contract between the inbox and each provider. A provider module (lib/channels/<provider>) knows its
 * wire format; the inbox (lib/inbox) knows contacts, conversations, messages and the outbox. Neither knows
 * the other's internals.
 */

/**
 * A provider's id (message, thread, sender, media): real ones are at most ~200 characters (an Instagram mid);
 * the bound keeps every one well inside a unique index's key (PostgreSQL refuses keys over ~2.7 kB).
 */
export const MAX_PROVIDER_ID = 256;
export const providerId = z.string().min(1).max(MAX_PROVIDER_ID);
/** Free text a provider sends (a message, a caption, a name): long enough for any real one, not unbounded. */
const MAX_PROVIDER_TEXT = 65_536;

/**
 * The time a provider says something happened. One rule for every provider: a time before 1970 or more than a
 * day ahead of receipt (beyond clock skew; Telegram's date 300000000000 is the year 11476) is replaced by the
 * receipt time, so a message with a broken clock is still stored, in its place in the thread.
 */
export const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;
export const providerTime = z
  // z.date() refuses an Invalid Date (what new Date(1e300) is); that too becomes the receipt time.
  .custom<Date | string | number>((v) => v instanceof Date || typeof v === "string" || typeof v === "number", {
    message: "a time",
  })
  .transform((v) => {
    const at = v instanceof Date ? v : new Date(v);
    const now = Date.now();
    const t = at.getTime();
    return Number.isFinite(t) && t >= 0 && t <= now + MAX_CLOCK_SKEW_MS ? at : new Date(now);
  });

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
  providerMediaId: z.string().max(2048).optional(),
  url: z.string().max(2048).optional(),
  mimeType: z.string().max(255).optional(),
  fileName: z.string().max(1024).optional(),
  size: z.number().int().nonnegative().optional(),
  durationSec: z.number().nonnegative().max(1e7).optional(),
});
export type Media = z.infer<typeof mediaSchema>;

/** Who wrote: how the inbox matches them to a contact across channels. */
export const senderSchema = z.object({
  /** The id this channel knows them by: Telegram user id, WhatsApp number digits, Instagram-scoped id. */
  externalId: providerId,
  name: z.string().max(1024).optional(),
  username: z.string().max(MAX_PROVIDER_ID).optional(),
  /** E.164 when the channel reveals a phone number (WhatsApp always does). */
  phone: z.string().max(64).optional(),
  languageCode: z.string().max(35).optional(),
});
export type Sender = z.infer<typeof senderSchema>;

export const inboundMessageSchema = z.object({
  kind: z.literal("message"),
  /** Deduplication key within the channel: a provider's retry of the same message changes nothing. */
  providerMessageId: providerId,
  /** The chat on the provider's side (Telegram chat id, WhatsApp number, Instagram thread). */
  threadId: providerId,
  sender: senderSchema,
  occurredAt: providerTime,
  type: messageTypeSchema,
  text: z.string().max(MAX_PROVIDER_TEXT).optional(),
  media: z.array(mediaSchema).max(100).default([]),
  replyToProviderMessageId: providerId.optional(),
  /** Sent by the business itself from another device (e.g. Evolution's fromMe): stored as outbound, not unread. */
  fromBusiness: z.boolean().default(false),
});
export type InboundMessage = z.infer<typeof inboundMessageSchema>;

export const inboundEditSchema = z.object({
  kind: z.literal("edit"),
  providerMessageId: providerId,
  text: z.string().max(MAX_PROVIDER_TEXT),
  occurredAt: providerTime,
});

export const deliveryStatuses = ["sent", "delivered", "read", "failed"] as const;
export const statusUpdateSchema = z.object({
  kind: z.literal("status"),
  providerMessageId: providerId,
  status: z.enum(deliveryStatuses),
  error: z.object({ code: z.string().max(255).optional(), message: z.string().max(4096) }).optional(),
  occurredAt: providerTime,
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
