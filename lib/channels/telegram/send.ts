import { InputFile, type Api } from "grammy";
import type { InputMediaAudio, InputMediaDocument, InputMediaPhoto, InputMediaVideo, Message } from "grammy/types";
import { PermanentSendError, RetryableSendError, type Media, type MessageType, type OutboundMessage } from "../types";
import { telegramApi } from "./api";
import { toSendError } from "./errors";
import { telegramMessageId } from "./parse";
import type { TelegramChannel } from "./schema";

type FileKind = "photo" | "video" | "audio" | "voice" | "document" | "sticker";

/** Sends one outbound message; its id is "<chat id>:<message id>", the form inbound messages use. */
export async function sendTelegram(
  channel: TelegramChannel,
  message: OutboundMessage,
): Promise<{ providerMessageId: string }> {
  const api = telegramApi(channel.secrets.botToken);
  const chatId = chatIdOf(message.threadId);
  try {
    const sent = await deliver(api, chatId, message);
    return { providerMessageId: telegramMessageId(sent.chat.id, sent.message_id) };
  } catch (error) {
    throw toSendError(error);
  }
}

async function deliver(api: Api, chatId: number | string, message: OutboundMessage): Promise<Message> {
  const media = message.media ?? [];
  const caption = message.text || undefined;
  if (media.length === 0) {
    if (message.type !== "text") throw new PermanentSendError(`Telegram cannot send a ${message.type} message here`);
    return api.sendMessage(chatId, message.text ?? "");
  }
  const kind = fileKind(message.type, media[0]);
  if (media.length > 1) return (await sendAlbum(api, chatId, kind, media, caption))[0];
  const file = await inputOf(media[0]);
  switch (kind) {
    case "photo":
      return api.sendPhoto(chatId, file, { caption });
    case "video":
      return api.sendVideo(chatId, file, { caption });
    case "audio":
      return api.sendAudio(chatId, file, { caption });
    case "voice":
      return api.sendVoice(chatId, file, { caption });
    case "document":
      return api.sendDocument(chatId, file, { caption });
    case "sticker":
      if (caption) throw new PermanentSendError("a Telegram sticker cannot carry text");
      return api.sendSticker(chatId, file);
  }
}

/** Telegram albums hold 2-10 photos and videos, or only documents, or only audio. */
async function sendAlbum(api: Api, chatId: number | string, kind: FileKind, media: Media[], caption?: string) {
  if (media.length > 10) throw new PermanentSendError("Telegram sends at most 10 attachments in one message");
  // In a photo or video album each item says by its MIME type which one it is.
  const kinds = media.map((m) => (kind === "document" || kind === "audio" ? kind : (mimeKind(m.mimeType) ?? kind)));
  const visual = kinds.every((k) => k === "photo" || k === "video");
  if (!visual && !kinds.every((k) => k === kinds[0] && (k === "document" || k === "audio"))) {
    throw new PermanentSendError("Telegram albums are photos and videos, or documents only, or audio only");
  }
  const items: (InputMediaPhoto | InputMediaVideo | InputMediaDocument | InputMediaAudio)[] = [];
  for (const [i, m] of media.entries()) {
    const type = kinds[i] as "photo" | "video" | "document" | "audio";
    items.push({ type, media: await inputOf(m), caption: i === 0 ? caption : undefined });
  }
  // grammY types the album as one of its allowed mixes; the checks above made sure it is one.
  return api.sendMediaGroup(chatId, items as InputMediaPhoto[]);
}

/** Which Bot API method carries this attachment: the message type when it names one, else its MIME type. */
function fileKind(type: MessageType, media: Media): FileKind {
  switch (type) {
    case "image":
      return "photo";
    case "video":
    case "audio":
    case "voice":
    case "document":
    case "sticker":
      return type;
  }
  return mimeKind(media.mimeType) ?? "document";
}

function mimeKind(mime = ""): FileKind | undefined {
  // Telegram recompresses photos: GIFs would lose their animation and SVGs are not accepted as photos.
  if (mime.startsWith("image/") && mime !== "image/gif" && mime !== "image/svg+xml") return "photo";
  if (mime.startsWith("video/")) return "video";
  if (mime.startsWith("audio/")) return "audio";
  return mime ? "document" : undefined;
}

/**
 * A URL is fetched here and uploaded, rather than handed to Telegram to fetch: our media URLs are often not
 * reachable from the internet (the embedded default), and uploads allow 50 MB where Telegram's fetch stops
 * at 5-20 MB. A Telegram file_id is only valid for the bot that received it, so it is the fallback.
 */
async function inputOf(media: Media): Promise<InputFile | string> {
  if (media.url) {
    let res: Response;
    try {
      res = await fetch(media.url, { signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      throw new RetryableSendError(`cannot fetch the attachment: ${(error as Error).message}`);
    }
    if (!res.ok) {
      const detail = `cannot fetch the attachment: HTTP ${res.status}`;
      throw res.status >= 500 || res.status === 429 ? new RetryableSendError(detail) : new PermanentSendError(detail);
    }
    return new InputFile(new Uint8Array(await res.arrayBuffer()), media.fileName ?? fileNameOf(media.url));
  }
  if (media.providerMediaId) return media.providerMediaId;
  throw new PermanentSendError("the attachment has neither a URL nor a Telegram file id");
}

function fileNameOf(url: string): string | undefined {
  const last = new URL(url).pathname.split("/").pop();
  return last ? decodeURIComponent(last) : undefined;
}

/** Numeric chat ids go as numbers (as Telegram's own clients send them); "@channel" names as they are. */
function chatIdOf(threadId: string): number | string {
  const n = Number(threadId);
  return /^-?\d+$/.test(threadId) && Number.isSafeInteger(n) ? n : threadId;
}
