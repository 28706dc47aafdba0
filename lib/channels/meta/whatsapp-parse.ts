import { z } from "zod";
import {
  providerId,
  type Media,
  type MessageType,
  type NormalizedEvent,
  type ParsedWebhook,
  type WebhookRequest,
} from "../types";
import { parseOrThrow, readJsonBody, unixSeconds } from "./payload";
import { bodyEventId } from "./webhook-auth";

// The WhatsApp Business Account webhook (../shared/wire/meta.md §2a, §2b). Unknown keys are ignored so
// that Meta adding fields (pricing models, identity hashes, user ids) never turns a delivery into a 400.

const waMedia = z.object({
  id: z.string().min(1),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  voice: z.boolean().optional(),
});

const waError = z.object({
  code: z.number().optional(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.object({ details: z.string().optional() }).optional(),
});

const waMessage = z.object({
  // Users with a WhatsApp username may arrive with only a business-scoped user id (2026).
  from: providerId.optional(),
  from_user_id: providerId.optional(),
  to: z.string().optional(),
  id: providerId,
  timestamp: unixSeconds,
  type: z.string().min(1),
  context: z.object({ id: providerId.optional(), from: z.string().optional() }).optional(),
  text: z.object({ body: z.string() }).optional(),
  image: waMedia.optional(),
  document: waMedia.optional(),
  audio: waMedia.optional(),
  video: waMedia.optional(),
  sticker: waMedia.optional(),
  location: z
    .object({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  contacts: z
    .array(
      z.object({
        name: z.object({ formatted_name: z.string().optional() }).optional(),
        phones: z.array(z.object({ phone: z.string().optional(), wa_id: z.string().optional() })).optional(),
      }),
    )
    .optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string().optional(), title: z.string() }).optional(),
      list_reply: z
        .object({ id: z.string().optional(), title: z.string(), description: z.string().optional() })
        .optional(),
      nfm_reply: z.object({ body: z.string().optional(), response_json: z.string().optional() }).optional(),
    })
    .optional(),
  button: z.object({ text: z.string(), payload: z.string().optional() }).optional(),
  system: z.object({ body: z.string().optional() }).optional(),
  errors: z.array(waError).optional(),
});
type WaMessage = z.infer<typeof waMessage>;

const waStatus = z.object({
  id: providerId,
  status: z.string().min(1),
  timestamp: unixSeconds,
  recipient_id: z.string().optional(),
  errors: z.array(waError).optional(),
});

const waContact = z.object({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  profile: z.object({ name: z.string().optional() }).optional(),
});

const messagesValue = z.object({
  metadata: z.object({ phone_number_id: z.string().min(1), display_phone_number: z.string().optional() }),
  contacts: z.array(waContact).optional(),
  messages: z.array(waMessage).optional(),
  statuses: z.array(waStatus).optional(),
  // Coexistence: what the business typed in the WhatsApp Business app (field smb_message_echoes).
  message_echoes: z.array(waMessage).optional(),
});

const envelope = z.object({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(
    z.object({
      id: z.string(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })).default([]),
    }),
  ),
});

/** Fields whose value carries messages or statuses; others (template reviews, account updates) are not ours. */
const MESSAGE_FIELDS = new Set(["messages", "smb_message_echoes"]);

export function parseWhatsAppWebhook(phoneNumberId: string, req: WebhookRequest): ParsedWebhook {
  const body = parseOrThrow(envelope, readJsonBody(req.rawBody));
  const events: NormalizedEvent[] = [];
  body.entry.forEach((entry, e) =>
    entry.changes.forEach((change, c) => {
      if (!MESSAGE_FIELDS.has(change.field)) return;
      const value = parseOrThrow(messagesValue, change.value, `entry.${e}.changes.${c}.value`);
      // One app subscription can serve several numbers: another number's events are not this channel's.
      if (value.metadata.phone_number_id !== phoneNumberId) return;
      for (const m of value.messages ?? []) pushDefined(events, inbound(m, value.contacts ?? [], false));
      for (const m of value.message_echoes ?? []) pushDefined(events, inbound(m, [], true));
      for (const s of value.statuses ?? []) pushDefined(events, statusEvent(s));
    }),
  );
  return { eventId: bodyEventId(req.rawBody), events };
}

function pushDefined<T>(list: T[], item: T | undefined) {
  if (item !== undefined) list.push(item);
}

function inbound(
  m: WaMessage,
  contacts: z.infer<typeof waContact>[],
  fromBusiness: boolean,
): NormalizedEvent | undefined {
  const content = contentOf(m);
  if (!content) return undefined;
  // For an echo the business wrote, the thread is the client it was written to.
  const peer = fromBusiness ? m.to : (m.from ?? m.from_user_id);
  if (!peer) return undefined;
  const digits = /^\d+$/.test(peer) ? peer : undefined;
  const contact =
    contacts.find((c) => c.wa_id === peer || c.user_id === peer) ?? (contacts.length === 1 ? contacts[0] : undefined);
  return {
    kind: "message",
    providerMessageId: m.id,
    threadId: peer,
    sender: {
      externalId: peer,
      ...(fromBusiness ? {} : { name: contact?.profile?.name }),
      ...(digits ? { phone: `+${digits}` } : {}),
    },
    occurredAt: m.timestamp,
    type: content.type,
    text: content.text,
    media: content.media ?? [],
    replyToProviderMessageId: m.context?.id,
    fromBusiness,
  };
}

type Content = { type: MessageType; text?: string; media?: Media[] };

function media(m: z.infer<typeof waMedia>): Media[] {
  return [{ providerMediaId: m.id, mimeType: m.mime_type, fileName: m.filename }];
}

function contentOf(m: WaMessage): Content | undefined {
  switch (m.type) {
    case "text":
      return m.text ? { type: "text", text: m.text.body } : undefined;
    case "image":
    case "video":
    case "document":
    case "sticker": {
      const att = m[m.type];
      return att ? { type: m.type, text: att.caption, media: media(att) } : undefined;
    }
    case "audio":
      return m.audio ? { type: m.audio.voice ? "voice" : "audio", media: media(m.audio) } : undefined;
    case "location": {
      const l = m.location;
      if (!l) return undefined;
      const text = [l.name, l.address, `${l.latitude}, ${l.longitude}`].filter(Boolean).join("\n");
      return { type: "location", text };
    }
    case "contacts": {
      const lines = (m.contacts ?? []).map((c) =>
        [c.name?.formatted_name, ...(c.phones ?? []).map((p) => p.phone ?? p.wa_id)].filter(Boolean).join(" "),
      );
      return { type: "contact", text: lines.join("\n") };
    }
    case "interactive": {
      const i = m.interactive;
      const text = i?.button_reply?.title ?? i?.list_reply?.title ?? i?.nfm_reply?.body;
      return text === undefined
        ? { type: "unsupported", text: `interactive ${i?.type ?? ""}`.trim() }
        : { type: "text", text };
    }
    case "button":
      return m.button ? { type: "text", text: m.button.text } : undefined;
    // Reactions and "request_welcome" carry nothing to show in a thread.
    case "reaction":
    case "request_welcome":
      return undefined;
    case "system":
      return { type: "unsupported", text: m.system?.body };
    default: {
      const err = m.errors?.[0];
      return { type: "unsupported", text: err?.error_data?.details ?? err?.title ?? err?.message };
    }
  }
}

function statusEvent(s: z.infer<typeof waStatus>): NormalizedEvent | undefined {
  // "played" (a voice note was listened to) implies read; unknown statuses are not ours to guess.
  const status = s.status === "played" ? "read" : s.status;
  if (status !== "sent" && status !== "delivered" && status !== "read" && status !== "failed") return undefined;
  const err = s.errors?.[0];
  const error =
    status === "failed"
      ? {
          code: err?.code === undefined ? undefined : String(err.code),
          message: errorText(err) ?? "failed without a reason from WhatsApp",
        }
      : undefined;
  return { kind: "status", providerMessageId: s.id, status, occurredAt: s.timestamp, ...(error ? { error } : {}) };
}

function errorText(err: z.infer<typeof waError> | undefined) {
  if (!err) return undefined;
  const parts = [err.title, err.message, err.error_data?.details].filter((p): p is string => Boolean(p));
  // Meta often repeats the title as the message: say each thing once.
  return [...new Set(parts)].join(": ") || undefined;
}
