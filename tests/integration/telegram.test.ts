import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { newWebhookSecret, telegramAdapter } from "@/lib/channels/telegram";
import { WebhookAuthError, WebhookPayloadError } from "@/lib/channels/types";
import { DEFAULT_BOT_TOKEN } from "../fakes/telegram";
import { channel, fixture, fixturesDir, onlyMessage, webhook, withTelegramFake } from "../helpers/telegram";

// The Telegram adapter: the webhook secret, bot secrets, and what it reads from Bot API updates (the captured
// ones in wire/fixtures/telegram and the rest of wire/telegram.md). Sending: telegram-send.test.ts; long
// polling: telegram-polling.test.ts.

const telegramApi = withTelegramFake();

const parse = (update: unknown) => telegramAdapter.parse(channel(), webhook("s3cret_Token-xyz", update));
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
    const bare = channel({ secrets: { botToken: telegramApi.fake.token, webhookSecret: "" } });
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
