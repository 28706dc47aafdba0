import { GrammyError } from "grammy";
import { env } from "@/lib/env";
import type { FetchedMedia, Media } from "../types";
import { telegramApi } from "./api";
import type { TelegramChannel } from "./schema";

/**
 * An inbound file by its file_id: getFile names its path, then /file/bot<token>/<path> serves it. The URL holds
 * the bot token, so it is fetched here and never shown: errors name the HTTP status only.
 */
export async function fetchTelegramMedia(channel: TelegramChannel, media: Media): Promise<FetchedMedia> {
  if (!media.providerMediaId) throw new Error("the attachment has no Telegram file_id");
  const { botToken } = channel.secrets;
  let filePath: string | undefined;
  try {
    filePath = (await telegramApi(botToken).getFile(media.providerMediaId)).file_path;
  } catch (error) {
    throw new Error(`Telegram getFile failed: ${error instanceof GrammyError ? error.description : "unreachable"}`);
  }
  if (!filePath) throw new Error("Telegram gave no file path (files over 20 MB cannot be downloaded by bots)");
  const root = env().TELEGRAM_API_ROOT.replace(/\/+$/, "");
  let res: Response;
  try {
    res = await fetch(`${root}/file/bot${botToken}/${filePath}`, { signal: AbortSignal.timeout(60_000) });
  } catch {
    throw new Error("cannot reach Telegram to download the file");
  }
  if (!res.ok || !res.body) throw new Error(`Telegram file download failed: HTTP ${res.status}`);
  const length = Number(res.headers.get("content-length"));
  const served = res.headers.get("content-type");
  return {
    body: res.body,
    // Telegram serves most files as application/octet-stream; the type from the update is better.
    mimeType: media.mimeType ?? (served && served !== "application/octet-stream" ? served : "application/octet-stream"),
    fileName: media.fileName ?? filePath.split("/").pop(),
    size: Number.isFinite(length) && length > 0 ? length : undefined,
  };
}
