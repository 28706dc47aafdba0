import { afterAll, beforeAll, expect, it } from "vitest";
import { registerAdapter } from "@/lib/channels/registry";
import { loadEnabledChannels } from "@/lib/channels/store";
import { startTelegramPolling, telegramAdapter, type TelegramPoller } from "@/lib/channels/telegram";
import type { ChannelRecord } from "@/lib/channels/types";
import { asService } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { ingestParsed } from "@/lib/inbox/ingest";
import { startTelegramFake, textUpdate, type TelegramFake } from "../fakes/telegram";
import { describeEachDb } from "../helpers/db";
import { count, createChannel, eventually, team } from "../helpers/inbox";

let fake: TelegramFake;
beforeAll(async () => {
  fake = await startTelegramFake();
  process.env.TELEGRAM_API_ROOT = fake.apiRoot;
  delete process.env.APP_URL;
  resetEnvCache();
  registerAdapter(telegramAdapter);
});
afterAll(async () => {
  await fake.close();
  delete process.env.TELEGRAM_API_ROOT;
  resetEnvCache();
});

describeEachDb("Telegram long polling into the inbox", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  let channel: ChannelRecord;
  const startPoller = () =>
    startTelegramPolling({
      loadChannels: () => loadEnabledChannels("telegram"),
      onUpdate: async (ch, parsed, raw) => void (await ingestParsed(ch, parsed, raw)),
      pollTimeoutSec: 1,
      backoff: { minMs: 10, maxMs: 100 },
    });
  const texts = () =>
    asService((sql) =>
      sql.query<{ text: string }>(`select text from public.messages where channel_id = $1 order by seq`, [channel.id]),
    );

  beforeAll(async () => {
    fake.reset();
    const { owner } = await team(`poll-${tag}`, "Polling");
    // Only a bot token: the embedded default with no public URL.
    channel = await createChannel(owner, { type: "telegram", name: "Bot", secrets: { botToken: fake.token } });
  });

  it("stores polled updates once each, in order, even when Telegram hands one over again", async () => {
    const updates = ["Добрый день", "Есть доставка?", "/start"].map((text) => textUpdate(text, { chatId: 6001 }));
    for (const update of updates) fake.enqueueUpdate(update);
    let poller: TelegramPoller = startPoller();
    try {
      await eventually(async () => (await count("messages", "channel_id = $1", [channel.id])) === 3);
      await eventually(async () => fake.pendingUpdates().length === 0);
    } finally {
      await poller.stop();
    }
    // A crash after storing but before confirming: the next process is given the same update again.
    fake.enqueueUpdate(updates[1]);
    const next = fake.enqueueUpdate(textUpdate("Спасибо", { chatId: 6001 }));
    poller = startPoller();
    try {
      await eventually(async () => (await count("messages", "channel_id = $1", [channel.id])) === 4);
      await eventually(async () => fake.pendingUpdates().length === 0);
    } finally {
      await poller.stop();
    }
    expect((await texts()).map((r) => r.text)).toEqual(["Добрый день", "Есть доставка?", "/start", "Спасибо"]);
    const eventIds = [...updates, next].map((u) => String(u.update_id));
    expect(await count("webhook_events", "channel_id = $1 and event_id = any($2)", [channel.id, eventIds])).toBe(4);
    expect(fake.callsTo("getUpdates").every((c) => c.token === fake.token)).toBe(true);
  });
});
