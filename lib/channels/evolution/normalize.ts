import type { InboundMessage, Media, MessageType } from "@/lib/channels/types";
import { peerOf, type WaKey } from "./jid";

/**
 * One WhatsApp message as Evolution keeps it: the `data` of a `messages.upsert` webhook and a row of its
 * "Message" table have the same fields (the table stores the webhook's key and message verbatim), so the
 * webhook and the one-off import share this normalisation.
 */
export type EvolutionMessage = {
  key: WaKey & { id: string; fromMe: boolean; deleted?: boolean | null };
  pushName?: string | null;
  message?: Record<string, unknown> | null;
  messageType?: string | null;
  /** Unix seconds. */
  messageTimestamp: number;
  contextInfo?: Record<string, unknown> | null;
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v : undefined);

// Containers Baileys nests the real content in (disappearing, view-once, captioned documents, edits).
const WRAPPERS = [
  "ephemeralMessage",
  "viewOnceMessage",
  "viewOnceMessageV2",
  "viewOnceMessageV2Extension",
  "documentWithCaptionMessage",
  "editedMessage",
];
// Keys beside the content: Evolution's own additions (base64, mediaUrl, speechToText…) and Baileys' metadata.
const NOT_CONTENT = new Set([
  "messageContextInfo",
  "senderKeyDistributionMessage",
  "base64",
  "mediaUrl",
  "speechToText",
  "documentText",
]);
// Not a message a person reads in a thread: reactions, receipts of edits/deletes, poll votes, pins.
const SKIPPED = new Set([
  "reactionMessage",
  "encReactionMessage",
  "protocolMessage",
  "pollUpdateMessage",
  "keepInChatMessage",
  "pinInChatMessage",
  "senderKeyDistributionMessage",
]);

function unwrap(message: Obj): Obj {
  let current = message;
  for (let depth = 0; depth < 5; depth++) {
    const wrapper = WRAPPERS.find((w) => isObj(current[w]) && isObj((current[w] as Obj).message));
    if (!wrapper) break;
    // Evolution's additions (base64, mediaUrl) sit on the outer object; keep them visible.
    current = { ...current, ...((current[wrapper] as Obj).message as Obj), [wrapper]: undefined };
  }
  return current;
}

function contentKey(message: Obj, messageType: string | null | undefined): string | undefined {
  if (messageType && messageType !== "conversation" && isObj(message[messageType])) return messageType;
  if (str(message.conversation)) return "conversation";
  return Object.keys(message).find((k) => !NOT_CONTENT.has(k) && message[k] !== undefined && message[k] !== null);
}

function toNumber(v: unknown): number | undefined {
  const n = typeof v === "string" ? Number(v) : typeof v === "number" ? v : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function mediaOf(keyId: string, message: Obj, content: Obj): Media {
  const media: Media = { providerMediaId: keyId };
  // The mmg.whatsapp.net URL is encrypted; only Evolution's S3 copy (mediaUrl) can be fetched as is.
  const url = str(message.mediaUrl);
  if (url) media.url = url;
  const mimeType = str(content.mimetype);
  if (mimeType) media.mimeType = mimeType;
  const fileName = str(content.fileName);
  if (fileName) media.fileName = fileName;
  const size = toNumber(content.fileLength);
  if (size !== undefined) media.size = Math.trunc(size);
  const seconds = toNumber(content.seconds);
  if (seconds !== undefined) media.durationSec = seconds;
  return media;
}

type Content = { type: MessageType; text?: string; media: Media[] };

function contentOf(keyId: string, message: Obj, kind: string): Content | null {
  const content = isObj(message[kind]) ? (message[kind] as Obj) : {};
  const caption = str(content.caption);
  switch (kind) {
    case "conversation":
      return { type: "text", text: str(message.conversation), media: [] };
    case "extendedTextMessage":
      return { type: "text", text: str(content.text) ?? str(message.conversation), media: [] };
    case "imageMessage":
      return { type: "image", text: caption, media: [mediaOf(keyId, message, content)] };
    case "videoMessage":
    case "ptvMessage":
      return { type: "video", text: caption, media: [mediaOf(keyId, message, content)] };
    case "audioMessage":
      return { type: content.ptt === true ? "voice" : "audio", media: [mediaOf(keyId, message, content)] };
    case "documentMessage":
      return { type: "document", text: caption, media: [mediaOf(keyId, message, content)] };
    case "stickerMessage":
    case "lottieStickerMessage":
      return { type: "sticker", media: [mediaOf(keyId, message, content)] };
    case "locationMessage":
    case "liveLocationMessage": {
      const { degreesLatitude: lat, degreesLongitude: lng } = content;
      const coords = typeof lat === "number" && typeof lng === "number" ? `${lat}, ${lng}` : undefined;
      const text = [str(content.name), str(content.address), coords].filter(Boolean).join("\n");
      return { type: "location", text: text || undefined, media: [] };
    }
    case "contactMessage":
      return { type: "contact", text: str(content.displayName) ?? str(content.vcard), media: [] };
    case "contactsArrayMessage": {
      const contacts = Array.isArray(content.contacts) ? content.contacts : [];
      const names = contacts.map((c) => (isObj(c) ? str(c.displayName) : undefined)).filter(Boolean);
      return { type: "contact", text: names.join(", ") || str(content.displayName), media: [] };
    }
    case "buttonsResponseMessage":
    case "templateButtonReplyMessage":
      return { type: "text", text: str(content.selectedDisplayText) ?? str(content.selectedButtonId), media: [] };
    case "listResponseMessage": {
      const reply = isObj(content.singleSelectReply) ? content.singleSelectReply : {};
      return { type: "text", text: str(content.title) ?? str(reply.selectedRowId), media: [] };
    }
    case "interactiveResponseMessage": {
      const body = isObj(content.body) ? content.body : {};
      return { type: "text", text: str(body.text), media: [] };
    }
    case "pollCreationMessage":
    case "pollCreationMessageV2":
    case "pollCreationMessageV3":
      return { type: "unsupported", text: str(content.name), media: [] };
    default:
      return SKIPPED.has(kind) ? null : { type: "unsupported", text: caption, media: [] };
  }
}

/** The quoted message's id: Evolution lifts the content's contextInfo to the top, the table keeps it too. */
function replyTo(m: EvolutionMessage, content: Obj): string | undefined {
  const fromTop = isObj(m.contextInfo) ? str(m.contextInfo.stanzaId) : undefined;
  const fromContent = isObj(content.contextInfo) ? str(content.contextInfo.stanzaId) : undefined;
  return fromTop ?? fromContent;
}

/**
 * The normalized message, or null for what is not a client dialog message: groups, broadcasts,
 * newsletters, reactions, protocol messages, revoked messages and empty stubs.
 *
 * For a message the business sent from its own phone (key.fromMe) the sender is still the client, so the
 * inbox files it under the client's contact and conversation; pushName is then the business's own name
 * ('Você' by default), so the client's name comes only from `contactName` (Evolution's "Contact" row).
 */
export function normalizeMessage(m: EvolutionMessage, contactName?: string | null): InboundMessage | null {
  if (m.key.deleted === true) return null;
  const peer = peerOf(m.key);
  if (!peer || !isObj(m.message)) return null;
  const message = unwrap(m.message);
  const kind = contentKey(message, m.messageType);
  if (!kind) return null;
  const content = contentOf(m.key.id, message, kind);
  if (!content) return null;

  const name = m.key.fromMe ? str(contactName) : (str(m.pushName) ?? str(contactName));
  const inbound: InboundMessage = {
    kind: "message",
    providerMessageId: m.key.id,
    threadId: peer.threadId,
    sender: { externalId: peer.externalId, ...(peer.phone ? { phone: peer.phone } : {}), ...(name ? { name } : {}) },
    // Some Evolution builds wrote an edit's timestampMs (milliseconds) into messageTimestamp.
    occurredAt: new Date(m.messageTimestamp > 1e11 ? m.messageTimestamp : m.messageTimestamp * 1000),
    type: content.type,
    media: content.media,
    fromBusiness: m.key.fromMe,
  };
  if (content.text !== undefined) inbound.text = content.text;
  const quoted = replyTo(m, isObj(message[kind]) ? (message[kind] as Obj) : {});
  if (quoted) inbound.replyToProviderMessageId = quoted;
  return inbound;
}

/** The text of an edit's new content (a conversation, an extended text, or a media caption). */
export function editedText(message: unknown): string | undefined {
  if (!isObj(message)) return undefined;
  const inner = unwrap(message);
  const kind = contentKey(inner, undefined);
  if (!kind) return undefined;
  if (kind === "conversation") return str(inner.conversation);
  const content = isObj(inner[kind]) ? (inner[kind] as Obj) : {};
  return str(content.text) ?? str(content.caption);
}
