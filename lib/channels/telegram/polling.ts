import { GrammyError, type Api } from "grammy";
import type { Update } from "grammy/types";
import { env } from "@/lib/env";
import { backoffDelay, sleepUnlessAborted, superviseLoops } from "@/lib/jobs/supervise";
import { logger } from "@/lib/log";
import { WebhookPayloadError, type ChannelRecord, type ParsedWebhook } from "../types";
import { telegramApi, usesWebhook, webhookUrlFor } from "./api";
import { redactToken } from "./errors";
import { parseTelegramUpdate } from "./parse";
import { allowedUpdates, telegramConfigSchema, telegramSecretsSchema, type TelegramChannel } from "./schema";

export type TelegramUpdateHandler = (channel: TelegramChannel, parsed: ParsedWebhook, raw: Update) => Promise<void>;

export type TelegramPollingOptions = {
  /**
   * Every enabled Telegram channel, secrets decrypted (e.g. the channel store's loadEnabledChannels). Those
   * that receive webhooks, and any whose config or secrets do not validate, are left out here.
   */
  loadChannels: () => Promise<ChannelRecord[]>;
  /** Stores one update (e.g. the inbox's ingestParsed). Throwing leaves it unconfirmed: it comes again. */
  onUpdate: TelegramUpdateHandler;
  /** How often channels added, changed or disabled elsewhere are picked up (default 30 s). */
  rescanMs?: number;
  /** getUpdates' long-poll timeout in seconds (default 25). */
  pollTimeoutSec?: number;
  /** Back-off after a failed call, doubling from minMs to maxMs (default 1 s … 60 s). */
  backoff?: { minMs: number; maxMs: number };
};

export interface TelegramPoller {
  /** Re-reads the channels now; resolves when loops have been started and stopped accordingly. */
  refresh(): Promise<void>;
  /** Stops every loop after the update in hand is stored; nothing is fetched afterwards. */
  stop(): Promise<void>;
  /** Ids of the channels being polled. */
  channelIds(): string[];
}

const log = logger.child({ module: "telegram-polling" });

/**
 * Long polling, for channels Telegram cannot call back (no public https APP_URL). One loop per bot: each
 * getUpdates confirms everything before its offset, and the offset only moves past an update once
 * onUpdate has stored it, so an update is handed over in order and, short of a crash between storing and
 * confirming (which ingest's deduplication by update_id absorbs), exactly once.
 */
export function startTelegramPolling(options: TelegramPollingOptions): TelegramPoller {
  const settings = {
    rescanMs: options.rescanMs ?? 30_000,
    pollTimeoutSec: options.pollTimeoutSec ?? 25,
    backoff: options.backoff ?? { minMs: 1_000, maxMs: 60_000 },
    onUpdate: options.onUpdate,
  };
  const supervisor = superviseLoops<TelegramChannel, ChannelLoop>({
    rescanMs: settings.rescanMs,
    onScanError: (error) =>
      log.error({ err: describe(error) }, "cannot load Telegram channels; polling continues as it was"),
    wanted: async () => {
      const wanted = new Map<string, TelegramChannel>();
      const tokens = new Set<string>();
      for (const record of await options.loadChannels()) {
        const channel = asTelegramChannel(record);
        if (!channel || usesWebhook(channel, webhookUrlFor(channel.id))) continue;
        // Telegram allows one getUpdates per bot at a time: a second channel with the same token would fight.
        if (tokens.has(channel.secrets.botToken)) {
          log.warn({ channelId: channel.id }, "another channel polls the same bot; this one is skipped");
          continue;
        }
        tokens.add(channel.secrets.botToken);
        wanted.set(`${channel.id}\n${channel.secrets.botToken}`, channel);
      }
      return wanted;
    },
    start: (channel) => new ChannelLoop(channel, settings),
    keep: (loop, channel) => void (loop.channel = channel),
  });

  return {
    refresh: supervisor.refresh,
    stop: supervisor.stop,
    channelIds: () => supervisor.loops().map((loop) => loop.channel.id),
  };
}

type LoopSettings = Required<Omit<TelegramPollingOptions, "loadChannels">>;

class ChannelLoop {
  private readonly abort = new AbortController();
  private readonly done: Promise<void>;

  constructor(
    public channel: TelegramChannel,
    private readonly settings: LoopSettings,
  ) {
    this.done = this.run();
  }

  async stop() {
    this.abort.abort();
    await this.done;
  }

  private async run() {
    const { signal } = this.abort;
    // grammY types its signal as the abort-controller polyfill's; it only calls addEventListener on it.
    const grammySignal = signal as unknown as Parameters<Api["getUpdates"]>[1];
    const { pollTimeoutSec } = this.settings;
    const api = telegramApi(this.channel.secrets.botToken, pollTimeoutSec + 15);
    const channelLog = log.child({ channelId: this.channel.id });
    let offset: number | undefined;
    let webhookCleared = false;
    let failures = 0;
    channelLog.info("polling Telegram");
    while (!signal.aborted) {
      try {
        // getUpdates is refused while a webhook is set (as grammY's bot.start() does, it is removed first).
        if (!webhookCleared) {
          await api.deleteWebhook({ drop_pending_updates: false }, grammySignal);
          webhookCleared = true;
        }
        const updates = await api.getUpdates(
          { offset, timeout: pollTimeoutSec, allowed_updates: [...allowedUpdates] },
          grammySignal,
        );
        for (const update of updates) {
          if (signal.aborted) break;
          await this.handle(update);
          offset = update.update_id + 1;
        }
        failures = 0;
      } catch (error) {
        if (signal.aborted) break;
        failures += 1;
        const waitMs = this.delay(error, failures);
        channelLog.warn({ err: describe(error), retryInMs: waitMs }, "Telegram polling failed");
        await sleepUnlessAborted(waitMs, signal);
      }
    }
    channelLog.info("stopped polling Telegram");
  }

  private async handle(update: Update) {
    let parsed: ParsedWebhook;
    try {
      parsed = parseTelegramUpdate(update);
    } catch (error) {
      // Asking again would return the same bytes: skip it, loudly, rather than stall the chat behind it.
      if (!(error instanceof WebhookPayloadError)) throw error;
      log.error({ channelId: this.channel.id, updateId: update.update_id, err: error.message }, "unreadable update");
      return;
    }
    await this.settings.onUpdate(this.channel, parsed, update);
  }

  private delay(error: unknown, failures: number) {
    if (error instanceof GrammyError) {
      if (error.error_code === 429 && error.parameters.retry_after !== undefined) {
        return error.parameters.retry_after * 1000;
      }
      // A revoked token will not heal by itself: wait long, the re-scan picks up a new token.
      if (error.error_code === 401 || error.error_code === 404) return this.settings.backoff.maxMs;
    }
    return backoffDelay(failures, this.settings.backoff);
  }
}

/** The record with its config and secrets checked by this provider's schemas; undefined (logged) if they fail. */
function asTelegramChannel(record: ChannelRecord): TelegramChannel | undefined {
  if (record.type !== "telegram") return undefined;
  const config = telegramConfigSchema.safeParse(record.config ?? {});
  const secrets = telegramSecretsSchema.safeParse(record.secrets ?? {});
  if (config.success && secrets.success) return { ...record, config: config.data, secrets: secrets.data };
  const issue = (config.error ?? secrets.error)!.issues[0];
  const field = `${config.success ? "secrets" : "config"}.${issue.path.join(".")}`;
  log.warn({ channelId: record.id, field }, "Telegram channel not polled: invalid settings");
  return undefined;
}

const describe = (error: unknown) => redactToken(error instanceof Error ? error.message : String(error));

// One poller per process: Next.js may load this module once per bundle, globalThis is shared.
const holder = ((globalThis as { __relayTelegramPolling?: { poller?: TelegramPoller } }).__relayTelegramPolling ??= {});

/**
 * Called once at server start (instrumentation.ts). Polling is background work like the jobs runner, so a
 * web-only instance (JOBS_RUNNER=off) leaves it to the worker: two processes polling one bot would take
 * turns failing with 409 Conflict. Channels that receive webhooks are never polled.
 */
export function startTelegramPollingIfNeeded(options: TelegramPollingOptions): TelegramPoller | undefined {
  if (env().JOBS_RUNNER === "off") return undefined;
  return (holder.poller ??= startTelegramPolling(options));
}

/** Picks up a channel created, changed or disabled in this process without waiting for the re-scan. */
export function refreshTelegramPolling(): void {
  holder.poller?.refresh().catch((error) => log.error({ err: describe(error) }, "refresh failed"));
}

export async function stopTelegramPolling(): Promise<void> {
  const poller = holder.poller;
  holder.poller = undefined;
  await poller?.stop();
}
