import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import * as resend from "@/app/api/messaging/messages/[id]/resend/route";
import * as messages from "@/app/api/messaging/messages/route";
import * as send from "@/app/api/messaging/send/route";
import { asService } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { startRunner, type Runner } from "@/lib/jobs";
import type { ChannelRecord } from "@/lib/channels/types";
import type { MessageView } from "@/lib/inbox/message-view";
import { describeEachDb } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { createChannel, deliver, eventually, postWebhook, team, type Person } from "../helpers/inbox";
import { faults, signedUpdate, startTelegramFake, textUpdate, type TelegramFake } from "../fakes/telegram";
import { inboundParams, startTwilioFake, statusParams, twilioWebhook, type TwilioFake } from "../fakes/twilio";

const ACCOUNT_SID = "AC" + "0123456789abcdef".repeat(2);
const AUTH_TOKEN = "0123456789abcdef".repeat(2);
const BUSINESS = "whatsapp:+14155238886";

let telegram: TelegramFake;
let twilio: TwilioFake;
beforeAll(async () => {
  telegram = await startTelegramFake();
  twilio = await startTwilioFake({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  process.env.TELEGRAM_API_ROOT = telegram.apiRoot;
  process.env.TWILIO_API_BASE_URL = twilio.url;
  delete process.env.APP_URL;
  resetEnvCache();
});
afterAll(async () => {
  await telegram.close();
  await twilio.close();
  delete process.env.TELEGRAM_API_ROOT;
  delete process.env.TWILIO_API_BASE_URL;
  resetEnvCache();
});

type Row = Record<string, unknown>;
const one = async (text: string, values: unknown[]) => (await asService((sql) => sql.query<Row>(text, values)))[0];
const messageRow = (id: string) => one("select * from public.messages where id = $1", [id]);
const conversationOf = (channelId: string, threadId: string) =>
  one("select * from public.conversations where channel_id = $1 and thread_id = $2", [channelId, threadId]);

describeEachDb("inbox outbox", ({ db }) => {
  const tag = Math.random().toString(36).slice(2, 8);
  let owner: Person;
  let agent: Person;
  let bot: ChannelRecord;
  let whatsapp: ChannelRecord;
  let runner: Runner;

  const reply = async (who: Person, body: Record<string, unknown>) =>
    send.POST(jsonRequest("/api/messaging/send", { token: who.token, body }));
  const sent = async (who: Person, body: Record<string, unknown>) => {
    const res = await reply(who, body);
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as MessageView;
  };
  const settled = (id: string) =>
    eventually(async () => {
      const row = await messageRow(id);
      return row.status !== "queued" && row;
    });
  const inboundTelegram = async (chatId: number, text: string) => {
    const res = await postWebhook(
      "telegram",
      bot.id,
      signedUpdate(bot.secrets.webhookSecret as string, textUpdate(text, { chatId })),
    );
    expect(res.status).toBe(200);
    return conversationOf(bot.id, String(chatId));
  };
  const twilioHook = (form: Record<string, string>) =>
    deliver(
      "twilio",
      whatsapp.id,
      twilioWebhook({
        url: `http://localhost:3000/api/webhooks/twilio/${whatsapp.id}`,
        authToken: AUTH_TOKEN,
        params: form,
      }),
    );

  beforeAll(async () => {
    ({ owner, agent } = await team(`out-${tag}`, "Stroy"));
    bot = await createChannel(owner, { type: "telegram", name: "Bot", secrets: { botToken: telegram.token } });
    whatsapp = await createChannel(owner, {
      type: "twilio_whatsapp",
      name: "WhatsApp",
      config: { accountSid: ACCOUNT_SID, from: BUSINESS },
      secrets: { authToken: AUTH_TOKEN },
    });
    runner = startRunner({ db: db(), pollMs: 20, backoffMs: 5, maxBackoffMs: 40, stopGraceMs: 200 });
    await runner.ready;
  });
  afterAll(() => runner.stop());
  afterEach(() => {
    telegram.reset();
    twilio.reset();
  });

  it("sends an agent's reply through the provider and records it sent; replying marks the conversation read", async () => {
    const conversation = await inboundTelegram(6001, "Добрый день, нужен ремонт");
    expect(conversation.unread_count).toBe(1);
    const queued = await sent(agent, {
      conversationId: conversation.id,
      text: "Здравствуйте! Когда удобно созвониться?",
    });
    expect(queued).toMatchObject({
      status: "queued",
      direction: "out",
      senderType: "agent",
      senderUserId: agent.userId,
    });
    expect((await conversationOf(bot.id, "6001")).unread_count).toBe(0);

    const row = await settled(queued.id);
    expect(row).toMatchObject({ status: "sent", attempts: 1, error_message: null });
    expect(row.provider_message_id).toMatch(/^6001:\d+$/);
    const call = telegram.callsTo("sendMessage")[0];
    expect(call.params).toMatchObject({ chat_id: 6001, text: "Здравствуйте! Когда удобно созвониться?" });
  });

  it("honours Telegram's 429 retry_after, then sends", async () => {
    const conversation = await inboundTelegram(6002, "hello");
    telegram.failNext(faults.tooManyRequests(1), { method: "sendMessage" });
    const started = Date.now();
    const queued = await sent(agent, { conversationId: conversation.id, text: "after the rate limit" });
    const waiting = await eventually(async () => {
      const r = await messageRow(queued.id);
      return r.error_message && r;
    });
    expect(waiting).toMatchObject({ status: "queued", error_code: "429" });
    const row = await settled(queued.id);
    expect(row).toMatchObject({ status: "sent", attempts: 2, error_message: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(telegram.callsTo("sendMessage").map((c) => c.status)).toEqual([429, 200]);
  });

  it("shows a permanent failure with the provider's reason; resend sends it", async () => {
    const conversation = await inboundTelegram(6003, "hi");
    telegram.failNext(faults.blocked(), { method: "sendMessage" });
    const queued = await sent(agent, { conversationId: conversation.id, text: "are you there?" });
    const failed = await settled(queued.id);
    expect(failed).toMatchObject({
      status: "failed",
      error_code: "403",
      error_message: "Forbidden: bot was blocked by the user",
      attempts: 1,
    });
    // The thread words the problem for everyone; the provider's own text is the admins' only.
    const listed = async (who: Person) => {
      const res = await messages.GET(
        jsonRequest(`/api/messaging/messages?conversationId=${conversation.id}`, { token: who.token }),
      );
      const { items } = (await res.json()) as { items: MessageView[] };
      return items.find((m) => m.id === queued.id)?.error;
    };
    expect(await listed(owner)).toEqual({
      problem: "recipient_blocked",
      code: "403",
      message: "Forbidden: bot was blocked by the user",
    });
    expect(await listed(agent)).toEqual({ problem: "recipient_blocked", code: null, message: null });
    const again = await resend.POST(
      jsonRequest(`/api/messaging/messages/${queued.id}/resend`, { method: "POST", token: agent.token }),
      params({ id: queued.id }),
    );
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: "queued", error: null });
    expect(await settled(queued.id)).toMatchObject({ status: "sent", error_message: null });
    const twice = await resend.POST(
      jsonRequest(`/api/messaging/messages/${queued.id}/resend`, { method: "POST", token: agent.token }),
      params({ id: queued.id }),
    );
    expect(twice.status).toBe(409);
  });

  it("refuses to send to a contact who wrote STOP", async () => {
    const conversation = await inboundTelegram(6004, "STOP");
    const res = await reply(agent, { conversationId: conversation.id, text: "one more offer" });
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatchObject({ code: "conflict", details: { reason: "opted_out" } });
    await inboundTelegram(6004, "START");
    expect((await reply(agent, { conversationId: conversation.id, text: "welcome back" })).status).toBe(201);
  });

  it("WhatsApp: free text inside 24 hours, 409 window_closed after, an approved template still goes", async () => {
    const from = "+79161234567";
    expect(
      (await twilioHook(inboundParams({ accountSid: ACCOUNT_SID, from, to: BUSINESS, body: "Привет" }))).status,
    ).toBe(200);
    const conversation = await conversationOf(whatsapp.id, from);
    const inside = await sent(agent, { conversationId: conversation.id, text: "Добрый день!" });
    expect(await settled(inside.id)).toMatchObject({ status: "sent" });
    expect(twilio.messages[0].form).toMatchObject({ To: `whatsapp:${from}`, From: BUSINESS, Body: "Добрый день!" });

    await asService((sql) =>
      sql.query("update public.conversations set last_inbound_at = now() - interval '25 hours' where id = $1", [
        conversation.id,
      ]),
    );
    const closed = await reply(agent, { conversationId: conversation.id, text: "Are you still interested?" });
    expect(closed.status).toBe(409);
    expect((await closed.json()).error.details).toMatchObject({ reason: "window_closed" });

    const contentSid = twilio.addContent({
      name: "follow_up",
      language: "ru",
      body: "Здравствуйте, {{1}}! Актуален ли ещё ваш запрос?",
      variables: { "1": "Анна" },
      approval: { status: "approved", name: "follow_up", category: "UTILITY" },
    });
    const [template] = await asService((sql) =>
      sql.query<{ id: string }>(
        `insert into public.message_templates (org_id, channel_id, name, language, body, variables, status, provider_template_id)
         values ($1, $2, 'follow_up', 'ru', 'Здравствуйте, {{1}}! Актуален ли ещё ваш запрос?', '[{"key":"1"}]', 'approved', $3)
         returning id`,
        [whatsapp.orgId, whatsapp.id, contentSid],
      ),
    );
    const missing = await reply(agent, { conversationId: conversation.id, templateId: template.id });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.message).toMatch(/variables\.1/);
    const templated = await sent(agent, {
      conversationId: conversation.id,
      templateId: template.id,
      variables: { "1": "Анна" },
    });
    expect(templated).toMatchObject({ type: "template", text: "Здравствуйте, Анна! Актуален ли ещё ваш запрос?" });
    expect(await settled(templated.id)).toMatchObject({ status: "sent" });
    expect(twilio.messages.at(-1)!.form).toMatchObject({ ContentSid: contentSid });
  });

  it("applies status callbacks forwards only: a late 'delivered' does not overwrite 'read'", async () => {
    const from = "+79160000002";
    await twilioHook(inboundParams({ accountSid: ACCOUNT_SID, from, to: BUSINESS, body: "hello" }));
    const conversation = await conversationOf(whatsapp.id, from);
    const queued = await sent(agent, { conversationId: conversation.id, text: "status test" });
    const row = await settled(queued.id);
    const status = (s: string, extra: Record<string, string> = {}) =>
      twilioHook({
        ...statusParams({
          accountSid: ACCOUNT_SID,
          messageSid: row.provider_message_id as string,
          status: s,
          to: from,
          from: BUSINESS,
        }),
        ...extra,
      });
    for (const s of ["delivered", "read", "delivered", "sent"]) expect((await status(s)).status).toBe(200);
    const after = await messageRow(queued.id);
    expect(after.status).toBe("read");
    expect(after.delivered_at).not.toBeNull();
    expect(after.read_at).not.toBeNull();
    expect((await status("failed", { ErrorCode: "63016", ErrorMessage: "outside the window" })).status).toBe(200);
    expect((await messageRow(queued.id)).status).toBe("read");
  });

  it("records a failed status callback with the provider's error", async () => {
    const from = "+79160000003";
    await twilioHook(inboundParams({ accountSid: ACCOUNT_SID, from, to: BUSINESS, body: "hello" }));
    const conversation = await conversationOf(whatsapp.id, from);
    const queued = await sent(agent, { conversationId: conversation.id, text: "will fail" });
    const row = await settled(queued.id);
    const res = await twilioHook({
      ...statusParams({
        accountSid: ACCOUNT_SID,
        messageSid: row.provider_message_id as string,
        status: "undelivered",
        to: from,
        from: BUSINESS,
        errorCode: "63016",
      }),
    });
    expect(res.status).toBe(200);
    expect(await messageRow(queued.id)).toMatchObject({ status: "failed", error_code: "63016" });
  });

  it("applies a status that overtook the send's answer once the provider's id is recorded", async () => {
    const from = "+79160000004";
    await twilioHook(inboundParams({ accountSid: ACCOUNT_SID, from, to: BUSINESS, body: "hello" }));
    const conversation = await conversationOf(whatsapp.id, from);
    const [early] = await asService((sql) =>
      sql.query<{ id: string }>(
        `insert into public.messages (org_id, conversation_id, channel_id, direction, sender_type, text, status)
         values ($1, $2, $3, 'out', 'agent', 'racing', 'queued') returning id`,
        [whatsapp.orgId, conversation.id, whatsapp.id],
      ),
    );
    const sid = "SM" + "ab".repeat(16);
    const res = await twilioHook(
      statusParams({ accountSid: ACCOUNT_SID, messageSid: sid, status: "delivered", to: from, from: BUSINESS }),
    );
    expect(res.status).toBe(200);
    // What the outbox job records when the provider's answer finally arrives.
    await asService((sql) =>
      sql.query("update public.messages set provider_message_id = $2, status = 'sent' where id = $1", [early.id, sid]),
    );
    await eventually(async () => (await messageRow(early.id)).status === "delivered");
  });

  it("checks Twilio's signature against the public URL (APP_URL) behind a proxy", async () => {
    const internal = `http://10.0.0.5:3000/api/webhooks/twilio/${whatsapp.id}?source=lb`;
    const publicUrl = `https://crm.example.com/api/webhooks/twilio/${whatsapp.id}?source=lb`;
    const form = inboundParams({ accountSid: ACCOUNT_SID, from: "+79160000005", to: BUSINESS, body: "via proxy" });
    const asForwarded = (signedFor: string) => {
      const signed = twilioWebhook({ url: signedFor, authToken: AUTH_TOKEN, params: form });
      return new Request(internal, {
        method: "POST",
        headers: signed.headers,
        body: new URLSearchParams(form).toString(),
      });
    };
    process.env.APP_URL = "https://crm.example.com";
    resetEnvCache();
    try {
      expect((await deliver("twilio", whatsapp.id, asForwarded(internal))).status).toBe(403);
      expect((await deliver("twilio", whatsapp.id, asForwarded(publicUrl))).status).toBe(200);
    } finally {
      delete process.env.APP_URL;
      resetEnvCache();
    }
    expect(await conversationOf(whatsapp.id, "+79160000005")).toBeDefined();
  });
});
