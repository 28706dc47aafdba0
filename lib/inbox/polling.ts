import { loadEnabledChannels } from "@/lib/channels/store";
import { startTelegramPollingIfNeeded, type TelegramChannel } from "@/lib/channels/telegram";
import { ingestParsed } from "./ingest";

/**
 * Long polling for the Telegram bots Telegram cannot call back (no public https APP_URL): each update is
 * stored exactly as a webhook delivery would be. Call once at server start (instrumentation.ts).
 */
export function startInboxPolling() {
  return startTelegramPollingIfNeeded({
    loadChannels: async () => (await loadEnabledChannels("telegram")) as TelegramChannel[],
    onUpdate: async (channel, parsed, raw) => {
      await ingestParsed(channel, parsed, raw);
    },
  });
}
