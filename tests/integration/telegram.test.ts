import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import {
  isPublicHttpsUrl,
  newWebhookSecret,
  startTelegramPolling,
  startTelegramPollingIfNeeded,
  stopTelegramPolling,
  telegramAdapter,
  type TelegramChannel,
  type TelegramPoller,
  type TelegramPollingOptions,
} from "@/lib/channels/telegram";
import {
  PermanentSendError,
  RetryableSendError,
  WebhookAuthError,
  WebhookPayloadError,
  type InboundMessage,
  type ParsedWebhook,
  type WebhookRequest,
} from "@/lib/channels/types";
import { resetEnvCache } from "@/lib/env";
import {
  DEFAULT_BOT_TOKEN,
  faults,
  signedUpdate,
  startTelegramFake,
  textUpdate,
  type TelegramFake,
} from "../fakes/telegram";

const fixturesDir = path.resolve(import.meta.dirname, "../fixtures/wire/telegram");
const fixture = (name: string) => JSON.parse(readFileSync(path.join(fixturesDir, name), "utf8")) as Update;
const secondToken = "807000002:AASecondFakeTokenForTests_0123456789ab";

let fake: TelegramFake;
beforeAll(async () => {
  fake = await startTelegramFake({ tokens: [DEFAULT_BOT_TOKEN, secondToken], botUsername: "relay_test_bot" });
  process.env.TELEGRAM_API_ROOT = fake.apiRoot;
  delete process.env.APP_URL;
  resetEnvCache();
});
afterAll(async () => {
  await fake.close();
  delete process.env.TELEGRAM_API_ROOT;
  resetEnvCache();
});
afterEach(() => fake.reset());

function channel(over: Partial<TelegramChannel> = {}): TelegramChannel {
  return {
    id: randomUUID(),
    orgId: randomUUID(),
    type: "telegram",
    name: "Sales bot",
    config: {},
    secrets: { botToken: fake.token, webhookSecret: "s3cret_Token-xyz" },
    ...over,
  };
}

function webhook(secret: string | undefined, body: unknown): WebhookRequest {
  const init = signedUpdate(secret, {});
  return {
    url: "https://crm.example.com/api/webhooks/telegram/x",
    method: "POST",
    headers: new Headers(init.headers),
    rawBody: new TextEncoder().encode(typeof body === "string" ? body : JSON.stringify(body)),
  };
}

const parse = (update: unknown) => telegramAdapter.parse(channel(), webhook("s3cret_Token-xyz", update));
const onlyMessage = (parsed: ParsedWebhook) => {
  expect(parsed.events).toHaveLength(1);
  expect(parsed.events[0].kind).toBe("message");
  return parsed.events[0] as InboundMessage;
};
const message = (
  fields: Record<string, unknown>,
  chat: Record<string, unknown> = { id: 42, type: "private", first_name: "Ann" },
) => ({
  update_id: 10,
  message: { message_id: 5, from: { id: 42, is_bot: false, first_name: "Ann" }, chat, date: 1709660718, ...fields },
});

describe("verify", () => {
  it("accepts the configured secret", () => {
    expect(() => telegramAdapter.verify(channel(), webhook("s3cret_Token-xyz", {}))).not.toThrow();
  });

  it.each([
    ["a wrong secret", "s3cret_Token-xyZ"],
    ["a longer secret", "s3cret_Token-xyz-and-more"],
    ["no header", undefined],
    ["an empty header", ""],
  ])("rejects %s with 401", (_name, secret) => {
    const attempt = () => telegramAdapter.verify(channel(), webhook(secret, {}));
    expect(attempt).toThrow(WebhookAuthError);
    expect(attempt).toThrow(expect.objectContaining({ status: 401 }));
  });

  it("refuses everything when the channel has no secret, instead of skipping the check", () => {
    const bare = channel({ secrets: { botToken: fake.token, webhookSecret: "" } });
    expect(() => telegramAdapter.verify(bare, webhook("", {}))).toThrow(WebhookAuthError);
    expect(() => telegramAdapter.verify(bare, webhook("anything", {}))).toThrow(WebhookAuthError);
  });
});

describe("secrets", () => {
  it("generates a webhook secret Telegram accepts when none is given", () => {
    const secrets = telegramAdapter.secretsSchema.parse({ botToken: DEFAULT_BOT_TOKEN });
    expect(secrets.webhookSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(telegramAdapter.secretsSchema.parse({ botToken: DEFAULT_BOT_TOKEN }).webhookSecret).not.toBe(
      secrets.webhookSecret,
    );
    expect(newWebhookSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("rejects a bot token that is not one, and a secret Telegram would refuse", () => {
    expect(telegramAdapter.secretsSchema.safeParse({ botToken: "not-a-token" }).success).toBe(false);
    expect(telegramAdapter.secretsSchema.safeParse({ botToken: "1:A/../x" }).success).toBe(false);
    const bad = { botToken: DEFAULT_BOT_TOKEN, webhookSecret: "has spaces" };
    expect(telegramAdapter.secretsSchema.safeParse(bad).success).toBe(false);
    expect(telegramAdapter.secretsSchema.safeParse({ ...bad, webhookSecret: "a".repeat(257) }).success).toBe(false);
  });
});

describe("parse: the fixtures in wire/fixtures/telegram", () => {
  it("knows every fixture file", () => {
    expect(readdirSync(fixturesDir).sort()).toEqual([
      "update_edited_message.json",
      "update_start_command.json",
      "update_text_message.json",
      "update_voice_message_chatwoot_spec.json",
    ]);
  });

  it("text message", () => {
    const parsed = parse(fixture("update_text_message.json"));
    expect(parsed.eventId).toBe("633291229");
    expect(onlyMessage(parsed)).toEqual({
      kind: "message",
      providerMessageId: "714862471:121",
      threadId: "714862471",
      sender: { externalId: "714862471", name: "Chris", username: "candyflipline", languageCode: "en" },
      occurredAt: new Date(1709660718 * 1000),
      type: "text",
      text: "I'm not even tracked fool",
      media: [],
      replyToProviderMessageId: undefined,
      fromBusiness: false,
    });
  });

  it("/start is kept as the text the client sent", () => {
    const parsed = parse(fixture("update_start_command.json"));
    expect(parsed.eventId).toBe("633291228");
    expect(onlyMessage(parsed)).toMatchObject({ type: "text", text: "/start", providerMessageId: "714862471:119" });
  });

  it("edited message becomes an edit of the same message id, at the edit time", () => {
    const parsed = parse(fixture("update_edited_message.json"));
    expect(parsed).toEqual({
      eventId: "633291230",
      events: [
        { kind: "edit", providerMessageId: "714862471:121", text: "/start", occurredAt: new Date(1709661075 * 1000) },
      ],
    });
  });

  it("voice note: file id, duration, MIME type, size; a 13-digit update_id stays exact", () => {
    const parsed = parse(fixture("update_voice_message_chatwoot_spec.json"));
    expect(parsed.eventId).toBe("2342342343242");
    expect(onlyMessage(parsed)).toMatchObject({
      type: "voice",
      threadId: "23",
      providerMessageId: "23:1",
      sender: { externalId: "23", name: "Sojan Jose", username: "sojan", languageCode: "en" },
      text: undefined,
      media: [
        {
          providerMediaId: "AwACAgUAAxkBAANjYVwnWF_w8LYTchqVdK9dY7mbwYEAAskDAALCoeBWFvS2u4zS6HAhBA",
          mimeType: "audio/ogg",
          durationSec: 2,
          size: 11833,
        },
      ],
    });
  });
});

describe("parse: other message kinds", () => {
  it("photo: the largest size, caption as text", () => {
    const photo = [
      { file_id: "small", file_unique_id: "s", width: 90, height: 67, file_size: 1200 },
      { file_id: "large", file_unique_id: "l", width: 1280, height: 960, file_size: 98000 },
      { file_id: "medium", file_unique_id: "m", width: 320, height: 240, file_size: 14000 },
    ];
    expect(onlyMessage(parse(message({ photo, caption: "this one?" })))).toMatchObject({
      type: "image",
      text: "this one?",
      media: [{ providerMediaId: "large", size: 98000, mimeType: "image/jpeg" }],
    });
  });

  it.each([
    [
      "document",
      { document: { file_id: "d1", file_unique_id: "u", file_name: "offer.pdf", mime_type: "application/pdf" } },
      "document",
      { providerMediaId: "d1", fileName: "offer.pdf", mimeType: "application/pdf" },
    ],
    [
      "audio",
      { audio: { file_id: "a1", file_unique_id: "u", duration: 184, mime_type: "audio/mpeg", title: "Song" } },
      "audio",
      { providerMediaId: "a1", durationSec: 184, mimeType: "audio/mpeg" },
    ],
    [
      "video",
      { video: { file_id: "v1", file_unique_id: "u", duration: 9, width: 640, height: 360, mime_type: "video/mp4" } },
      "video",
      { providerMediaId: "v1", durationSec: 9, mimeType: "video/mp4" },
    ],
    [
      "animation (not its compatibility document)",
      {
        animation: { file_id: "g1", file_unique_id: "u", duration: 2, width: 1, height: 1, mime_type: "video/mp4" },
        document: { file_id: "g1", file_unique_id: "u", mime_type: "video/mp4" },
      },
      "video",
      { providerMediaId: "g1" },
    ],
    [
      "sticker",
      { sticker: { file_id: "st1", file_unique_id: "u", type: "regular", width: 512, height: 512, emoji: "👍" } },
      "sticker",
      { providerMediaId: "st1", mimeType: "image/webp" },
    ],
  ])("%s", (_name, fields, type, media) => {
    const event = onlyMessage(parse(message(fields)));
    expect(event.type).toBe(type);
    expect(event.media).toEqual([expect.objectContaining(media)]);
    if (type === "sticker") expect(event.text).toBe("👍");
  });

  it("location and contact become readable text", () => {
    expect(onlyMessage(parse(message({ location: { latitude: 55.7558, longitude: 37.6173 } })))).toMatchObject({
      type: "location",
      text: "55.7558,37.6173",
      media: [],
    });
    const contact = { phone_number: "+79161234567", first_name: "Ivan", last_name: "Petrov", user_id: 77 };
    expect(onlyMessage(parse(message({ contact })))).toMatchObject({
      type: "contact",
      text: "Ivan Petrov: +79161234567",
    });
  });

  it("group chats: negative 64-bit chat id as the thread, the member as the sender, replies linked", () => {
    const chat = { id: -1001234567890, type: "supergroup", title: "Buyers" };
    const event = onlyMessage(
      parse(message({ text: "hi all", reply_to_message: { message_id: 3, chat, date: 1 } }, chat)),
    );
    expect(event).toMatchObject({
      threadId: "-1001234567890",
      providerMessageId: "-1001234567890:5",
      sender: { externalId: "42", name: "Ann" },
      replyToProviderMessageId: "-1001234567890:3",
    });
  });

  it("a poll is kept as unsupported; a service message and other update kinds give no events", () => {
    const poll = { id: "p", question: "?", options: [], total_voter_count: 0, is_closed: false };
    expect(onlyMessage(parse(message({ poll }))).type).toBe("unsupported");
    expect(parse(message({ new_chat_members: [{ id: 1, is_bot: false, first_name: "B" }] }))).toEqual({
      eventId: "10",
      events: [],
    });
    const channelPost = {
      update_id: 11,
      channel_post: { message_id: 1, chat: { id: -100, type: "channel" }, date: 1 },
    };
    expect(parse(channelPost)).toEqual({ eventId: "11", events: [] });
    expect(parse({ update_id: 12, callback_query: { id: "1" } })).toEqual({ eventId: "12", events: [] });
  });

  it("an edited live location (no text) is not an edit", () => {
    const edited = message({ location: { latitude: 1, longitude: 2 }, edit_date: 1709660800 });
    expect(parse({ update_id: 13, edited_message: edited.message })).toEqual({ eventId: "13", events: [] });
  });
});

describe("parse: malformed bodies", () => {
  it.each([
    ["not JSON", "{", "body is not JSON"],
    ["not UTF-8", new Uint8Array([0x7b, 0xff, 0x7d]), "body is not JSON"],
    ["no update_id", { message: {} }, "update_id"],
    [
      "a string chat id",
      message({ text: "x" }, { id: "42" as never, type: "private", first_name: "A" }),
      "message.chat.id",
    ],
    [
      "a message without a date",
      { update_id: 1, message: { message_id: 1, chat: { id: 1, type: "private" } } },
      "message.date",
    ],
    ["an empty photo list", message({ photo: [] }), "message.photo"],
  ])("%s → WebhookPayloadError naming %s", (_name, body, field) => {
    const req = webhook("s3cret_Token-xyz", "");
    req.rawBody =
      body instanceof Uint8Array
        ? body
        : new TextEncoder().encode(typeof body === "string" ? body : JSON.stringify(body));
    const attempt = () => telegramAdapter.parse(channel(), req);
    expect(attempt).toThrow(WebhookPayloadError);
    expect(attempt).toThrow(field);
  });
});

describe("send", () => {
  it("text reaches the fake as sendMessage with the token in the path; the id is chat:message", async () => {
    const result = await telegramAdapter.send(channel(), {
      id: randomUUID(),
      threadId: "714862471",
      type: "text",
      text: "Hello!",
    });
    const [call] = fake.callsTo("sendMessage");
    expect(call.token).toBe(fake.token);
    expect(call.params).toEqual({ chat_id: 714862471, text: "Hello!" });
    expect(result.providerMessageId).toBe(`714862471:${fake.sent[0].message_id}`);
    const again = await telegramAdapter.send(channel(), {
      id: randomUUID(),
      threadId: "714862471",
      type: "text",
      text: "2",
    });
    expect(again.providerMessageId).not.toBe(result.providerMessageId);
  });

  it("a photo by URL is fetched and uploaded with its caption; a file id is passed as it is", async () => {
    const file = fake.addFile(Buffer.from("jpeg bytes"), { filePath: "photos/file_1.jpg", mimeType: "image/jpeg" });
    const url = `${fake.apiRoot}/file/bot${fake.token}/${file.file_path}`;
    await telegramAdapter.send(channel(), {
      id: "m1",
      threadId: "42",
      type: "image",
      text: "Our offer",
      media: [{ url }],
    });
    const [upload] = fake.callsTo("sendPhoto");
    expect(upload.contentType).toMatch(/^multipart\/form-data/);
    expect(upload.params).toMatchObject({ chat_id: "42", caption: "Our offer" });
    const part = String(upload.params.photo).replace("attach://", "");
    expect(upload.files[part].bytes.toString()).toBe("jpeg bytes");
    expect(upload.files[part].fileName).toBe("file_1.jpg");

    await telegramAdapter.send(channel(), {
      id: "m2",
      threadId: "42",
      type: "image",
      media: [{ providerMediaId: file.file_id }],
    });
    expect(fake.callsTo("sendPhoto")[1].params).toEqual({ chat_id: 42, photo: file.file_id });
  });

  it("voice notes, documents and albums use their own methods", async () => {
    const voice = fake.addFile(Buffer.from("ogg"), { filePath: "voice/file_2.oga" });
    const doc = fake.addFile(Buffer.from("pdf"), { filePath: "documents/offer.pdf" });
    const send = (type: "voice" | "document" | "image", media: { providerMediaId?: string; mimeType?: string }[]) =>
      telegramAdapter.send(channel(), { id: randomUUID(), threadId: "42", type, media });
    await send("voice", [{ providerMediaId: voice.file_id }]);
    await send("document", [{ providerMediaId: doc.file_id }]);
    const photo = fake.addFile(Buffer.from("jpg"), { filePath: "photos/a.jpg" });
    await send("image", [{ providerMediaId: photo.file_id }, { providerMediaId: photo.file_id }]);
    expect(fake.calls.map((c) => c.method)).toEqual(["sendVoice", "sendDocument", "sendMediaGroup"]);
    expect(fake.callsTo("sendVoice")[0].params.voice).toBe(voice.file_id);
    expect(fake.callsTo("sendMediaGroup")[0].params.media).toEqual([
      { type: "photo", media: photo.file_id },
      { type: "photo", media: photo.file_id },
    ]);
    await expect(
      send("image", [
        { providerMediaId: photo.file_id },
        { providerMediaId: doc.file_id, mimeType: "application/pdf" },
      ]),
    ).rejects.toThrow(PermanentSendError);
  });

  it("429 → RetryableSendError with retry_after in ms; then the retry succeeds", async () => {
    fake.failNext(faults.tooManyRequests(7), { method: "sendMessage" });
    const msg = { id: "m", threadId: "42", type: "text" as const, text: "hi" };
    const error = await telegramAdapter.send(channel(), msg).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableSendError);
    expect(error).toMatchObject({ retryAfterMs: 7000, code: "429", message: "Too Many Requests: retry after 7" });
    await expect(telegramAdapter.send(channel(), msg)).resolves.toMatchObject({
      providerMessageId: expect.stringMatching(/^42:\d+$/),
    });
  });

  it("blocked by the user → PermanentSendError with Telegram's description", async () => {
    fake.blockChat(555);
    const error = await telegramAdapter
      .send(channel(), { id: "m", threadId: "555", type: "text", text: "hi" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect(error).toMatchObject({ message: "Forbidden: bot was blocked by the user", code: "403" });
    fake.failNext(faults.chatNotFound());
    const notFound = await telegramAdapter
      .send(channel(), { id: "m", threadId: "1", type: "text", text: "x" })
      .catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(PermanentSendError);
    expect(notFound).toMatchObject({ message: "Bad Request: chat not found", code: "400" });
  });

  it("network failures and Telegram's 5xx are retryable; the error text never carries the token", async () => {
    fake.failNext(faults.network());
    const network = await telegramAdapter
      .send(channel(), { id: "m", threadId: "1", type: "text", text: "x" })
      .catch((e: unknown) => e);
    expect(network).toBeInstanceOf(RetryableSendError);
    expect((network as Error).message).toMatch(/^cannot reach Telegram/);
    expect((network as Error).message).not.toContain(fake.token.split(":")[1]);
    fake.failNext(faults.internal());
    await expect(telegramAdapter.send(channel(), { id: "m", threadId: "1", type: "text", text: "x" })).rejects.toThrow(
      RetryableSendError,
    );
  });

  it("a message type Telegram cannot send is refused before any call", async () => {
    await expect(telegramAdapter.send(channel(), { id: "m", threadId: "1", type: "location" })).rejects.toThrow(
      PermanentSendError,
    );
    expect(fake.calls).toHaveLength(0);
  });
});

describe("test and connect", () => {
  it("test(): the bot's @username, or 'invalid bot token'", async () => {
    await expect(telegramAdapter.test(channel())).resolves.toEqual({ ok: true, detail: "@relay_test_bot" });
    const unknown = channel({ secrets: { botToken: "123:unknownTokenForTheFake", webhookSecret: "x" } });
    await expect(telegramAdapter.test(unknown)).resolves.toEqual({ ok: false, detail: "invalid bot token" });
    const garbled = channel({ secrets: { botToken: "nonsense", webhookSecret: "x" } });
    await expect(telegramAdapter.test(garbled)).resolves.toEqual({ ok: false, detail: "invalid bot token" });
    // The garbled token never leaves the process: only two getMe calls reached Telegram.
    expect(fake.callsTo("getMe").map((c) => c.status)).toEqual([200, 401]);
  });

  it("test(): an unreachable Telegram is reported without the token", async () => {
    process.env.TELEGRAM_API_ROOT = "http://127.0.0.1:9";
    resetEnvCache();
    try {
      const result = await telegramAdapter.test(channel());
      expect(result.ok).toBe(false);
      expect(result.detail).toMatch(/^cannot reach Telegram: .*ECONNREFUSED/);
      expect(result.detail).not.toContain(fake.token.split(":")[1]);
    } finally {
      process.env.TELEGRAM_API_ROOT = fake.apiRoot;
      resetEnvCache();
    }
  });

  it("connect(): setWebhook with the secret for a public https URL, deleteWebhook otherwise", async () => {
    const ch = channel();
    await telegramAdapter.connect!(ch, "https://crm.example.com/api/webhooks/telegram/abc");
    expect(fake.webhook()).toEqual({
      url: "https://crm.example.com/api/webhooks/telegram/abc",
      secret_token: "s3cret_Token-xyz",
      allowed_updates: ["message", "edited_message"],
    });
    await telegramAdapter.connect!(ch, "http://localhost:3000/api/webhooks/telegram/abc");
    expect(fake.webhook()).toBeUndefined();
    expect(fake.calls.map((c) => c.method)).toEqual(["setWebhook", "deleteWebhook"]);
    // A channel told to poll never registers a webhook, whatever its URL.
    await telegramAdapter.connect!(channel({ config: { mode: "polling" } }), "https://crm.example.com/x");
    expect(fake.webhook()).toBeUndefined();
  });

  it("the update Telegram would post after connect passes verify and parse", async () => {
    const ch = channel();
    await telegramAdapter.connect!(ch, "https://crm.example.com/api/webhooks/telegram/abc");
    const update = textUpdate("from the webhook");
    const init = signedUpdate(fake.webhook()!.secret_token, update);
    const req = webhook(undefined, update);
    req.headers = new Headers(init.headers);
    telegramAdapter.verify(ch, req);
    expect(onlyMessage(telegramAdapter.parse(ch, req)).text).toBe("from the webhook");
  });

  it.each([
    ["https://crm.example.com", true],
    ["https://crm.example.com:8443/x", true],
    ["https://crm.example.com:3000", false],
    ["http://crm.example.com", false],
    ["https://localhost", false],
    ["https://127.0.0.1", false],
    ["https://192.168.1.10", false],
    ["https://10.0.0.5", false],
    ["https://crm", false],
    ["https://[::1]", false],
    ["https://8.8.8.8", true],
  ])("%s is public https: %s", (url, expected) => {
    expect(isPublicHttpsUrl(url)).toBe(expected);
  });
});

describe("long polling", () => {
  const fast = { pollTimeoutSec: 1, rescanMs: 60_000, backoff: { minMs: 10, maxMs: 50 } };
  const pollers: TelegramPoller[] = [];
  let shared: TelegramFake;

  // Each test gets a fake of its own: a stopped loop's last getUpdates can still reach the fake after its test
  // ended (aborted by the client, but already on its way), and must not be counted, take a fault or end a long
  // poll in the next test. Pollers a failing test left running are stopped here, so they cannot steal updates.
  beforeEach(async () => {
    shared = fake;
    fake = await startTelegramFake({ tokens: [DEFAULT_BOT_TOKEN, secondToken], botUsername: "relay_test_bot" });
    process.env.TELEGRAM_API_ROOT = fake.apiRoot;
    resetEnvCache();
  });
  afterEach(async () => {
    await Promise.all(pollers.splice(0).map((poller) => poller.stop()));
    await fake.close();
    fake = shared;
    process.env.TELEGRAM_API_ROOT = fake.apiRoot;
    resetEnvCache();
  });

  function poll(options: TelegramPollingOptions) {
    const poller = startTelegramPolling(options);
    pollers.push(poller);
    return poller;
  }

  function collector() {
    const seen: { channelId: string; eventId: string; text?: string; raw: Update }[] = [];
    const onUpdate = async (ch: TelegramChannel, parsed: ParsedWebhook, raw: Update) => {
      const first = parsed.events[0];
      seen.push({
        channelId: ch.id,
        eventId: parsed.eventId,
        text: first?.kind === "message" ? first.text : undefined,
        raw,
      });
    };
    return { seen, onUpdate };
  }

  it("hands over updates in order, once each, and confirms them with the offset", async () => {
    const ch = channel();
    const { seen, onUpdate } = collector();
    const sent = ["one", "two", "three"].map((text) => fake.enqueueUpdate(textUpdate(text)));
    const poller = poll({ ...fast, loadChannels: async () => [ch], onUpdate });
    await waitFor(() => seen.length >= 3);
    const late = fake.enqueueUpdate(textUpdate("four"));
    await waitFor(() => seen.length >= 4);
    await waitFor(() => fake.pendingUpdates().length === 0);
    expect(seen.map((s) => s.text)).toEqual(["one", "two", "three", "four"]);
    expect(seen.map((s) => s.eventId)).toEqual([...sent, late].map((u) => String(u.update_id)));
    expect(seen.every((s) => s.channelId === ch.id)).toBe(true);
    expect(seen[0].raw).toEqual(sent[0]);
    const offsets = fake.callsTo("getUpdates").map((c) => c.params.offset);
    expect(offsets).toContain(sent[2].update_id + 1);
    expect(offsets).toContain(late.update_id + 1);
    expect(fake.callsTo("getUpdates")[0].params).toMatchObject({
      timeout: 1,
      allowed_updates: ["message", "edited_message"],
    });
    expect(fake.callsTo("deleteWebhook")).toHaveLength(1);

    await poller.stop();
    const afterStop = fake.enqueueUpdate(textUpdate("five"));
    await sleep(300);
    expect(seen).toHaveLength(4);
    expect(fake.pendingUpdates()).toEqual([afterStop]);
  });

  it("an update whose handler fails is handed over again, nothing after it is skipped", async () => {
    const ch = channel();
    const seen: string[] = [];
    let failures = 1;
    const onUpdate = async (_ch: TelegramChannel, parsed: ParsedWebhook) => {
      if (parsed.eventId === String(second.update_id) && failures-- > 0) throw new Error("database down");
      seen.push(parsed.eventId);
    };
    const first = fake.enqueueUpdate(textUpdate("a"));
    const second = fake.enqueueUpdate(textUpdate("b"));
    const third = fake.enqueueUpdate(textUpdate("c"));
    poll({ ...fast, loadChannels: async () => [ch], onUpdate });
    await waitFor(() => seen.length >= 3);
    expect(seen).toEqual([first, second, third].map((u) => String(u.update_id)));
  });

  it("waits out a 429's retry_after and recovers from network errors", async () => {
    const ch = channel();
    const { seen, onUpdate } = collector();
    fake.failNext(faults.network(), { method: "getUpdates" });
    fake.failNext(faults.tooManyRequests(1), { method: "getUpdates" });
    fake.enqueueUpdate(textUpdate("after the storm"));
    const started = Date.now();
    poll({ ...fast, loadChannels: async () => [ch], onUpdate });
    await waitFor(() => seen.length >= 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(seen.map((s) => s.text)).toEqual(["after the storm"]);
    expect(fake.callsTo("getUpdates").map((c) => c.status)).toEqual(expect.arrayContaining([0, 429, 200]));
  });

  it("stops promptly in the middle of a long poll", async () => {
    const { onUpdate } = collector();
    const poller = poll({ ...fast, pollTimeoutSec: 20, loadChannels: async () => [channel()], onUpdate });
    // In the middle: the fake holds the getUpdates and has not answered it.
    await waitFor(() => fake.callsTo("getUpdates").some((c) => c.status === undefined));
    const started = Date.now();
    await poller.stop();
    // Well below the 20 s the poll would otherwise hold, with room for a loaded machine.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("picks up channels added and disabled later; webhook, invalid and duplicate-bot channels are left out", async () => {
    const a = channel();
    const b = channel({ secrets: { botToken: secondToken, webhookSecret: "x" } });
    const sameBotAsA = channel();
    const webhookChannel = channel({
      config: { mode: "webhook" },
      secrets: { botToken: secondToken, webhookSecret: "y" },
    });
    const broken = channel({ secrets: { botToken: "nonsense", webhookSecret: "x" } });
    let enabled = [broken, a, sameBotAsA, webhookChannel];
    const { seen, onUpdate } = collector();
    const poller = poll({ ...fast, loadChannels: async () => enabled, onUpdate });
    await poller.refresh();
    expect(poller.channelIds()).toEqual([a.id]);
    enabled = [a, b];
    await poller.refresh();
    expect(poller.channelIds().sort()).toEqual([a.id, b.id].sort());
    fake.enqueueUpdate(textUpdate("to b"), secondToken);
    await waitFor(() => seen.length >= 1);
    expect(seen.map((s) => [s.channelId, s.text])).toEqual([[b.id, "to b"]]);

    enabled = [b];
    await poller.refresh();
    expect(poller.channelIds()).toEqual([b.id]);
    // refresh() resolved once a's loop had ended: nothing takes, or confirms, its bot's updates now.
    const waiting = fake.enqueueUpdate(textUpdate("to a, now disabled"));
    await sleep(300);
    expect(seen).toHaveLength(1);
    expect(fake.pendingUpdates()).toEqual([waiting]);

    // Enabled again, a is handed what waited for it.
    enabled = [a, b];
    await poller.refresh();
    await waitFor(() => seen.length >= 2);
    expect(seen.slice(1).map((s) => [s.channelId, s.text])).toEqual([[a.id, "to a, now disabled"]]);
    await waitFor(() => fake.pendingUpdates().length === 0);
  });

  it("a channel disabled while an update is being stored: refresh waits for it, nothing behind it is taken", async () => {
    const ch = channel();
    let enabled = [ch];
    const handed: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const onUpdate = async (_ch: TelegramChannel, parsed: ParsedWebhook) => {
      handed.push(parsed.eventId);
      await held;
    };
    const inHand = fake.enqueueUpdate(textUpdate("in hand"));
    const behind = fake.enqueueUpdate(textUpdate("behind it"));
    const poller = poll({ ...fast, loadChannels: async () => enabled, onUpdate });
    await waitFor(() => handed.length >= 1);

    enabled = [];
    let refreshed = false;
    const refreshing = poller.refresh().then(() => void (refreshed = true));
    await sleep(200);
    expect(refreshed).toBe(false);
    release();
    await refreshing;
    expect(poller.channelIds()).toEqual([]);
    await sleep(300);
    expect(handed).toEqual([String(inHand.update_id)]);
    // The one in hand was stored but not confirmed: the next poll hands it over again (ingest deduplicates).
    expect(fake.pendingUpdates()).toEqual([inHand, behind]);
  });

  it("startTelegramPollingIfNeeded keeps one poller per process and stays off on web-only instances", async () => {
    const options = { ...fast, loadChannels: async () => [], onUpdate: async () => {} };
    expect(startTelegramPollingIfNeeded(options)).toBeUndefined(); // JOBS_RUNNER=off in tests
    process.env.JOBS_RUNNER = "on";
    resetEnvCache();
    try {
      const poller = startTelegramPollingIfNeeded(options);
      expect(poller).toBeDefined();
      expect(startTelegramPollingIfNeeded(options)).toBe(poller);
    } finally {
      await stopTelegramPolling();
      process.env.JOBS_RUNNER = "off";
      resetEnvCache();
    }
  });
});

// Generous: these wait for something that must happen, and a loaded CI machine can be slow to get there.
async function waitFor(condition: () => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await sleep(10);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
