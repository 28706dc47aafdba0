import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import {
  startTelegramPolling,
  startTelegramPollingIfNeeded,
  stopTelegramPolling,
  type TelegramChannel,
  type TelegramPoller,
  type TelegramPollingOptions,
} from "@/lib/channels/telegram";
import type { ParsedWebhook } from "@/lib/channels/types";
import { resetEnvCache } from "@/lib/env";
import { DEFAULT_BOT_TOKEN, faults, startTelegramFake, textUpdate, type TelegramFake } from "../fakes/telegram";
import { channel, secondToken } from "../helpers/telegram";

// Long polling (no public URL): getUpdates through grammY against the fake, one poller per bot.

describe("long polling", () => {
  const fast = { pollTimeoutSec: 1, rescanMs: 60_000, backoff: { minMs: 10, maxMs: 50 } };
  const pollers: TelegramPoller[] = [];
  let fake: TelegramFake;

  // Each test gets a fake of its own: a stopped loop's last getUpdates can still reach the fake after its test
  // ended (aborted by the client, but already on its way), and must not be counted, take a fault or end a long
  // poll in the next test. Pollers a failing test left running are stopped here, so they cannot steal updates.
  beforeEach(async () => {
    fake = await startTelegramFake({ tokens: [DEFAULT_BOT_TOKEN, secondToken], botUsername: "relay_test_bot" });
    process.env.TELEGRAM_API_ROOT = fake.apiRoot;
    delete process.env.APP_URL;
    resetEnvCache();
  });
  afterEach(async () => {
    await Promise.all(pollers.splice(0).map((poller) => poller.stop()));
    await fake.close();
    delete process.env.TELEGRAM_API_ROOT;
    resetEnvCache();
  });

  function poll(options: TelegramPollingOptions) {
    const poller = startTelegramPolling(options);
    pollers.push(poller);
    return poller;
  }

  function collector() {
    const seen: { channelId: string; eventId: string; text?: string; raw: Update }[] = [];
    const onUpdate = async (ch: TelegramChannel, parsed: ParsedWebhook, raw: Update) => {
      const first = parsed.events[0];
      seen.push({
        channelId: ch.id,
        eventId: parsed.eventId,
        text: first?.kind === "message" ? first.text : undefined,
        raw,
      });
    };
    return { seen, onUpdate };
  }

  it("hands over updates in order, once each, and confirms them with the offset", async () => {
    const ch = channel();
    const { seen, onUpdate } = collector();
    const sent = ["one", "two", "three"].map((text) => fake.enqueueUpdate(textUpdate(text)));
    const poller = poll({ ...fast, loadChannels: async () => [ch], onUpdate });
    await waitFor(() => seen.length >= 3);
    const late = fake.enqueueUpdate(textUpdate("four"));
    await waitFor(() => seen.length >= 4);
    await waitFor(() => fake.pendingUpdates().length === 0);
    expect(seen.map((s) => s.text)).toEqual(["one", "two", "three", "four"]);
    expect(seen.map((s) => s.eventId)).toEqual([...sent, late].map((u) => String(u.update_id)));
    expect(seen.every((s) => s.channelId === ch.id)).toBe(true);
    expect(seen[0].raw).toEqual(sent[0]);
    const offsets = fake.callsTo("getUpdates").map((c) => c.params.offset);
    expect(offsets).toContain(sent[2].update_id + 1);
    expect(offsets).toContain(late.update_id + 1);
    expect(fake.callsTo("getUpdates")[0].params).toMatchObject({
      timeout: 1,
      allowed_updates: ["message", "edited_message"],
    });
    expect(fake.callsTo("deleteWebhook")).toHaveLength(1);

    await poller.stop();
    const afterStop = fake.enqueueUpdate(textUpdate("five"));
    await sleep(300);
    expect(seen).toHaveLength(4);
    expect(fake.pendingUpdates()).toEqual([afterStop]);
  });

  it("an update whose handler fails is handed over again, nothing after it is skipped", async () => {
    const ch = channel();
    const seen: string[] = [];
    let failures = 1;
    const onUpdate = async (_ch: TelegramChannel, parsed: ParsedWebhook) => {
      if (parsed.eventId === String(second.update_id) && failures-- > 0) throw new Error("database down");
      seen.push(parsed.eventId);
    };
    const first = fake.enqueueUpdate(textUpdate("a"));
    const second = fake.enqueueUpdate(textUpdate("b"));
    const third = fake.enqueueUpdate(textUpdate("c"));
    poll({ ...fast, loadChannels: async () => [ch], onUpdate });
    await waitFor(() => seen.length >= 3);
    expect(seen).toEqual([first, second, third].map((u) => String(u.update_id)));
  });

  it("waits out a 429's retry_after and recovers from network errors", async () => {
    const ch = channel();
    const { seen, onUpdate } = collector();
    fake.failNext(faults.network(), { method: "getUpdates" });
    fake.failNext(faults.tooManyRequests(1), { method: "getUpdates" });
    fake.enqueueUpdate(textUpdate("after the storm"));
    const started = Date.now();
    poll({ ...fast, loadChannels: async () => [ch], onUpdate });
    await waitFor(() => seen.length >= 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(seen.map((s) => s.text)).toEqual(["after the storm"]);
    expect(fake.callsTo("getUpdates").map((c) => c.status)).toEqual(expect.arrayContaining([0, 429, 200]));
  });

  it("stops promptly in the middle of a long poll", async () => {
    const { onUpdate } = collector();
    const poller = poll({ ...fast, pollTimeoutSec: 20, loadChannels: async () => [channel()], onUpdate });
    // In the middle: the fake holds the getUpdates and has not answered it.
    await waitFor(() => fake.callsTo("getUpdates").some((c) => c.status === undefined));
    const started = Date.now();
    await poller.stop();
    // Well below the 20 s the poll would otherwise hold, with room for a loaded machine.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("picks up channels added and disabled later; webhook, invalid and duplicate-bot channels are left out", async () => {
    const a = channel();
    const b = channel({ secrets: { botToken: secondToken, webhookSecret: "x" } });
    const sameBotAsA = channel();
    const webhookChannel = channel({
      config: { mode: "webhook" },
      secrets: { botToken: secondToken, webhookSecret: "y" },
    });
    const broken = channel({ secrets: { botToken: "nonsense", webhookSecret: "x" } });
    let enabled = [broken, a, sameBotAsA, webhookChannel];
    const { seen, onUpdate } = collector();
    const poller = poll({ ...fast, loadChannels: async () => enabled, onUpdate });
    await poller.refresh();
    expect(poller.channelIds()).toEqual([a.id]);
    enabled = [a, b];
    await poller.refresh();
    expect(poller.channelIds().sort()).toEqual([a.id, b.id].sort());
    fake.enqueueUpdate(textUpdate("to b"), secondToken);
    await waitFor(() => seen.length >= 1);
    expect(seen.map((s) => [s.channelId, s.text])).toEqual([[b.id, "to b"]]);

    enabled = [b];
    await poller.refresh();
    expect(poller.channelIds()).toEqual([b.id]);
    // refresh() resolved once a's loop had ended: nothing takes, or confirms, its bot's updates now.
    const waiting = fake.enqueueUpdate(textUpdate("to a, now disabled"));
    await sleep(300);
    expect(seen).toHaveLength(1);
    expect(fake.pendingUpdates()).toEqual([waiting]);

    // Enabled again, a is handed what waited for it.
    enabled = [a, b];
    await poller.refresh();
    await waitFor(() => seen.length >= 2);
    expect(seen.slice(1).map((s) => [s.channelId, s.text])).toEqual([[a.id, "to a, now disabled"]]);
    await waitFor(() => fake.pendingUpdates().length === 0);
  });

  it("a channel disabled while an update is being stored: refresh waits for it, nothing behind it is taken", async () => {
    const ch = channel();
    let enabled = [ch];
    const handed: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const onUpdate = async (_ch: TelegramChannel, parsed: ParsedWebhook) => {
      handed.push(parsed.eventId);
      await held;
    };
    const inHand = fake.enqueueUpdate(textUpdate("in hand"));
    const behind = fake.enqueueUpdate(textUpdate("behind it"));
    const poller = poll({ ...fast, loadChannels: async () => enabled, onUpdate });
    await waitFor(() => handed.length >= 1);

    enabled = [];
    let refreshed = false;
    const refreshing = poller.refresh().then(() => void (refreshed = true));
    await sleep(200);
    expect(refreshed).toBe(false);
    release();
    await refreshing;
    expect(poller.channelIds()).toEqual([]);
    await sleep(300);
    expect(handed).toEqual([String(inHand.update_id)]);
    // The one in hand was stored but not confirmed: the next poll hands it over again (ingest deduplicates).
    expect(fake.pendingUpdates()).toEqual([inHand, behind]);
  });

  it("startTelegramPollingIfNeeded keeps one poller per process and stays off on web-only instances", async () => {
    const options = { ...fast, loadChannels: async () => [], onUpdate: async () => {} };
    expect(startTelegramPollingIfNeeded(options)).toBeUndefined(); // JOBS_RUNNER=off in tests
    process.env.JOBS_RUNNER = "on";
    resetEnvCache();
    try {
      const poller = startTelegramPollingIfNeeded(options);
      expect(poller).toBeDefined();
      expect(startTelegramPollingIfNeeded(options)).toBe(poller);
    } finally {
      await stopTelegramPolling();
      process.env.JOBS_RUNNER = "off";
      resetEnvCache();
    }
  });
});

// Generous: these wait for something that must happen, and a loaded CI machine can be slow to get there.
async function waitFor(condition: () => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await sleep(10);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
