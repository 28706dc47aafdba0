import { z } from "zod";
import {
  MAX_PROVIDER_ID,
  WebhookPayloadError,
  providerId,
  type InboundMessage,
  type Media,
  type MessageType,
} from "../types";
import { e164From } from "./config";

// An incoming WhatsApp message (../shared/wire/twilio.md §1a). Twilio adds parameters without notice, so
// unknown ones are ignored; only what the inbox needs is checked.
const inboundSchema = z.looseObject({
  MessageSid: z.string().min(1, "is missing").max(MAX_PROVIDER_ID),
  From: z.string().refine((v) => e164From(v) !== undefined, "must be whatsapp:+E164"),
  To: z.string().optional(),
  Body: z.string().optional(),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
  ProfileName: z.string().optional(),
  // Digits only, no "+": the WhatsApp id Meta knows the sender by.
  WaId: z.string().regex(/^\d+$/, "must be digits").optional(),
  MessageType: z.string().optional(),
  Latitude: z.coerce.number().min(-90).max(90).optional(),
  Longitude: z.coerce.number().min(-180).max(180).optional(),
  Address: z.string().optional(),
  Label: z.string().optional(),
  ButtonText: z.string().optional(),
  OriginalRepliedMessageSid: providerId.optional(),
});
export type InboundParams = z.infer<typeof inboundSchema>;
export { inboundSchema };

export function toInboundMessage(p: InboundParams, occurredAt: Date): InboundMessage {
  const phone = e164From(p.From)!;
  const media = mediaOf(p);
  const { type, text } = classify(p, media);
  return {
    kind: "message",
    providerMessageId: p.MessageSid,
    threadId: phone,
    sender: {
      externalId: p.WaId ?? phone.slice(1),
      name: p.ProfileName || undefined,
      phone,
    },
    occurredAt,
    type,
    text,
    media,
    replyToProviderMessageId: p.OriginalRepliedMessageSid || undefined,
    fromBusiness: false,
  };
}

/** MediaUrl{N} / MediaContentType{N} for N < NumMedia; the URL is also the handle to download it later. */
function mediaOf(p: InboundParams): Media[] {
  const media: Media[] = [];
  for (let i = 0; i < p.NumMedia; i++) {
    const url = p[`MediaUrl${i}`];
    if (typeof url !== "string" || url === "") {
      throw new WebhookPayloadError(`MediaUrl${i} is missing although NumMedia is ${p.NumMedia}`);
    }
    const mimeType = p[`MediaContentType${i}`];
    media.push({ providerMediaId: url, url, mimeType: typeof mimeType === "string" ? mimeType : undefined });
  }
  return media;
}

function classify(p: InboundParams, media: Media[]): { type: MessageType; text?: string } {
  const body = p.Body || p.ButtonText || undefined;
  if (p.Latitude !== undefined && p.Longitude !== undefined) {
    const text = [p.Label, p.Address, `${p.Latitude}, ${p.Longitude}`].filter(Boolean).join("\n");
    return { type: "location", text };
  }
  if (media.length > 0) return { type: mediaType(media[0].mimeType, p.MessageType), text: body };
  if (body !== undefined) return { type: "text", text: body };
  return { type: "unsupported", text: p.MessageType ? `Unsupported WhatsApp message (${p.MessageType})` : undefined };
}

/** WhatsApp voice notes are audio/ogg (Opus); audio files sent as attachments come as mpeg, mp4, aac, amr. */
function mediaType(mimeType: string | undefined, messageType: string | undefined): MessageType {
  const mime = (mimeType ?? "").toLowerCase();
  if (messageType === "sticker") return "sticker";
  if (mime.startsWith("image/")) return "image";
  if (mime.startsWith("audio/ogg")) return "voice";
  if (mime.startsWith("audio/")) return "audio";
  if (mime.startsWith("video/")) return "video";
  if (mime === "text/vcard" || mime === "text/x-vcard") return "contact";
  return "document";
}
