import type { z } from "zod";
import type { ChannelRecord, NormalizedEvent, normalizedEventSchema } from "@/lib/channels/types";
import { networkOf, optKeyword } from "./networks";
import { normalizePhone } from "./phone";

export type Event = z.output<typeof normalizedEventSchema>;

const PREVIEW_CHARS = 200;
const MEDIA_LABEL: Record<string, string> = {
  image: "📷 Photo",
  document: "📄 Document",
  audio: "🎵 Audio",
  voice: "🎤 Voice message",
  video: "🎬 Video",
  sticker: "Sticker",
  location: "📍 Location",
  contact: "👤 Contact",
  template: "Template",
  unsupported: "Unsupported message",
};

/** The line the inbox list shows for a message: its text, or what kind of media it is. */
export const previewOf = (type: string, text: string | null | undefined) =>
  (text?.trim() ? text.trim() : (MEDIA_LABEL[type] ?? "")).slice(0, PREVIEW_CHARS);

/**
 * What private.ingest_delivery reads: the normalized event plus what only TypeScript knows — the network
 * the channel is on, the sender's phone in E.164 (libphonenumber), the inbox preview, and STOP / START.
 */
export function forStorage(channel: ChannelRecord, event: NormalizedEvent) {
  if (event.kind === "message") {
    const network = networkOf[channel.type];
    const phone = normalizePhone(event.sender.phone ?? (network === "whatsapp" ? event.sender.externalId : undefined));
    return {
      ...event,
      network,
      sender: { ...event.sender, phone: phone ?? null },
      preview: previewOf(event.type, event.text),
      opt: event.fromBusiness ? null : (optKeyword(event.text) ?? null),
    };
  }
  if (event.kind === "edit") return { ...event, preview: previewOf("text", event.text) };
  return event;
}

/**
 * JSON for a jsonb parameter. jsonb refuses \u0000 and lone surrogates (JSON.stringify writes those, and only
 * those, as \uXXXX escapes), which a hostile or broken sender can put in any string. Webhook bodies are refused
 * at the edge for them (lib/api/body.ts); what arrives otherwise (long polling, imports) loses them here. An
 * escape counts only after an even run of backslashes: in "a\\\u0000b" the NUL follows an escaped backslash.
 */
export const jsonForDb = (value: unknown) =>
  JSON.stringify(value ?? null).replace(/(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/gi, "$1");
