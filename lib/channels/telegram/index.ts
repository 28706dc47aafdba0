import type { ChannelAdapter } from "../types";
import { connectTelegram, testTelegram } from "./manage";
import { fetchTelegramMedia } from "./media";
import { parseTelegramWebhook } from "./parse";
import { telegramConfigSchema, telegramSecretsSchema, type TelegramConfig, type TelegramSecrets } from "./schema";
import { sendTelegram } from "./send";
import { verifyTelegram } from "./verify";

export const telegramAdapter: ChannelAdapter<TelegramConfig, TelegramSecrets> = {
  type: "telegram",
  configSchema: telegramConfigSchema,
  secretsSchema: telegramSecretsSchema,
  verify: verifyTelegram,
  parse: (_channel, req) => parseTelegramWebhook(req),
  send: sendTelegram,
  test: testTelegram,
  connect: connectTelegram,
  fetchMedia: fetchTelegramMedia,
};

export { newWebhookSecret, type TelegramChannel, type TelegramConfig, type TelegramSecrets } from "./schema";
export { isPublicHttpsUrl, usesWebhook } from "./api";
export { parseTelegramUpdate, telegramMessageId } from "./parse";
export {
  refreshTelegramPolling,
  startTelegramPolling,
  startTelegramPollingIfNeeded,
  stopTelegramPolling,
  type TelegramPoller,
  type TelegramPollingOptions,
  type TelegramUpdateHandler,
} from "./polling";
