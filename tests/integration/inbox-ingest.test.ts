import { afterAll, beforeAll, expect, it } from "vitest";
import * as webhook from "@/app/api/webhooks/[provider]/[channelId]/route";
import * as channelItem from "@/app/api/channels/[id]/route";
import { asService, getDb, setDb } from "@/lib/db";
import { openPostgres } from "@/lib/db/postgres";
import { resetEnvCache } from "@/lib/env";
import { telegramAdapter, telegramMessageId } from "@/lib/channels/telegram";
import type { ChannelRecord } from "@/lib/channels/types";
import { ingestParsed } from "@/lib/inbox/ingest";
import { describeEachDb } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { count, createChannel, postWebhook, team, type Person } from "../helpers/inbox";
import { signedUpdate, startTelegramFake, textUpdate, type TelegramFake } from "../fakes/telegram";

let fake: TelegramFake;
beforeAll(async () => {
  fake = await startTelegramFake();
  process.env.TELEGRAM_API_ROOT = fake.apiRoot;
  delete process.env.APP_URL;
  resetEnvCache();
});
afterAll(async () => {
  await fake.close();
  delete process.env.TELEGRAM_API_ROOT;
  resetEnvCache();
});

describeEachDb("inbox ingest (Telegram webhooks)", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  let owner: Person;
  let channel: ChannelRecord;
  const secret = () => channel.secrets.webhookSecret as string;
  const post = (update: unknown, headers?: Record<string, string>) =>
    postWebhook("telegram", channel.id, { ...signedUpdate(secret(), update as never), ...(headers && { headers }) });
  const events = () => count("webhook_events", "channel_id = $1", [channel.id]);
  const messages = () => count("messages", "channel_id = $1", [channel.id]);

  beforeAll(async () => {
    ({ owner } = await team(`ing-${tag}`, "Stroy"));
    channel = await createChannel(owner, { type: "telegram", name: "Sales bot", secrets: { botToken: fake.token } });
  });

  it("stores a signed update once, even when Telegram delivers it twice", async () => {
    const update = textUpdate("Здравствуйте! Сколько стоит ремонт квартиры?", {
      chatId: 5001,
      from: { first_name: "Ivan", last_name: "Petrov", username: "ivanp", language_code: "ru" },
    });
    for (let i = 0; i < 2; i++) {
      const res = await post(update);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({});
    }
    expect(await events()).toBe(1);
    expect(await messages()).toBe(1);
    const [row] = await asService((sql) =>
      sql.query<{
        text: string;
        status: string;
        direction: string;
        unread_count: number;
        name: string;
        preview: string;
      }>(
        `select m.text, m.status, m.direction, c.unread_count, ct.name, c.last_message_preview as preview
           from public.messages m join public.conversations c on c.id = m.conversation_id
           join public.contacts ct on ct.id = c.contact_id where m.channel_id = $1`,
        [channel.id],
      ),
    );
    expect(row).toMatchObject({ status: "received", direction: "in", unread_count: 1, name: "Ivan Petrov" });
    expect(row.preview).toBe(row.text);
    // Follow-up work was queued in the same transaction.
    expect(await count("jobs", "name = 'inbox.after-inbound' and org_id = $1", [channel.orgId])).toBe(1);
  });

  it("stores one message when the same Telegram message comes in a different update", async () => {
    const first = textUpdate("one message, two updates", { chatId: 5002 });
    const again = { ...first, update_id: first.update_id + 100_000 };
    expect((await post(first)).status).toBe(200);
    expect((await post(again)).status).toBe(200);
    const id = telegramMessageId(5002, (first.message as { message_id: number }).message_id);
    expect(await count("messages", "channel_id = $1 and provider_message_id = $2", [channel.id, id])).toBe(1);
    expect(
      await count("webhook_events", "channel_id = $1 and event_id = any($2)", [
        channel.id,
        [String(first.update_id), String(again.update_id)],
      ]),
    ).toBe(2);
  });

  it("rejects a wrong or missing secret with 401 and stores nothing", async () => {
    const before = [await events(), await messages()];
    const update = textUpdate("forged", { chatId: 5003 });
    const wrong = await postWebhook("telegram", channel.id, signedUpdate("not-the-secret", update));
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe("unauthorized");
    expect((await postWebhook("telegram", channel.id, signedUpdate(undefined, update))).status).toBe(401);
    expect([await events(), await messages()]).toEqual(before);
  });

  it("answers 400 naming the problem for a malformed body, 413 over 1 MB, and stores nothing", async () => {
    const before = await events();
    const garbage = await postWebhook("telegram", channel.id, { ...signedUpdate(secret(), {}), body: "{not json" });
    expect(garbage.status).toBe(400);
    const noId = await post({ message: { text: "no update_id" } });
    expect(noId.status).toBe(400);
    expect((await noId.json()).error.message).toMatch(/update_id/);
    const big = textUpdate("x".repeat(1024 * 1024 + 10), { chatId: 5004 });
    expect((await post(big)).status).toBe(413);
    expect(await events()).toBe(before);
  });

  it("answers 404 for an unknown channel, another provider's URL, and a disabled channel", async () => {
    const update = textUpdate("hello?", { chatId: 5005 });
    const unknown = await postWebhook(
      "telegram",
      "00000000-0000-4000-8000-000000000000",
      signedUpdate(secret(), update),
    );
    expect(unknown.status).toBe(404);
    expect((await postWebhook("telegram", "not-a-uuid", signedUpdate(secret(), update))).status).toBe(404);
    expect((await postWebhook("twilio", channel.id, signedUpdate(secret(), update))).status).toBe(404);

    const disable = await channelItem.PATCH(
      jsonRequest(`/api/channels/${channel.id}`, { method: "PATCH", token: owner.token, body: { enabled: false } }),
      params({ id: channel.id }),
    );
    expect(disable.status).toBe(200);
    expect((await post(update)).status).toBe(404);
    await channelItem.PATCH(
      jsonRequest(`/api/channels/${channel.id}`, { method: "PATCH", token: owner.token, body: { enabled: true } }),
      params({ id: channel.id }),
    );
    expect((await post(update)).status).toBe(200);
  });

  it("applies an edit to the stored message", async () => {
    const update = textUpdate("Нужна квартира", { chatId: 5006 });
    await post(update);
    const msg = update.message as { message_id: number; chat: { id: number }; date: number; from: unknown };
    const edited = {
      update_id: update.update_id + 500_000,
      edited_message: { ...msg, text: "Нужна двухкомнатная квартира", edit_date: msg.date + 30 },
    };
    expect((await post(edited)).status).toBe(200);
    const [row] = await asService((sql) =>
      sql.query<{ text: string; edited_at: Date | null }>(
        "select text, edited_at from public.messages where channel_id = $1 and provider_message_id = $2",
        [channel.id, telegramMessageId(5006, msg.message_id)],
      ),
    );
    expect(row.text).toBe("Нужна двухкомнатная квартира");
    expect(row.edited_at).not.toBeNull();
  });

  it("records STOP as an opt-out and START as opting back in", async () => {
    const optedOut = async () => {
      const [row] = await asService((sql) =>
        sql.query<{ opted_out_at: Date | null }>(
          `select ct.opted_out_at from public.contacts ct join public.contact_identities i on i.contact_id = ct.id
            where i.org_id = $1 and i.network = 'telegram' and i.external_id = '5007'`,
          [channel.orgId],
        ),
      );
      return row.opted_out_at !== null;
    };
    const hi = await post(textUpdate("Hi", { chatId: 5007 }));
    expect(hi.status, await hi.clone().text()).toBe(200);
    expect(await optedOut()).toBe(false);
    await post(textUpdate("СТОП", { chatId: 5007 }));
    expect(await optedOut()).toBe(true);
    await post(textUpdate("/start", { chatId: 5007 }));
    expect(await optedOut()).toBe(false);
    await post(textUpdate("UNSUBSCRIBE", { chatId: 5007 }));
    expect(await optedOut()).toBe(true);
  });

  it("stores updates from long polling the same way, deduplicated by update_id", async () => {
    const update = textUpdate("from getUpdates", { chatId: 5008 });
    const parsed = telegramAdapter.parse(channel as never, {
      url: "",
      method: "POST",
      headers: new Headers(),
      rawBody: new TextEncoder().encode(JSON.stringify(update)),
    });
    const first = await ingestParsed(channel, parsed, update);
    const second = await ingestParsed(channel, parsed, update);
    expect(first).toMatchObject({ duplicate: false, messages: [{ inbound: true }] });
    expect(second).toEqual({ duplicate: true, messages: [], statuses: 0, edits: 0 });
  });

  it("answers 503 when the database is unavailable, so Telegram retries", async () => {
    const db = await getDb();
    setDb(openPostgres("postgres://postgres@127.0.0.1:1/none", 1));
    try {
      const res = await post(textUpdate("while the database is down", { chatId: 5009 }));
      expect(res.status).toBe(503);
      expect((await res.json()).error.code).toBe("unavailable");
    } finally {
      setDb(db);
    }
  });

  it("GET answers 404: Telegram makes no handshake", async () => {
    const res = await webhook.GET(
      new Request(`http://localhost:3000/api/webhooks/telegram/${channel.id}`),
      params({ provider: "telegram", channelId: channel.id }),
    );
    expect(res.status).toBe(404);
  });
});
