import { beforeAll, expect, it } from "vitest";
import { createChannel, loadChannelRecord } from "@/lib/channels/store";
import type { ChannelRecord } from "@/lib/channels/types";
import { asService } from "@/lib/db";
import { evolutionWebhookHttpRequest, messagesUpsert } from "../fakes/evolution";
import { instagramMessageEvent, signedMetaWebhook, whatsappMessageEvent, whatsappStatusEvent } from "../fakes/meta";
import { signedUpdate, textUpdate } from "../fakes/telegram";
import { inboundParams, statusParams, twilioWebhook } from "../fakes/twilio";
import { describeEachDb } from "../helpers/db";
import {
  expectNo5xx,
  HOSTILE_DATES,
  HOSTILE_STRINGS,
  mutate,
  nested,
  rng,
  toJsonText,
  type Outcome,
  type Rng,
} from "../helpers/fuzz";
import { deliver, postWebhook } from "../helpers/inbox";
import { createOrgFixture } from "../helpers/seed";

// Every webhook provider, correctly signed, with hostile content: no answer may be a 5xx (the database is up),
// and a good delivery after the fuzz is still stored. Waves of concurrent deliveries share group-commit batches,
// so a poisoned delivery would also fail its neighbours here.

const CASES = 300;
const WAVE = 16;
const APP_SECRET = "6f1d2c3b4a5e6f708192a3b4c5d6e7f8";
const PHONE_NUMBER_ID = "381738275021314";
const IG_USER_ID = "17841472110558136";
const ACCOUNT_SID = "AC" + "0123456789abcdef".repeat(2);
const AUTH_TOKEN = "f".repeat(8) + "0123456789abcdef" + "e".repeat(8);
const BUSINESS = "whatsapp:+14155238886";
const EVOLUTION_TOKEN = "whk_8c1e5a9d3f7b0c2e4a6d8f1b";
const INSTANCE = "fuzz1";
const TG_SECRET = "fuzz_secret_1";

type Provider = {
  name: string;
  /** A realistic delivery for case i (unique ids), before mutation. */
  good(i: number, r: Rng): unknown;
  /** Signs and posts one body (an object, or a form's parameters for Twilio). */
  post(body: unknown): Promise<Response>;
};

/** A body with a hostile twist: leaves replaced, or one field made deep, huge or out of range. */
function hostileBody(r: Rng, body: unknown): unknown {
  switch (r.int(4)) {
    case 0:
      return mutate(r, body, 0.35);
    case 1:
      return { ...(body as object), [r.pick(["extra", "message", "entry", "data"])]: nested(r.pick([65, 5000])) };
    default:
      return mutate(r, body, 0.1);
  }
}

/** A Twilio form with hostile values: NUL arrives as %00, backslash-NUL as %5C%00. */
function hostileForm(r: Rng, params: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (!r.chance(0.3)) out[k] = v;
    else out[k] = r.chance(0.7) ? r.pick(HOSTILE_STRINGS) : r.pick(HOSTILE_DATES);
  }
  if (r.chance(0.2)) out.MessageSid = "SM" + "f".repeat(3000);
  return out;
}

describeEachDb("webhook fuzz: every provider, signed, hostile content", () => {
  const channels: Record<string, ChannelRecord> = {};
  const providers: Provider[] = [];

  beforeAll(async () => {
    await asService(async (sql) => {
      const org = await createOrgFixture(sql, "Fuzz");
      const make = async (type: string, config: unknown, secrets: unknown) => {
        const view = await createChannel(sql, org.orgId, { type, name: type, config, secrets, enabled: true } as never);
        channels[type] = (await loadChannelRecord(sql, view.id))!;
      };
      await make(
        "telegram",
        {},
        { botToken: "807000001:AAFakeTokenForTestsOnly_abcdefghijklmno", webhookSecret: TG_SECRET },
      );
      await make("twilio_whatsapp", { accountSid: ACCOUNT_SID, from: BUSINESS }, { authToken: AUTH_TOKEN });
      await make(
        "whatsapp_cloud",
        { phoneNumberId: PHONE_NUMBER_ID, wabaId: "358127370715582" },
        { appSecret: APP_SECRET, accessToken: "EAAG" },
      );
      await make("instagram", { igUserId: IG_USER_ID }, { appSecret: APP_SECRET, accessToken: "EAAG" });
      await make(
        "evolution",
        { baseUrl: "http://127.0.0.1:1", instanceName: INSTANCE },
        { apiKey: "key", webhookToken: EVOLUTION_TOKEN },
      );
    });
    const url = (provider: string, type: string) =>
      `http://localhost:3000/api/webhooks/${provider}/${channels[type].id}`;
    const meta = (type: string) => (body: unknown) =>
      deliver("meta", channels[type].id, signedMetaWebhook(url("meta", type), APP_SECRET, toJsonText(body)));
    providers.push(
      {
        name: "telegram",
        good: (i, r) => textUpdate(`fuzz ${i}`, { chatId: 900_000 + r.int(50), updateId: 5_000_000 + i }),
        post: (body) =>
          postWebhook("telegram", channels.telegram.id, { ...signedUpdate(TG_SECRET, {}), body: toJsonText(body) }),
      },
      {
        name: "twilio",
        good: (i, r) =>
          i % 5 === 4
            ? statusParams({
                accountSid: ACCOUNT_SID,
                messageSid: `SM${i}fuzz`,
                status: "delivered",
                to: `+7916${r.int(1e7)}`,
                from: BUSINESS,
              })
            : inboundParams({
                accountSid: ACCOUNT_SID,
                from: `+7916${String(r.int(1e7)).padStart(7, "0")}`,
                to: BUSINESS,
                body: `fuzz ${i}`,
              }),
        post: (params) => {
          const u = url("twilio", "twilio_whatsapp");
          return deliver(
            "twilio",
            channels.twilio_whatsapp.id,
            twilioWebhook({ url: u, authToken: AUTH_TOKEN, params: params as Record<string, string> }),
          );
        },
      },
      {
        name: "meta whatsapp",
        good: (i, r) =>
          i % 5 === 4
            ? whatsappStatusEvent({ phoneNumberId: PHONE_NUMBER_ID, id: `wamid.fuzz${i}`, status: "read" })
            : whatsappMessageEvent({
                phoneNumberId: PHONE_NUMBER_ID,
                from: `7916${String(r.int(1e7)).padStart(7, "0")}`,
                text: `fuzz ${i}`,
                id: `wamid.fuzz${i}`,
              }),
        post: meta("whatsapp_cloud"),
      },
      {
        name: "meta instagram",
        good: (i, r) =>
          instagramMessageEvent({
            igUserId: IG_USER_ID,
            senderId: String(489760440872000 + r.int(100)),
            text: `fuzz ${i}`,
            mid: `aWdffuzz${i}`,
          }),
        post: meta("instagram"),
      },
      {
        name: "evolution",
        good: (i, r) =>
          messagesUpsert(INSTANCE, {
            id: `3EB0FUZZ${i}`,
            remoteJid: `7916${String(r.int(1e7)).padStart(7, "0")}@s.whatsapp.net`,
            message: { conversation: `fuzz ${i}` },
          }),
        post: async (body) =>
          deliver(
            "evolution",
            channels.evolution.id,
            await evolutionWebhookHttpRequest(url("evolution", "evolution"), toJsonText(body), {
              mode: "jwt",
              key: EVOLUTION_TOKEN,
            }),
          ),
      },
    );
  });

  for (const [n, name] of ["telegram", "twilio", "meta whatsapp", "meta instagram", "evolution"].entries()) {
    it(`${name}: ${CASES} signed hostile deliveries, none answered 5xx; a good one after them is stored`, async () => {
      const provider = providers.find((p) => p.name === name)!;
      const r = rng(0x5eed0 + n);
      const outcomes: Outcome[] = [];
      for (let wave = 0; wave < CASES; wave += WAVE) {
        const bodies = Array.from({ length: Math.min(WAVE, CASES - wave) }, (_, k) => {
          const good = provider.good(wave + k, r);
          return name === "twilio" ? hostileForm(r, good as Record<string, string>) : hostileBody(r, good);
        });
        const answers = await Promise.all(bodies.map((b) => provider.post(b)));
        for (const [k, res] of answers.entries())
          outcomes.push({
            label: `${name} case ${wave + k}`,
            status: res.status,
            body: await res.text(),
            sent: toJsonText(bodies[k]).slice(0, 400),
          });
      }
      expectNo5xx(outcomes);
      // Some hostile cases are still valid deliveries (an extra field, a text with emoji): most are refused.
      expect(outcomes.filter((o) => o.status >= 400).length).toBeGreaterThan(CASES / 4);
      expect(outcomes.filter((o) => o.status < 300).length).toBeGreaterThan(0);

      const good = provider.good(CASES + 1, rng(1));
      const res = await provider.post(good);
      expect(res.status, await res.clone().text()).toBeLessThan(300);
    });
  }
});
