import { afterAll, beforeAll, expect, it } from "vitest";
import * as channelTest from "@/app/api/channels/[id]/test/route";
import * as channelItem from "@/app/api/channels/[id]/route";
import * as channels from "@/app/api/channels/route";
import * as templates from "@/app/api/messaging/templates/route";
import * as templateSync from "@/app/api/messaging/templates/sync/route";
import { asService, withUser } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { describeEachDb } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { team, type Person } from "../helpers/inbox";
import { startTelegramFake, type TelegramFake } from "../fakes/telegram";
import { startTwilioFake, type TwilioFake } from "../fakes/twilio";

const ACCOUNT_SID = "AC" + "fedcba9876543210".repeat(2);
const AUTH_TOKEN = "fedcba9876543210".repeat(2);

let telegram: TelegramFake;
let twilio: TwilioFake;
beforeAll(async () => {
  telegram = await startTelegramFake();
  twilio = await startTwilioFake({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  process.env.TELEGRAM_API_ROOT = telegram.apiRoot;
  process.env.TWILIO_API_BASE_URL = twilio.url;
  process.env.APP_URL = "https://crm.example.com";
  resetEnvCache();
});
afterAll(async () => {
  await telegram.close();
  await twilio.close();
  delete process.env.TELEGRAM_API_ROOT;
  delete process.env.TWILIO_API_BASE_URL;
  delete process.env.APP_URL;
  resetEnvCache();
});

describeEachDb("channels API", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  let a: Awaited<ReturnType<typeof team>>;
  let rival: Person;
  let telegramId: string;
  let whatsappId: string;

  const create = (who: Person, body: unknown) =>
    channels.POST(jsonRequest("/api/channels", { token: who.token, body }));
  const item = (method: "GET" | "PATCH" | "DELETE", id: string, who: Person, body?: unknown) =>
    channelItem[method](jsonRequest(`/api/channels/${id}`, { method, token: who.token, body }), params({ id }));

  beforeAll(async () => {
    // The fakes are shared by the suites of both databases.
    telegram.reset();
    twilio.reset();
    a = await team(`ch-${tag}`, "Stroy");
    rival = (await team(`ch-r-${tag}`, "Rival")).owner;
  });

  it("creates a Telegram channel, registers its webhook with the secret, and never returns the secrets", async () => {
    const res = await create(a.owner, { type: "telegram", name: "Sales bot", secrets: { botToken: telegram.token } });
    expect(res.status).toBe(201);
    const body = await res.json();
    telegramId = body.id;
    expect(body).toMatchObject({
      type: "telegram",
      name: "Sales bot",
      enabled: true,
      status: "connected",
      webhookUrl: `https://crm.example.com/api/webhooks/telegram/${body.id}`,
    });
    const text = JSON.stringify(body);
    expect(text).not.toContain(telegram.token);
    expect(text).not.toMatch(/secret/i);
    // setWebhook went to Telegram with the public URL and the generated secret, which is stored encrypted.
    const hook = telegram.webhook();
    expect(hook?.url).toBe(body.webhookUrl);
    const [stored] = await asService((sql) =>
      sql.query<{ secrets_encrypted: string }>("select secrets_encrypted from public.channels where id = $1", [
        body.id,
      ]),
    );
    expect(stored.secrets_encrypted).toMatch(/^v1\./);
    expect(stored.secrets_encrypted).not.toContain(telegram.token);
    expect(stored.secrets_encrypted).not.toContain(hook!.secret_token);

    const listed = await (await channels.GET(jsonRequest("/api/channels", { token: a.viewer.token }))).json();
    expect(listed.map((c: { id: string }) => c.id)).toContain(body.id);
    expect(JSON.stringify(listed)).not.toContain(telegram.token);
  });

  it("members cannot read the encrypted secrets, even directly through RLS", async () => {
    const attempt = withUser({ sub: a.owner.userId, role: "authenticated" }, (sql) =>
      sql.query("select secrets_encrypted from public.channels where id = $1", [telegramId]),
    );
    await expect(attempt).rejects.toMatchObject({ code: "42501" });
  });

  it("validates config and secrets with the provider's schema, naming the field", async () => {
    const badToken = await create(a.owner, { type: "telegram", name: "Bot", secrets: { botToken: "nope" } });
    expect(badToken.status).toBe(400);
    expect((await badToken.json()).error.message).toMatch(/^secrets: botToken: /);
    const badConfig = await create(a.owner, {
      type: "twilio_whatsapp",
      name: "WA",
      config: { accountSid: "AC123" },
      secrets: { authToken: AUTH_TOKEN },
    });
    expect(badConfig.status).toBe(400);
    expect((await badConfig.json()).error.message).toMatch(/^config: accountSid: /);
    expect((await create(a.owner, { type: "fax", name: "x" })).status).toBe(400);
  });

  it("lets only admins create, change and delete channels", async () => {
    const body = { type: "telegram", name: "Agent's bot", secrets: { botToken: telegram.token } };
    expect((await create(a.agent, body)).status).toBe(403);
    expect((await item("PATCH", telegramId, a.agent, { name: "renamed" })).status).toBe(403);
    expect((await item("DELETE", telegramId, a.viewer)).status).toBe(403);
    expect((await item("GET", telegramId, a.viewer)).status).toBe(200);
  });

  it("hides a channel from another organisation", async () => {
    expect((await item("GET", telegramId, rival)).status).toBe(404);
    expect((await item("PATCH", telegramId, rival, { enabled: false })).status).toBe(404);
    expect((await item("DELETE", telegramId, rival)).status).toBe(404);
    const test = await channelTest.POST(
      jsonRequest(`/api/channels/${telegramId}/test`, { method: "POST", token: rival.token }),
      params({ id: telegramId }),
    );
    expect(test.status).toBe(404);
    const listed = await (await channels.GET(jsonRequest("/api/channels", { token: rival.token }))).json();
    expect(listed).toEqual([]);
  });

  it("tests the credentials against the provider and records the outcome", async () => {
    const ok = await channelTest.POST(
      jsonRequest(`/api/channels/${telegramId}/test`, { method: "POST", token: a.owner.token }),
      params({ id: telegramId }),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      ok: true,
      detail: `@${telegram.bot().username}`,
      channel: { status: "connected" },
    });

    const res = await create(a.owner, {
      type: "twilio_whatsapp",
      name: "WhatsApp",
      config: { accountSid: ACCOUNT_SID, from: "+14155238886" },
      secrets: { authToken: "wrong-token" },
    });
    expect(res.status).toBe(201);
    const saved = await res.json();
    whatsappId = saved.id;
    // Checked against Twilio on create, as Telegram is: saved, not connected, and why.
    expect(saved).toMatchObject({ status: "error", lastErrorCode: "credentials_rejected" });
    const bad = await channelTest.POST(
      jsonRequest(`/api/channels/${whatsappId}/test`, { method: "POST", token: a.owner.token }),
      params({ id: whatsappId }),
    );
    const outcome = await bad.json();
    expect(outcome).toMatchObject({ ok: false, channel: { status: "error" } });
    expect(outcome.channel.lastError).toBe(outcome.detail);
    // What the UI explains in the user's language: the credentials were refused.
    expect(outcome.code).toBe("credentials_rejected");
    expect(outcome.channel.lastErrorCode).toBe("credentials_rejected");

    const fixed = await item("PATCH", whatsappId, a.owner, { secrets: { authToken: AUTH_TOKEN } });
    expect(await fixed.json()).toMatchObject({
      status: "connected",
      lastError: null,
      webhookUrl: `https://crm.example.com/api/webhooks/twilio/${whatsappId}`,
    });
    const good = await channelTest.POST(
      jsonRequest(`/api/channels/${whatsappId}/test`, { method: "POST", token: a.owner.token }),
      params({ id: whatsappId }),
    );
    expect(await good.json()).toMatchObject({ ok: true, channel: { status: "connected", lastError: null } });
  });

  it("says saved, not connected when Twilio cannot be reached on create, and connected when it can", async () => {
    process.env.TWILIO_API_BASE_URL = "http://127.0.0.1:1";
    resetEnvCache();
    try {
      const res = await create(a.owner, {
        type: "twilio_whatsapp",
        name: "WhatsApp offline",
        config: { accountSid: ACCOUNT_SID, from: "+14155238887" },
        secrets: { authToken: AUTH_TOKEN },
      });
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body).toMatchObject({ status: "error", lastErrorCode: "refused" });
      expect(body.lastError).not.toContain(AUTH_TOKEN);
    } finally {
      process.env.TWILIO_API_BASE_URL = twilio.url;
      resetEnvCache();
    }
    const online = await create(a.owner, {
      type: "twilio_whatsapp",
      name: "WhatsApp online",
      config: { accountSid: ACCOUNT_SID, from: "+14155238888" },
      secrets: { authToken: AUTH_TOKEN },
    });
    expect(await online.json()).toMatchObject({ status: "connected", lastError: null, lastErrorCode: null });
  });

  it("creates WhatsApp templates for approval and syncs their status from the provider", async () => {
    const created = await templates.POST(
      jsonRequest("/api/messaging/templates", {
        token: a.owner.token,
        body: {
          channelId: whatsappId,
          name: "appointment_reminder",
          language: "ru",
          category: "utility",
          body: "Здравствуйте, {{1}}! Напоминаем о встрече {{2}}.",
          examples: { "1": "Анна", "2": "завтра в 10:00" },
        },
      }),
    );
    expect(created.status).toBe(201);
    const template = await created.json();
    expect(template).toMatchObject({ status: "pending", variables: ["1", "2"] });
    expect(template.providerTemplateId).toMatch(/^HX/);

    twilio.setApproval(template.providerTemplateId, {
      name: "appointment_reminder",
      category: "UTILITY",
      status: "approved",
    });
    const synced = await templateSync.POST(
      jsonRequest("/api/messaging/templates/sync", { token: a.owner.token, body: { channelId: whatsappId } }),
    );
    expect(synced.status).toBe(200);
    expect(await synced.json()).toEqual([expect.objectContaining({ id: template.id, status: "approved" })]);

    const listed = await templates.GET(
      jsonRequest(`/api/messaging/templates?channelId=${whatsappId}&status=approved`, { token: a.agent.token }),
    );
    expect((await listed.json()).map((t: { name: string }) => t.name)).toEqual(["appointment_reminder"]);
    const agentCreates = await templates.POST(
      jsonRequest("/api/messaging/templates", {
        token: a.agent.token,
        body: { channelId: whatsappId, name: "x", language: "en", body: "x" },
      }),
    );
    expect(agentCreates.status).toBe(403);
  });

  it("deletes a channel with its conversations", async () => {
    expect((await item("DELETE", whatsappId, a.owner)).status).toBe(204);
    expect((await item("GET", whatsappId, a.owner)).status).toBe(404);
  });
});
