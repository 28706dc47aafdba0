import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { TwilioChannel } from "@/lib/channels/twilio";
import { resetEnvCache } from "@/lib/env";
import { startTwilioFake, toWebhookRequest, twilioWebhook, type TwilioFake } from "../fakes/twilio";

// What the Twilio adapter's tests share: the account, a channel on it, signed deliveries, the captured bodies,
// and the fake Twilio API the real SDK is pointed at.

export const fixturesDir = path.resolve(import.meta.dirname, "../fixtures/wire/twilio");
export const fixture = (name: string) => readFileSync(path.join(fixturesDir, name), "utf8").trim();

export const ACCOUNT_SID = "AC" + "0123456789abcdef".repeat(2);
export const AUTH_TOKEN = "f".repeat(8) + "0123456789abcdef" + "e".repeat(8);
export const BUSINESS = "whatsapp:+14155238886";
export const PUBLIC_URL = "https://crm.example.com/api/webhooks/twilio/9b1f0c1e-0000-4000-8000-000000000001";

/** Starts the fake for the file (TWILIO_API_BASE_URL points at it), resets it after each test. */
export function withTwilioFake(): { readonly fake: TwilioFake } {
  const holder = {} as { fake: TwilioFake };
  beforeAll(async () => {
    holder.fake = await startTwilioFake({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    process.env.TWILIO_API_BASE_URL = holder.fake.url;
    resetEnvCache();
  });
  afterAll(async () => {
    await holder.fake.close();
    delete process.env.TWILIO_API_BASE_URL;
    resetEnvCache();
  });
  afterEach(() => holder.fake.reset());
  return holder;
}

export function channel(over: Partial<TwilioChannel> = {}): TwilioChannel {
  return {
    id: "9b1f0c1e-0000-4000-8000-000000000001",
    orgId: "9b1f0c1e-0000-4000-8000-0000000000aa",
    type: "twilio_whatsapp",
    name: "WhatsApp sales",
    config: { accountSid: ACCOUNT_SID, from: BUSINESS },
    secrets: { authToken: AUTH_TOKEN },
    ...over,
  };
}

/** A signed delivery of these form parameters, as the webhook route hands it to the adapter. */
export const delivery = (params: Record<string, string>, opts: Partial<Parameters<typeof twilioWebhook>[0]> = {}) =>
  toWebhookRequest(twilioWebhook({ url: PUBLIC_URL, authToken: AUTH_TOKEN, params, ...opts }));
