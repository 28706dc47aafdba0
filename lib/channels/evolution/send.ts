import { z } from "zod";
import { PermanentSendError, type ChannelRecord, type OutboundMessage } from "@/lib/channels/types";
import { evolutionRequest, toSendError, type EvolutionCall } from "./client";
import type { EvolutionConfig, EvolutionSecrets } from "./schemas";

type SendRequest = { path: string; body: Record<string, unknown> };

const MEDIA_TYPES = { image: "image", video: "video", document: "document", audio: "audio" } as const;

/** The Evolution call for one outbound message (routes of sendMessage.router.ts, bodies of message.schema.ts). */
export function buildSendRequest(message: OutboundMessage): SendRequest {
  const number = message.threadId;
  if (message.type === "text") {
    if (!message.text?.trim()) throw new PermanentSendError("a text message needs text", "empty_text");
    return { path: "/message/sendText", body: { number, text: message.text } };
  }
  const media = message.media ?? [];
  if (media.length > 1) {
    // One provider id per outbound message: the composer sends each attachment as its own message.
    throw new PermanentSendError("Evolution sends one attachment per message", "too_many_attachments");
  }
  const url = media[0]?.url;
  if (message.type === "voice" || message.type === "sticker" || message.type in MEDIA_TYPES) {
    if (!url) throw new PermanentSendError(`a ${message.type} message needs a media URL`, "missing_media");
  }
  switch (message.type) {
    case "voice":
      // sendWhatsAppAudio converts to Opus and sends it as a voice note (ptt), not as an audio file.
      return { path: "/message/sendWhatsAppAudio", body: { number, audio: url } };
    case "sticker":
      return { path: "/message/sendSticker", body: { number, sticker: url } };
    case "image":
    case "video":
    case "document":
    case "audio": {
      const body: Record<string, unknown> = { number, mediatype: MEDIA_TYPES[message.type], media: url };
      if (media[0].mimeType) body.mimetype = media[0].mimeType;
      if (media[0].fileName) body.fileName = media[0].fileName;
      if (message.text?.trim() && message.type !== "audio") body.caption = message.text;
      return { path: "/message/sendMedia", body };
    }
    default:
      // Baileys has no approved templates (nor the Cloud API's 24-hour window): an unofficial client.
      throw new PermanentSendError(`Evolution channels cannot send ${message.type} messages`, "unsupported_type");
  }
}

// 201 with the sent message in the shape of a messages.upsert `data` (key.fromMe true, status PENDING).
const sentSchema = z.looseObject({ key: z.looseObject({ id: z.string().min(1) }) });

export function callOf(channel: ChannelRecord<EvolutionConfig, EvolutionSecrets>): EvolutionCall {
  return { config: channel.config, apiKey: channel.secrets.apiKey };
}

export async function sendEvolutionMessage(
  channel: ChannelRecord<EvolutionConfig, EvolutionSecrets>,
  message: OutboundMessage,
): Promise<{ providerMessageId: string }> {
  const request = buildSendRequest(message);
  let response: unknown;
  try {
    response = await evolutionRequest(callOf(channel), "POST", request.path, request.body);
  } catch (error) {
    throw toSendError(error);
  }
  const sent = sentSchema.safeParse(response);
  // Not retried: the message may well have gone out, and a retry would send it twice.
  if (!sent.success) throw new PermanentSendError("Evolution accepted the message but returned no key.id", "no_id");
  return { providerMessageId: sent.data.key.id };
}

const base64Schema = z.looseObject({
  base64: z.string().min(1),
  mimetype: z.string().nullish(),
  fileName: z.string().nullish(),
});

/**
 * The decrypted bytes of a received attachment (media.providerMediaId is the message's key.id): the
 * mmg.whatsapp.net URL in the webhook is encrypted, Evolution decrypts it through
 * POST /chat/getBase64FromMediaMessage/{instance}. For transcription of voice notes and media previews.
 */
export async function fetchEvolutionMedia(
  channel: ChannelRecord<EvolutionConfig, EvolutionSecrets>,
  providerMediaId: string,
): Promise<{ data: Buffer; mimeType?: string; fileName?: string }> {
  const response = await evolutionRequest(callOf(channel), "POST", "/chat/getBase64FromMediaMessage", {
    message: { key: { id: providerMediaId } },
    convertToMp4: false,
  });
  const parsed = base64Schema.parse(response);
  return {
    data: Buffer.from(parsed.base64, "base64"),
    ...(parsed.mimetype ? { mimeType: parsed.mimetype } : {}),
    ...(parsed.fileName ? { fileName: parsed.fileName } : {}),
  };
}
