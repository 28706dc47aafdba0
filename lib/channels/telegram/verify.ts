import { createHash, timingSafeEqual } from "node:crypto";
import { WebhookAuthError, type WebhookRequest } from "../types";
import type { TelegramChannel } from "./schema";

export const secretHeader = "x-telegram-bot-api-secret-token";

/**
 * Telegram signs nothing: it echoes the secret_token given to setWebhook in a header. Compared in constant
 * time over SHA-256 digests so neither the content nor the length of the secret leaks through timing.
 */
export function verifyTelegram(channel: TelegramChannel, req: WebhookRequest): void {
  const expected = channel.secrets?.webhookSecret;
  if (!expected) throw new WebhookAuthError("the channel has no webhook secret", 401);
  const given = req.headers.get(secretHeader);
  if (given === null || given === "") throw new WebhookAuthError("missing X-Telegram-Bot-Api-Secret-Token", 401);
  if (!timingSafeEqual(digest(given), digest(expected))) {
    throw new WebhookAuthError("wrong X-Telegram-Bot-Api-Secret-Token", 401);
  }
}

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
