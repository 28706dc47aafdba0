import { afterAll, beforeAll, expect, it } from "vitest";
import { GET, POST } from "@/app/api/webhooks/[provider]/[channelId]/route";
import { createChannel, loadChannelRecord } from "@/lib/channels/store";
import type { ChannelRecord } from "@/lib/channels/types";
import { asService, withUser } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { sendMessage, sendMessageSchema } from "@/lib/inbox/outbox";
import { outboxSend } from "@/lib/inbox/outbox-job";
import { startRunner, type Runner } from "@/lib/jobs";
import {
  instagramMessageEvent,
  metaHandshakeUrl,
  metaJson,
  signedMetaWebhook,
  startMetaFake,
  whatsappMessageEvent,
  whatsappStatusEvent,
  type MetaFake,
} from "../fakes/meta";
import { describeEachDb } from "../helpers/db";
import { createOrgFixture, type OrgFixture } from "../helpers/seed";

// End to end: Meta's signed deliveries through the real webhook route and ingest on the real database, replies
// through the outbox and the runner to the Graph fake. Behind a proxy: the route rebuilds the public URL.

const APP_SECRET = "6f1d2c3b4a5e6f708192a3b4c5d6e7f8";
const TOKEN = "EAAG-system-user-token";
const CLIENT = "79161234567";
const IGSID = "489760440872775";
const APP_URL = "https://crm.example.com";

let fake: MetaFake;
beforeAll(async () => {
  fake = await startMetaFake({ accessToken: TOKEN });
  process.env.META_GRAPH_API_URL = fake.url;
  process.env.APP_URL = APP_URL;
  resetEnvCache();
});
afterAll(async () => {
  await fake.close();
  delete process.env.META_GRAPH_API_URL;
  delete process.env.APP_URL;
  resetEnvCache();
});

describeEachDb("Meta channels: webhook route, ingest, outbox", () => {
  let org: OrgFixture;
  let wa: ChannelRecord;
  let ig: ChannelRecord;
  let runner: Runner;
  beforeAll(async () => {
    ({ org, wa, ig } = await asService(async (sql) => {
      const org = await createOrgFixture(sql, "Ремонт Плюс");
      const secrets = { appSecret: APP_SECRET, accessToken: TOKEN };
      const waView = await createChannel(sql, org.orgId, {
        type: "whatsapp_cloud",
        name: "WhatsApp Cloud",
        config: { phoneNumberId: fake.phoneNumbers[0].id, wabaId: fake.wabaId },
        secrets,
        enabled: true,
      });
      const igView = await createChannel(sql, org.orgId, {
        type: "instagram",
        name: "Instagram",
        config: { igUserId: fake.igAccounts[0].id },
        secrets,
        enabled: true,
      });
      return {
        org,
        wa: (await loadChannelRecord(sql, waView.id))!,
        ig: (await loadChannelRecord(sql, igView.id))!,
      };
    }));
    runner = startRunner({ jobs: [outboxSend], pollMs: 50, backoffMs: 20, maxBackoffMs: 200 });
    await runner.ready;
  });
  afterAll(async () => {
    await runner.stop();
    fake.reset();
  });

  const internal = (channel: ChannelRecord) => `http://127.0.0.1:3000/api/webhooks/meta/${channel.id}`;
  const args = (channel: ChannelRecord) => ({ params: Promise.resolve({ provider: "meta", channelId: channel.id }) });
  async function post(channel: ChannelRecord, body: unknown, secret = APP_SECRET) {
    const signed = signedMetaWebhook(`${APP_URL}/api/webhooks/meta/${channel.id}`, secret, body);
    const req = new Request(internal(channel), { method: "POST", headers: signed.headers, body: await signed.text() });
    return POST(req, args(channel));
  }
  const rows = <T>(text: string, params: unknown[]) =>
    asService((sql) => sql.query<T & Record<string, unknown>>(text, params));
  const count = async (table: string, channel: ChannelRecord) =>
    (await rows<{ n: number }>(`select count(*)::int as n from public.${table} where channel_id = $1`, [channel.id]))[0]
      .n;
  type Row = { id: string; status: string; error_code: string | null; error_message: string | null };
  const message = async (id: string) =>
    (await rows<Row>("select id, status, error_code, error_message from public.messages where id = $1", [id]))[0];
  async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 10_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await read();
      if (done(v) || Date.now() > end) return v;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  async function reply(channel: ChannelRecord, text: string) {
    const [conversation] = await rows<{ id: string }>("select id from public.conversations where channel_id = $1", [
      channel.id,
    ]);
    const input = sendMessageSchema.parse({ conversationId: conversation.id, text });
    const queued = await withUser({ sub: org.ownerId, role: "authenticated" }, (sql) =>
      sendMessage(sql, org.orgId, input),
    );
    await queued.afterCommit?.();
    runner.wake();
    return queued.message.id;
  }

  it("answers Meta's handshake with the generated verify token, and 403 to a wrong one", async () => {
    const verifyToken = (wa.secrets as { verifyToken: string }).verifyToken;
    expect(verifyToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const url = (token: string) => {
      const u = metaHandshakeUrl(internal(wa), token, { challenge: "1158201444" });
      return new Request(u, { method: "GET" });
    };
    const ok = await GET(url(verifyToken), args(wa));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    expect((await GET(url("guess"), args(wa))).status).toBe(403);
  });

  const inbound = whatsappMessageEvent({
    phoneNumberId: "381738275021314",
    from: CLIENT,
    name: "Ирина",
    text: "Здравствуйте! Сколько стоит ремонт ванной под ключ?",
  });

  it("a signed WhatsApp message is stored once even when Meta delivers it twice", async () => {
    for (let i = 0; i < 2; i++) expect((await post(wa, inbound)).status).toBe(200);
    const stored = await rows<{ direction: string; text: string; thread_id: string; phone: string; name: string }>(
      `select m.direction, m.text, c.thread_id, k.phone, k.name
         from public.messages m
         join public.conversations c on c.id = m.conversation_id
         join public.contacts k on k.id = c.contact_id
        where m.channel_id = $1`,
      [wa.id],
    );
    expect(stored).toEqual([
      {
        direction: "in",
        text: "Здравствуйте! Сколько стоит ремонт ванной под ключ?",
        thread_id: CLIENT,
        phone: `+${CLIENT}`,
        name: "Ирина",
      },
    ]);
    expect(await count("webhook_events", wa)).toBe(1);
  });

  it("a wrong signature is 403 and stores nothing; a signed malformed body is 400; another number's is ignored", async () => {
    const events = await count("webhook_events", wa);
    expect((await post(wa, inbound, "not-the-app-secret")).status).toBe(403);
    const unsigned = new Request(internal(wa), { method: "POST", body: metaJson(inbound) });
    expect((await POST(unsigned, args(wa))).status).toBe(401);
    const bad = await post(wa, { object: "whatsapp_business_account", entry: [{ id: "1", changes: "nope" }] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/entry\.0\.changes/);
    expect(await count("webhook_events", wa)).toBe(events);

    const foreign = whatsappMessageEvent({ phoneNumberId: "999999999999999", from: "79990000000", text: "not ours" });
    expect((await post(wa, foreign)).status).toBe(200);
    expect(await count("messages", wa)).toBe(1);
  });

  it("a reply waits out a 429, reaches the Graph API, and statuses move it to delivered, read, or failed", async () => {
    fake.reset();
    fake.fail("429", { path: /messages$/ });
    const id = await reply(wa, "Добрый день, Ирина! Пришлите, пожалуйста, размеры ванной.");
    expect(
      (
        await until(
          () => message(id),
          (m) => m.status !== "queued",
        )
      ).status,
    ).toBe("sent");
    const sends = fake.sends();
    expect(sends).toHaveLength(2);
    expect(sends[1]).toMatchObject({
      path: `${fake.phoneNumbers[0].id}/messages`,
      authorization: `Bearer ${TOKEN}`,
      body: {
        messaging_product: "whatsapp",
        to: CLIENT,
        recipient_type: "individual",
        type: "text",
        text: { body: "Добрый день, Ирина! Пришлите, пожалуйста, размеры ванной." },
      },
    });
    const wamid = (sends[1].response as { messages: Array<{ id: string }> }).messages[0].id;
    const [{ provider_message_id }] = await rows<{ provider_message_id: string }>(
      "select provider_message_id from public.messages where id = $1",
      [id],
    );
    expect(provider_message_id).toBe(wamid);

    const status = (s: "delivered" | "read" | "sent") =>
      post(
        wa,
        whatsappStatusEvent({ phoneNumberId: fake.phoneNumbers[0].id, id: wamid, status: s, recipientId: CLIENT }),
      );
    expect((await status("delivered")).status).toBe(200);
    expect((await message(id)).status).toBe("delivered");
    expect((await status("read")).status).toBe(200);
    expect((await status("sent")).status).toBe(200);
    expect((await message(id)).status).toBe("read");

    fake.reset();
    const second = await reply(wa, "Ирина, вы здесь?");
    await until(
      () => message(second),
      (m) => m.status === "sent",
    );
    const secondId = (fake.sends()[0].response as { messages: Array<{ id: string }> }).messages[0].id;
    const failed = whatsappStatusEvent({
      phoneNumberId: fake.phoneNumbers[0].id,
      id: secondId,
      status: "failed",
      errors: [
        {
          code: 131047,
          title: "Re-engagement message",
          message: "Re-engagement message",
          error_data: { details: "Message failed to send because more than 24 hours have passed." },
        },
      ],
    });
    expect((await post(wa, failed)).status).toBe(200);
    expect(await message(second)).toMatchObject({
      status: "failed",
      error_code: "131047",
      error_message: expect.stringMatching(/24 hours/),
    });
  });

  it("an Instagram DM is stored once and the reply goes to the Send API", async () => {
    const dm = instagramMessageEvent({
      igUserId: fake.igAccounts[0].id,
      senderId: IGSID,
      text: "Omg, what's the price?",
    });
    for (let i = 0; i < 2; i++) expect((await post(ig, dm)).status).toBe(200);
    expect(await count("messages", ig)).toBe(1);

    fake.reset();
    const id = await reply(ig, "Hi! About 150k, shall we measure?");
    expect(
      (
        await until(
          () => message(id),
          (m) => m.status !== "queued",
        )
      ).status,
    ).toBe("sent");
    expect(fake.sends()).toMatchObject([
      {
        path: "me/messages",
        authorization: `Bearer ${TOKEN}`,
        body: { recipient: { id: IGSID }, message: { text: "Hi! About 150k, shall we measure?" } },
      },
    ]);
  });
});
