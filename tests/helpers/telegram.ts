import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Update } from "grammy/types";
import { expect } from "vitest";
import type { TelegramChannel } from "@/lib/channels/telegram";
import type { InboundMessage, ParsedWebhook, WebhookRequest } from "@/lib/channels/types";
import { DEFAULT_BOT_TOKEN, signedUpdate, startTelegramFake } from "../fakes/telegram";
import { fakePerFile } from "./fake-per-file";

// What the Telegram adapter's tests share: the captured updates, a channel, signed deliveries, and the fake Bot
// API the real grammY client is pointed at.

export const fixturesDir = path.resolve(import.meta.dirname, "../fixtures/wire/telegram");
export const fixture = (name: string) => JSON.parse(readFileSync(path.join(fixturesDir, name), "utf8")) as Update;
export const secondToken = "807000002:AASecondFakeTokenForTests_0123456789ab";

/** The fake Bot API for the file (TELEGRAM_API_ROOT points at it, no APP_URL), reset after each test. */
export const withTelegramFake = () =>
  fakePerFile(
    () => startTelegramFake({ tokens: [DEFAULT_BOT_TOKEN, secondToken], botUsername: "relay_test_bot" }),
    (fake) => ({ TELEGRAM_API_ROOT: fake.apiRoot, APP_URL: undefined }),
  );

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
