import { readFileSync } from "node:fs";
import path from "node:path";
import type { TwilioChannel } from "@/lib/channels/twilio";
import { startTwilioFake, toWebhookRequest, twilioWebhook } from "../fakes/twilio";
import { fakePerFile } from "./fake-per-file";

// What the Twilio adapter's tests share: the account, a channel on it, signed deliveries, the captured bodies,
// and the fake Twilio API the real SDK is pointed at.

export const fixturesDir = path.resolve(import.meta.dirname, "../fixtures/wire/twilio");
export const fixture = (name: string) => readFileSync(path.join(fixturesDir, name), "utf8").trim();

export const ACCOUNT_SID = "AC" + "0123456789abcdef".repeat(2);
export const AUTH_TOKEN = "f".repeat(8) + "0123456789abcdef" + "e".repeat(8);
export const BUSINESS = "whatsapp:+14155238886";
export const PUBLIC_URL = "https://crm.example.com/api/webhooks/twilio/9b1f0c1e-0000-4000-8000-000000000001";

/** The fake Twilio API for the file (TWILIO_API_BASE_URL points at it), reset after each test. */
export const withTwilioFake = () =>
  fakePerFile(
    () => startTwilioFake({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }),
    (fake) => ({ TWILIO_API_BASE_URL: fake.url }),
  );

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
