import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Update } from "grammy/types";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { TelegramChannel } from "@/lib/channels/telegram";
import type { InboundMessage, ParsedWebhook, WebhookRequest } from "@/lib/channels/types";
import { resetEnvCache } from "@/lib/env";
import { DEFAULT_BOT_TOKEN, signedUpdate, startTelegramFake, type TelegramFake } from "../fakes/telegram";

// What the Telegram adapter's tests share: the captured updates, a channel, signed deliveries, and the fake Bot
// API the real grammY client is pointed at.

export const fixturesDir = path.resolve(import.meta.dirname, "../fixtures/wire/telegram");
export const fixture = (name: string) => JSON.parse(readFileSync(path.join(fixturesDir, name), "utf8")) as Update;
export const secondToken = "807000002:AASecondFakeTokenForTests_0123456789ab";

/** Starts the fake for the file (TELEGRAM_API_ROOT points at it, no APP_URL), resets it after each test. */
export function withTelegramFake(): { readonly fake: TelegramFake } {
  const holder = {} as { fake: TelegramFake };
  beforeAll(async () => {
    holder.fake = await startTelegramFake({ tokens: [DEFAULT_BOT_TOKEN, secondToken], botUsername: "relay_test_bot" });
    process.env.TELEGRAM_API_ROOT = holder.fake.apiRoot;
    delete process.env.APP_URL;
    resetEnvCache();
  });
  afterAll(async () => {
    await holder.fake.close();
    delete process.env.TELEGRAM_API_ROOT;
    resetEnvCache();
  });
  afterEach(() => holder.fake.reset());
  return holder;
}

export function channel(over: Partial<TelegramChannel> = {}): TelegramChannel {
  return {
    id: randomUUID(),
    orgId: randomUUID(),
    type: "telegram",
    name: "Sales bot",
    config: {},
    secrets: { botToken: DEFAULT_BOT_TOKEN, webhookSecret: "s3cret_Token-xyz" },
    ...over,
  };
}

export function webhook(secret: string | undefined, body: unknown): WebhookRequest {
  const init = signedUpdate(secret, {});
  return {
    url: "https://crm.example.com/api/webhooks/telegram/x",
    method: "POST",
    headers: new Headers(init.headers),
    rawBody: new TextEncoder().encode(typeof body === "string" ? body : JSON.stringify(body)),
  };
}

/** The one event of a delivery, which must be a message. */
export const onlyMessage = (parsed: ParsedWebhook) => {
  expect(parsed.events).toHaveLength(1);
  expect(parsed.events[0].kind).toBe("message");
  return parsed.events[0] as InboundMessage;
};
