import { beforeAll, expect, it } from "vitest";
import * as aiSettings from "@/app/api/ai/settings/route";
import * as apiKeys from "@/app/api/api-keys/route";
import * as signup from "@/app/api/auth/signup/route";
import * as channelsRoute from "@/app/api/channels/route";
import * as contact from "@/app/api/contacts/[id]/route";
import * as analyze from "@/app/api/dialogs/analyze/route";
import * as leads from "@/app/api/dialogs/leads/route";
import * as send from "@/app/api/messaging/send/route";
import * as orgs from "@/app/api/orgs/route";
import { createChannel, loadChannelRecord } from "@/lib/channels/store";
import type { ChannelRecord } from "@/lib/channels/types";
import { asService } from "@/lib/db";
import { evolutionWebhookHttpRequest, messagesUpsert } from "../fakes/evolution";
import { instagramMessageEvent, signedMetaWebhook, whatsappMessageEvent } from "../fakes/meta";
import { inboundParams, twilioWebhook } from "../fakes/twilio";
import { describeEachDb } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { count, deliver, postWebhook, team, type Person } from "../helpers/inbox";
import { createOrgFixture } from "../helpers/seed";

// The defects of issue 9 §2, each as it was reported: one tenant's poisoned deliveries must not fail another's
// batch; NUL, backslash-NUL and lone surrogates are a 400 naming the field; nesting, huge ids and dates past
// year 9999 are refused or clamped, never a 500.

const APP_SECRET = "6f1d2c3b4a5e6f708192a3b4c5d6e7f8";
const PHONE_NUMBER_ID = "381738275021314";
const IG_USER_ID = "17841472110558136";
const ACCOUNT_SID = "AC" + "0123456789abcdef".repeat(2);
const AUTH_TOKEN = "f".repeat(8) + "0123456789abcdef" + "e".repeat(8);
const BUSINESS = "whatsapp:+14155238886";
const EVOLUTION_TOKEN = "whk_8c1e5a9d3f7b0c2e4a6d8f1b";
const BOT_TOKEN = "807000001:AAFakeTokenForTestsOnly_abcdefghijklmno";

/** The repro, as raw JSON text: backslash (escaped) followed by \u0000. */
const poisonedUpdate = (updateId: number) =>
  `{"update_id":${updateId},"message":{"message_id":${updateId},"from":{"id":77,"first_name":"A"},"chat":{"id":77,"type":"private"},"date":1796582822,"text":"a\\\\\\u0000b"}}`;
const goodUpdate = (updateId: number, chatId: number) =>
  JSON.stringify({
    update_id: updateId,
    message: {
      message_id: updateId,
      from: { id: chatId, first_name: "B" },
      chat: { id: chatId, type: "private" },
      date: Math.floor(Date.now() / 1000),
      text: `good ${updateId}`,
    },
  });
const telegram = (ch: ChannelRecord, body: string) =>
  postWebhook("telegram", ch.id, {
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "qa_secret_1" },
    body,
  });

describeEachDb("hostile input", () => {
  const ch: Record<string, ChannelRecord> = {};
  let person: Person;

  beforeAll(async () => {
    await asService(async (sql) => {
      const make = async (key: string, orgId: string, type: string, config: unknown, secrets: unknown) => {
        const view = await createChannel(sql, orgId, { type, name: key, config, secrets, enabled: true } as never);
        ch[key] = (await loadChannelRecord(sql, view.id))!;
      };
      const a = await createOrgFixture(sql, "Tenant A");
      const b = await createOrgFixture(sql, "Tenant B");
      await make("tgA", a.orgId, "telegram", {}, { botToken: BOT_TOKEN, webhookSecret: "qa_secret_1" });
      await make("tgB", b.orgId, "telegram", {}, { botToken: BOT_TOKEN, webhookSecret: "qa_secret_1" });
      await make(
        "twA",
        a.orgId,
        "twilio_whatsapp",
        { accountSid: ACCOUNT_SID, from: BUSINESS },
        { authToken: AUTH_TOKEN },
      );
      await make(
        "twB",
        b.orgId,
        "twilio_whatsapp",
        { accountSid: ACCOUNT_SID, from: BUSINESS },
        { authToken: AUTH_TOKEN },
      );
      await make(
        "wa",
        a.orgId,
        "whatsapp_cloud",
        { phoneNumberId: PHONE_NUMBER_ID, wabaId: "358127370715582" },
        { appSecret: APP_SECRET, accessToken: "EAAG" },
      );
      await make("ig", a.orgId, "instagram", { igUserId: IG_USER_ID }, { appSecret: APP_SECRET, accessToken: "EAAG" });
      await make(
        "evo",
        a.orgId,
        "evolution",
        { baseUrl: "http://127.0.0.1:1", instanceName: "hostile1" },
        { apiKey: "key", webhookToken: EVOLUTION_TOKEN },
      );
    });
    ({ owner: person } = await team(`hostile-${Math.random().toString(36).slice(2, 8)}`, "Hostile"));
  });

  it("one tenant's poisoned Telegram updates amid another's good ones: each good one is stored, each poisoned one is a 400", async () => {
    const good = Array.from({ length: 200 }, (_, i) => 9_100_000 + i);
    const bad = Array.from({ length: 60 }, (_, i) => 9_200_000 + i);
    // Interleaved and all at once, so they share group-commit batches.
    const requests = good.map((id, i) => ({
      good: true,
      send: () => telegram(ch.tgB, goodUpdate(id, 5000 + (i % 9))),
    }));
    for (const [i, id] of bad.entries())
      requests.splice(i * 4, 0, { good: false, send: () => telegram(ch.tgA, poisonedUpdate(id)) });
    const answers = await Promise.all(requests.map(async (r) => ({ good: r.good, res: await r.send() })));
    const goodStatuses = answers.filter((a) => a.good).map((a) => a.res.status);
    expect(goodStatuses).toEqual(Array(200).fill(200));
    const refused = answers.filter((a) => !a.good);
    expect(refused.map((a) => a.res.status)).toEqual(Array(60).fill(400));
    const { error } = (await refused[0].res.json()) as { error: { message: string } };
    expect(error.message).toBe("body: message.text: must not contain the NUL character (U+0000)");

    expect(await count("messages", "channel_id = $1", [ch.tgB.id])).toBe(200);
    expect(await count("webhook_events", "channel_id = $1", [ch.tgA.id])).toBe(0);
    const [{ batches }] = await asService((sql) =>
      sql.query<{ batches: number }>(
        "select count(distinct received_at)::int as batches from public.webhook_events where channel_id = $1",
        [ch.tgB.id],
      ),
    );
    expect(batches).toBeLessThan(200);
  });

  it("one tenant's %5C%00 Twilio forms amid another's good ones: each good one is stored", async () => {
    const form = (to: ChannelRecord, body: string, i: number) => {
      const url = `http://localhost:3000/api/webhooks/twilio/${to.id}`;
      const p = inboundParams({
        accountSid: ACCOUNT_SID,
        from: `+7916000${String(i).padStart(4, "0")}`,
        to: BUSINESS,
        body,
      });
      return deliver("twilio", to.id, twilioWebhook({ url, authToken: AUTH_TOKEN, params: p }));
    };
    const answers = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        i % 4 === 0 ? form(ch.twA, "a\\\u0000b", i) : form(ch.twB, `good ${i}`, i),
      ),
    );
    answers.forEach((res, i) => expect(res.status).toBe(i % 4 === 0 ? 400 : 200));
    expect(await count("messages", "channel_id = $1", [ch.twB.id])).toBe(60);
    expect(await count("messages", "channel_id = $1", [ch.twA.id])).toBe(0);
  });

  it("JSON nested 5,000 levels in a signed body is a 400 before it is parsed, for every JSON provider", async () => {
    const deep = "[".repeat(5000) + "]".repeat(5000);
    const tg = await telegram(ch.tgA, goodUpdate(9_300_000, 1).replace('"text"', `"deep":${deep},"text"`));
    const wa = await deliver(
      "meta",
      ch.wa.id,
      signedMetaWebhook(
        `http://localhost:3000/api/webhooks/meta/${ch.wa.id}`,
        APP_SECRET,
        `{"object":"whatsapp_business_account","entry":${deep}}`,
      ),
    );
    const evo = await deliver(
      "evolution",
      ch.evo.id,
      await evolutionWebhookHttpRequest(
        `http://localhost:3000/api/webhooks/evolution/${ch.evo.id}`,
        `{"event":"messages.upsert","instance":"hostile1","data":${deep}}`,
        { mode: "jwt", key: EVOLUTION_TOKEN },
      ),
    );
    for (const res of [tg, wa, evo]) {
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
        "body: nested deeper than 64 levels",
      );
    }
    const api = await orgs.POST(jsonRequest("/api/orgs", { token: person.token, body: `{"name":${deep}}` }));
    expect(api.status).toBe(400);
  });

  it("a provider time past year 9999 is replaced by the receipt time (Telegram date, Cloud API timestamp)", async () => {
    const before = Date.now();
    const update = JSON.parse(goodUpdate(9_400_000, 6001)) as { message: { date: number } };
    update.message.date = 300000000000;
    expect((await telegram(ch.tgA, JSON.stringify(update))).status).toBe(200);
    const body = whatsappMessageEvent({
      phoneNumberId: PHONE_NUMBER_ID,
      from: "79160000001",
      text: "late",
      id: "wamid.late1",
      timestamp: "300000000000",
    });
    const wa = await deliver(
      "meta",
      ch.wa.id,
      signedMetaWebhook(`http://localhost:3000/api/webhooks/meta/${ch.wa.id}`, APP_SECRET, body),
    );
    expect(wa.status).toBe(200);
    const rows = await asService((sql) =>
      sql.query<{ occurred_at: Date }>("select occurred_at from public.messages where channel_id = any($1::uuid[])", [
        [ch.tgA.id, ch.wa.id],
      ]),
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(new Date(r.occurred_at).getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(new Date(r.occurred_at).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    }
  });

  it("provider ids over 256 characters are a 400 naming the field, and nothing is stored", async () => {
    const long = "x".repeat(3000);
    const ig = await deliver(
      "meta",
      ch.ig.id,
      signedMetaWebhook(
        `http://localhost:3000/api/webhooks/meta/${ch.ig.id}`,
        APP_SECRET,
        instagramMessageEvent({ igUserId: IG_USER_ID, senderId: "489760440872775", mid: long }),
      ),
    );
    const wa = await deliver(
      "meta",
      ch.wa.id,
      signedMetaWebhook(
        `http://localhost:3000/api/webhooks/meta/${ch.wa.id}`,
        APP_SECRET,
        whatsappMessageEvent({ phoneNumberId: PHONE_NUMBER_ID, from: "79160000002", id: long }),
      ),
    );
    const evo = await deliver(
      "evolution",
      ch.evo.id,
      await evolutionWebhookHttpRequest(
        `http://localhost:3000/api/webhooks/evolution/${ch.evo.id}`,
        messagesUpsert("hostile1", { id: long }),
        { mode: "jwt", key: EVOLUTION_TOKEN },
      ),
    );
    const twUrl = `http://localhost:3000/api/webhooks/twilio/${ch.twA.id}`;
    const tw = await deliver(
      "twilio",
      ch.twA.id,
      twilioWebhook({
        url: twUrl,
        authToken: AUTH_TOKEN,
        params: inboundParams({ accountSid: ACCOUNT_SID, from: "+79160000003", to: BUSINESS, messageSid: `SM${long}` }),
      }),
    );
    const messages: string[] = [];
    for (const res of [ig, wa, evo, tw]) {
      expect(res.status).toBe(400);
      messages.push(((await res.json()) as { error: { message: string } }).error.message);
    }
    expect(messages[0]).toMatch(/mid: Too big/);
    expect(messages[1]).toMatch(/id: Too big/);
    expect(messages[2]).toMatch(/key\.id: Too big/);
    expect(messages[3]).toMatch(/MessageSid/);
    expect(await count("webhook_events", "channel_id = any($1::uuid[])", [[ch.ig.id, ch.evo.id, ch.twA.id]])).toBe(0);
  });

  it("NUL, backslash-NUL and a lone surrogate in any API text field are a 400 naming the field", async () => {
    const token = person.token;
    const someId = "00000000-0000-4000-8000-000000000001";
    const cases: [string, (body: string) => Promise<Response>, (s: string) => unknown, string][] = [
      [
        "sign-up organizationName",
        (b) => signup.POST(jsonRequest("/api/auth/signup", { body: b })),
        (s) => ({ email: "n@example.com", password: "long enough", name: "N", organizationName: s }),
        "organizationName",
      ],
      [
        "sign-up name",
        (b) => signup.POST(jsonRequest("/api/auth/signup", { body: b })),
        (s) => ({ email: "n@example.com", password: "long enough", name: s, organizationName: "Org" }),
        "name",
      ],
      [
        "channel name",
        (b) => channelsRoute.POST(jsonRequest("/api/channels", { token, body: b })),
        (s) => ({ type: "telegram", name: s, secrets: { botToken: BOT_TOKEN } }),
        "name",
      ],
      [
        "send text",
        (b) => send.POST(jsonRequest("/api/messaging/send", { token, body: b })),
        (s) => ({ conversationId: someId, text: s }),
        "text",
      ],
      [
        "send media url",
        (b) => send.POST(jsonRequest("/api/messaging/send", { token, body: b })),
        (s) => ({ conversationId: someId, media: [{ url: s }] }),
        "media.0.url",
      ],
      [
        "contact name",
        (b) =>
          contact.PATCH(
            jsonRequest(`/api/contacts/${someId}`, { method: "PATCH", token, body: b }),
            params({ id: someId }),
          ),
        (s) => ({ name: s }),
        "name",
      ],
      [
        "contact notes",
        (b) =>
          contact.PATCH(
            jsonRequest(`/api/contacts/${someId}`, { method: "PATCH", token, body: b }),
            params({ id: someId }),
          ),
        (s) => ({ notes: s }),
        "notes",
      ],
      [
        "lead name",
        (b) => leads.POST(jsonRequest("/api/dialogs/leads", { token, body: b })),
        (s) => ({ name: s }),
        "name",
      ],
      [
        "API key name",
        (b) => apiKeys.POST(jsonRequest("/api/api-keys", { token, body: b })),
        (s) => ({ name: s }),
        "name",
      ],
      [
        "organisation name",
        (b) => orgs.POST(jsonRequest("/api/orgs", { token, body: b })),
        (s) => ({ name: s }),
        "name",
      ],
      [
        "analyze instanceName",
        (b) => analyze.POST(jsonRequest("/api/dialogs/analyze", { token, body: b })),
        (s) => ({ instanceName: s }),
        "instanceName",
      ],
      [
        "AI settings profile",
        (b) => aiSettings.PUT(jsonRequest("/api/ai/settings", { method: "PUT", token, body: b })),
        (s) => ({ profile: { businessName: s } }),
        "profile.businessName",
      ],
    ];
    for (const [what, call, body, field] of cases) {
      for (const [poison, reason] of [
        ["a\\\u0000b", "must not contain the NUL character (U+0000)"],
        ["\u0000", "must not contain the NUL character (U+0000)"],
        ["x\ud800y", "is not valid Unicode (a lone surrogate)"],
      ]) {
        const res = await call(JSON.stringify(body(poison)));
        expect(res.status, `${what} ${JSON.stringify(poison)}`).toBe(400);
        const { error } = (await res.json()) as { error: { message: string } };
        expect(error.message, what).toBe(`body: ${field}: ${reason}`);
      }
    }
  });
});
