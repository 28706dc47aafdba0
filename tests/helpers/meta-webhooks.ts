import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { metaSecretsSchema, type InstagramChannel, type WhatsAppCloudChannel } from "@/lib/channels/meta";
import {
  WebhookAuthError,
  WebhookPayloadError,
  normalizedEventSchema,
  type ChannelAdapter,
  type ChannelRecord,
  type WebhookRequest,
} from "@/lib/channels/types";
import { signedMetaWebhook, toWebhookRequest } from "@/tests/fakes/meta";

// What the Meta webhook tests share (adapter level): the captured deliveries in ../shared/wire/fixtures/meta, a
// WhatsApp Cloud and an Instagram channel matching them, signed requests, and the error and contract checks.

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/wire/meta");
export const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");

export const APP_SECRET = "3f2b6c1e9a0d4f7b8c5e2a1d0f9b8c7a";
export const PHONE_NUMBER_ID = "381738275021314"; // the captures' metadata.phone_number_id
export const IG_USER_ID = "17841472110558136"; // the captures' entry.id
export const HOOK_URL = "https://crm.example.com/api/webhooks/meta/11111111-2222-3333-4444-555555555555";

export const secrets = metaSecretsSchema.parse({
  appSecret: APP_SECRET,
  accessToken: "EAAG-token",
  verifyToken: "verify-me-0123",
});
export const wa: WhatsAppCloudChannel = {
  id: "11111111-2222-3333-4444-555555555555",
  orgId: "org",
  type: "whatsapp_cloud",
  name: "WhatsApp",
  config: { phoneNumberId: PHONE_NUMBER_ID, wabaId: "358127370715582" },
  secrets,
};
export const ig: InstagramChannel = {
  id: "11111111-2222-3333-4444-666666666666",
  orgId: "org",
  type: "instagram",
  name: "Instagram",
  config: { igUserId: IG_USER_ID },
  secrets,
};

export const signed = (body: unknown, secret = APP_SECRET) =>
  toWebhookRequest(signedMetaWebhook(HOOK_URL, secret, body));

export function authError(fn: () => unknown): WebhookAuthError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WebhookAuthError);
    return err as WebhookAuthError;
  }
  throw new Error("expected WebhookAuthError");
}

export function payloadError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WebhookPayloadError);
    return (err as Error).message;
  }
  throw new Error("expected WebhookPayloadError");
}

/** Every event an adapter emits must satisfy the contract's schema as the inbox will read it. */
export function parsed(adapter: ChannelAdapter, channel: unknown, req: WebhookRequest) {
  const result = adapter.parse(channel as ChannelRecord, req);
  for (const e of result.events) expect(normalizedEventSchema.parse(e)).toEqual(e);
  return result;
}
