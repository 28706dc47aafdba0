import { GrammyError, HttpError } from "grammy";
import { telegramApi, usesWebhook } from "./api";
import { networkCause, redactToken } from "./errors";
import { allowedUpdates, telegramSecretsSchema, type TelegramChannel } from "./schema";
import { refreshTelegramPolling } from "./polling";

/** getMe: the bot's @username when the token works, "invalid bot token" when Telegram answers 401. */
export async function testTelegram(channel: TelegramChannel): Promise<{ ok: boolean; detail: string }> {
  const token = telegramSecretsSchema.shape.botToken.safeParse(channel.secrets?.botToken);
  if (!token.success) return { ok: false, detail: "invalid bot token" };
  try {
    const me = await telegramApi(token.data).getMe();
    return { ok: true, detail: `@${me.username}` };
  } catch (error) {
    if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
      // The Bot API answers 404 "Not Found" to a token of the right shape that belongs to no bot.
      return { ok: false, detail: "invalid bot token" };
    }
    if (error instanceof GrammyError) return { ok: false, detail: error.description };
    const cause = error instanceof HttpError ? networkCause(error) : redactToken(String(error));
    return { ok: false, detail: `cannot reach Telegram: ${cause}` };
  }
}

/**
 * Points Telegram at our webhook (with the secret it must echo) when Telegram can reach it; otherwise
 * removes any webhook, keeping pending updates, so long polling can fetch them (getUpdates fails while a
 * webhook is set). Errors are Telegram's own (GrammyError) so the caller can show the description.
 */
export async function connectTelegram(channel: TelegramChannel, webhookUrl: string): Promise<void> {
  const api = telegramApi(channel.secrets.botToken);
  if (usesWebhook(channel, webhookUrl)) {
    await api.setWebhook(webhookUrl, {
      secret_token: channel.secrets.webhookSecret,
      allowed_updates: [...allowedUpdates],
    });
  } else {
    await api.deleteWebhook({ drop_pending_updates: false });
  }
  // A new or changed channel starts (or stops) polling now rather than at the next re-scan.
  refreshTelegramPolling();
}
