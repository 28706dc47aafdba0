import { afterAll, beforeAll, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/[provider]/[channelId]/route";
import { registerAdapter } from "@/lib/channels/registry";
import { createChannel, loadChannelRecord } from "@/lib/channels/store";
import { twilioWhatsAppAdapter } from "@/lib/channels/twilio";
import type { ChannelRecord } from "@/lib/channels/types";
import { asService, withUser } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { sendMessage, sendMessageSchema } from "@/lib/inbox/outbox";
import { outboxSend } from "@/lib/inbox/outbox-job";
import { startRunner, type Runner } from "@/lib/jobs";
import { inboundParams, startTwilioFake, statusParams, twilioWebhook, type TwilioFake } from "../fakes/twilio";
import { describeEachDb } from "../helpers/db";
import { createOrgFixture, type OrgFixture } from "../helpers/seed";

// End to end: the real webhook route, ingest and outbox on the real database, the real twilio SDK against
// the fake. Behind a proxy: the route gets the internal URL, Twilio signed the public one (APP_URL).

const ACCOUNT_SID = "AC" + "5e1a".repeat(8);
const AUTH_TOKEN = "9c".repeat(16);
const BUSINESS = "whatsapp:+14155238886";
const CLIENT = "+79161234567";
const APP_URL = "https://crm.example.com";

let fake: TwilioFake;
beforeAll(async () => {
  fake = await startTwilioFake({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  process.env.TWILIO_API_BASE_URL = fake.url;
  process.env.APP_URL = APP_URL;
  resetEnvCache();
  registerAdapter(twilioWhatsAppAdapter);
});
afterAll(async () => {
  await fake.close();
  delete process.env.TWILIO_API_BASE_URL;
  delete process.env.APP_URL;
  resetEnvCache();
});

describeEachDb("WhatsApp through Twilio: webhook route, ingest, outbox", () => {
  let org: OrgFixture;
  let channel: ChannelRecord;
  let runner: Runner;
  beforeAll(async () => {
    ({ org, channel } = await asService(async (sql) => {
      const org = await createOrgFixture(sql, "Ремонт Плюс");
      const view = await createChannel(sql, org.orgId, {
        type: "twilio_whatsapp",
        name: "WhatsApp",
        config: { accountSid: ACCOUNT_SID, from: BUSINESS },
        secrets: { authToken: AUTH_TOKEN },
        enabled: true,
      });
      return { org, channel: (await loadChannelRecord(sql, view.id))! };
    }));
    runner = startRunner({ jobs: [outboxSend], pollMs: 50, backoffMs: 20, maxBackoffMs: 200 });
    await runner.ready;
  });
  afterAll(async () => {
    await runner.stop();
    fake.reset();
  });

  const publicUrl = () => `${APP_URL}/api/webhooks/twilio/${channel.id}`;
  async function post(params: Record<string, string>, opts: { idempotencyToken?: string; authToken?: string } = {}) {
    const signed = twilioWebhook({ url: publicUrl(), authToken: AUTH_TOKEN, params, ...opts });
    const req = new Request(`http://127.0.0.1:3000/api/webhooks/twilio/${channel.id}`, {
      method: "POST",
      headers: signed.headers,
      body: await signed.text(),
    });
    return POST(req, { params: Promise.resolve({ provider: "twilio", channelId: channel.id }) });
  }
  const query = <T>(text: string, params: unknown[] = []) =>
    asService((sql) => sql.query<T & Record<string, unknown>>(text, [channel.id, ...params]));
  const count = async (table: string) =>
    (await query<{ n: number }>(`select count(*)::int as n from public.${table} where channel_id = $1`))[0].n;
  type Row = { id: string; status: string; error_code: string | null; error_message: string | null };
  const message = async (id: string) =>
    (
      await query<Row>(
        "select id, status, error_code, error_message from public.messages where channel_id = $1 and id = $2",
        [id],
      )
    )[0];
  async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 10_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await read();
      if (done(v) || Date.now() > end) return v;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  const inbound = inboundParams({
    accountSid: ACCOUNT_SID,
    from: CLIENT,
    to: BUSINESS,
    body: "Здравствуйте! Сколько стоит ремонт ванной под ключ?",
    profileName: "Ирина",
  });

  it("a signed inbound message is stored once, even delivered twice and retried without its token", async () => {
    for (const token of ["3f0c6a5e-idem-1", "3f0c6a5e-idem-1", undefined]) {
      const res = await post(inbound, { idempotencyToken: token });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/xml/);
      expect(await res.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    }
    const rows = await query<{ direction: string; text: string; provider_message_id: string; thread_id: string }>(
      `select m.direction, m.text, m.provider_message_id, c.thread_id
         from public.messages m join public.conversations c on c.id = m.conversation_id
        where m.channel_id = $1`,
    );
    expect(rows).toEqual([
      { direction: "in", text: inbound.Body, provider_message_id: inbound.MessageSid, thread_id: CLIENT },
    ]);
    // The token's delivery and the token-less retry are two raw events; the message is still one.
    expect(await count("webhook_events")).toBe(2);
  });

  it("a wrong signature is 403 and stores nothing; a signed malformed body is 400", async () => {
    const events = await count("webhook_events");
    const forged = inboundParams({ accountSid: ACCOUNT_SID, from: CLIENT, to: BUSINESS, body: "forged" });
    expect((await post(forged, { authToken: "0".repeat(32) })).status).toBe(403);
    const { MessageSid: _none, ...malformed } = inboundParams({ accountSid: ACCOUNT_SID, from: CLIENT, to: BUSINESS });
    const bad = await post(malformed);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/MessageSid is missing/);
    expect(await count("webhook_events")).toBe(events);
    expect(await count("messages")).toBe(1);
  });

  async function reply(text: string) {
    const [conversation] = await query<{ id: string }>("select id from public.conversations where channel_id = $1");
    const input = sendMessageSchema.parse({ conversationId: conversation.id, text });
    const queued = await withUser({ sub: org.ownerId, role: "authenticated" }, (sql) =>
      sendMessage(sql, org.orgId, input),
    );
    await queued.afterCommit?.();
    runner.wake();
    return queued.message.id;
  }

  it("a reply waits out a 429, reaches Twilio, and status callbacks move it to delivered, then read", async () => {
    fake.reset();
    fake.failNext({ status: 429, retryAfter: "1" });
    const id = await reply("Добрый день, Ирина! Пришлите, пожалуйста, размеры ванной.");
    expect(
      (
        await until(
          () => message(id),
          (m) => m.status !== "queued",
        )
      ).status,
    ).toBe("sent");

    const attempts = fake.requests.filter((r) => r.path.endsWith("/Messages.json"));
    expect(attempts).toHaveLength(2);
    // Retry-After: 1 was honoured, not the runner's 20 ms backoff.
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(950);
    expect(fake.messages).toHaveLength(1);
    const sent = fake.messages[0];
    expect(sent.form).toEqual({
      To: `whatsapp:${CLIENT}`,
      From: BUSINESS,
      Body: "Добрый день, Ирина! Пришлите, пожалуйста, размеры ванной.",
      StatusCallback: publicUrl(),
    });
    const [stored] = await query<{ provider_message_id: string }>(
      "select provider_message_id from public.messages where channel_id = $1 and id = $2",
      [id],
    );
    expect(stored.provider_message_id).toBe(sent.sid);

    const callback = (status: string) =>
      post(statusParams({ accountSid: ACCOUNT_SID, messageSid: sent.sid, status, to: CLIENT, from: BUSINESS }));
    expect((await callback("delivered")).status).toBe(200);
    expect((await message(id)).status).toBe("delivered");
    expect((await callback("read")).status).toBe(200);
    // Callbacks arrive out of order: a late "sent" does not move it back.
    expect((await callback("sent")).status).toBe(200);
    expect((await message(id)).status).toBe("read");
  });

  it("a failed status callback marks the message failed with Twilio's reason", async () => {
    fake.reset();
    const id = await reply("Ирина, вы здесь?");
    await until(
      () => message(id),
      (m) => m.status === "sent",
    );
    const res = await post(
      statusParams({
        accountSid: ACCOUNT_SID,
        messageSid: fake.messages[0].sid,
        status: "undelivered",
        to: CLIENT,
        from: BUSINESS,
        errorCode: "63016",
      }),
    );
    expect(res.status).toBe(200);
    expect(await message(id)).toMatchObject({
      status: "failed",
      error_code: "63016",
      error_message: expect.stringMatching(/24-hour window/),
    });
  });
});
