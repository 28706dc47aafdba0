import { afterAll, beforeAll, expect, it } from "vitest";
import { asService } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import type { ChannelRecord } from "@/lib/channels/types";
import { describeEachDb } from "../helpers/db";
import { count, createChannel, postWebhook, team, type Person } from "../helpers/inbox";
import { signedUpdate, startTelegramFake, textUpdate, type TelegramFake } from "../fakes/telegram";
import { startTriggerFake } from "../fakes/trigger";

let fake: TelegramFake;
beforeAll(async () => {
  fake = await startTelegramFake();
  process.env.TELEGRAM_API_ROOT = fake.apiRoot;
  delete process.env.APP_URL;
  resetEnvCache();
});
afterAll(async () => {
  await fake.close();
  delete process.env.TELEGRAM_API_ROOT;
  resetEnvCache();
});

describeEachDb("webhook group commit", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  let owner: Person;
  let channel: ChannelRecord;
  let other: ChannelRecord;
  const post = (ch: ChannelRecord, update: unknown, secret = ch.secrets.webhookSecret as string) =>
    postWebhook("telegram", ch.id, signedUpdate(secret, update as never));

  beforeAll(async () => {
    ({ owner } = await team(`batch-${tag}`, "Batch"));
    channel = await createChannel(owner, { type: "telegram", name: "Bot one", secrets: { botToken: fake.token } });
    other = await createChannel(owner, { type: "telegram", name: "Bot two", secrets: { botToken: fake.token } });
  });

  it("stores concurrent deliveries together, each once; a bad one is refused alone and stores nothing", async () => {
    const updates = Array.from({ length: 40 }, (_, i) => textUpdate(`message ${i}`, { chatId: 7000 + (i % 7) }));
    const requests = [
      ...updates.map((u) => post(channel, u)),
      // Delivered twice at once, and once more to the second channel (a different bot: its own event).
      post(channel, updates[3]),
      post(other, updates[3]),
      post(channel, textUpdate("forged", { chatId: 7999 }), "wrong secret"),
      postWebhook("telegram", channel.id, {
        headers: { "x-telegram-bot-api-secret-token": channel.secrets.webhookSecret as string },
        body: "{not json",
      }),
    ];
    const statuses = (await Promise.all(requests)).map((r) => r.status);
    expect(statuses.slice(0, 42)).toEqual(Array(42).fill(200));
    expect(statuses.slice(42)).toEqual([401, 400]);

    expect(await count("webhook_events", "channel_id = $1", [channel.id])).toBe(40);
    expect(await count("messages", "channel_id = $1", [channel.id])).toBe(40);
    expect(await count("messages", "channel_id = $1", [other.id])).toBe(1);
    expect(await count("messages", "text = 'forged'", [])).toBe(0);
    expect(await count("conversations", "channel_id = $1", [channel.id])).toBe(7);
    // Fewer transactions than deliveries: rows stored together share their transaction's now().
    const [{ transactions }] = await asService((sql) =>
      sql.query<{ transactions: number }>(
        "select count(distinct received_at)::int as transactions from public.webhook_events where channel_id = $1",
        [channel.id],
      ),
    );
    expect(transactions).toBeLessThan(40);
  });

  it("a delivery that fails in the database is rolled back alone; the rest of its batch commits", async () => {
    const good = (n: number) => ({
      channelId: channel.id,
      eventId: `batch-${tag}-${n}`,
      mode: "live",
      body: {},
      events: [],
    });
    const [{ results }] = await asService((sql) =>
      sql.query<{ results: { ok?: { duplicate: boolean }; error?: string; code?: string }[] }>(
        "select private.ingest_batch($1::jsonb, null) as results",
        [JSON.stringify([good(1), { ...good(2), channelId: "not-a-uuid" }, good(3), good(1)])],
      ),
    );
    expect(results[0].ok?.duplicate).toBe(false);
    expect(results[1]).toMatchObject({ code: "22P02" });
    expect(results[2].ok?.duplicate).toBe(false);
    expect(results[3].ok?.duplicate).toBe(true);
    expect(await count("webhook_events", "event_id like $1", [`batch-${tag}-%`])).toBe(2);
  });

  it("with Trigger.dev, asks for a batch's follow-up runs in one batch, each stored message's once", async () => {
    const secretKey = "tr_dev_ingest_batch_key";
    const trigger = await startTriggerFake(secretKey, { delayMs: 50 });
    process.env.TRIGGER_SECRET_KEY = secretKey;
    process.env.TRIGGER_API_URL = trigger.url;
    resetEnvCache();
    try {
      const updates = Array.from({ length: 12 }, (_, i) => textUpdate(`triggered ${tag} ${i}`, { chatId: 7100 + i }));
      const statuses = await Promise.all([...updates, updates[0]].map((u) => post(channel, u)));
      expect(statuses.map((r) => r.status)).toEqual(Array(13).fill(200));

      const runs = trigger.runs.filter((r) => r.taskId === "inbox.after-inbound");
      const messageIds = runs.map((r) => JSON.parse(r.body.payload as string).json.messageId as string);
      const stored = await asService((sql) =>
        sql.query<{ id: string }>("select id from public.messages where text like $1", [`triggered ${tag} %`]),
      );
      expect(new Set(messageIds)).toEqual(new Set(stored.map((m) => m.id)));
      expect(messageIds).toHaveLength(12);
      expect(runs.every((r) => r.body.options?.idempotencyKey)).toBe(true);
      // Two calls per batch of deliveries however many it held, one for a delivery that came alone.
      const alone = runs.filter((r) => !r.batchId).length;
      const batches = new Set(runs.filter((r) => r.batchId).map((r) => r.batchId)).size;
      expect(alone + batches).toBeLessThanOrEqual(3);
      expect(trigger.load.requests).toHaveLength(alone + 2 * batches);
      expect(
        await count("jobs", "name = 'inbox.after-inbound' and payload->>'messageId' = any($1)", [messageIds]),
      ).toBe(0);
    } finally {
      delete process.env.TRIGGER_SECRET_KEY;
      delete process.env.TRIGGER_API_URL;
      resetEnvCache();
      await trigger.close();
    }
  });
});
