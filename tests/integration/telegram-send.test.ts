import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isPublicHttpsUrl, telegramAdapter } from "@/lib/channels/telegram";
import { PermanentSendError, RetryableSendError } from "@/lib/channels/types";
import { resetEnvCache } from "@/lib/env";
import { faults, signedUpdate, textUpdate } from "../fakes/telegram";
import { channel, onlyMessage, webhook, withTelegramFake } from "../helpers/telegram";

// The Telegram adapter sending through grammY against the fake Bot API, and its connection test and webhook set-up.

const telegramApi = withTelegramFake();

describe("send", () => {
  it("text reaches the fake as sendMessage with the token in the path; the id is chat:message", async () => {
    const result = await telegramAdapter.send(channel(), {
      id: randomUUID(),
      threadId: "714862471",
      type: "text",
      text: "Hello!",
    });
    const [call] = telegramApi.fake.callsTo("sendMessage");
    expect(call.token).toBe(telegramApi.fake.token);
    expect(call.params).toEqual({ chat_id: 714862471, text: "Hello!" });
    expect(result.providerMessageId).toBe(`714862471:${telegramApi.fake.sent[0].message_id}`);
    const again = await telegramAdapter.send(channel(), {
      id: randomUUID(),
      threadId: "714862471",
      type: "text",
      text: "2",
    });
    expect(again.providerMessageId).not.toBe(result.providerMessageId);
  });

  it("a photo by URL is fetched and uploaded with its caption; a file id is passed as it is", async () => {
    const file = telegramApi.fake.addFile(Buffer.from("jpeg bytes"), {
      filePath: "photos/file_1.jpg",
      mimeType: "image/jpeg",
    });
    const url = `${telegramApi.fake.apiRoot}/file/bot${telegramApi.fake.token}/${file.file_path}`;
    await telegramAdapter.send(channel(), {
      id: "m1",
      threadId: "42",
      type: "image",
      text: "Our offer",
      media: [{ url }],
    });
    const [upload] = telegramApi.fake.callsTo("sendPhoto");
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
    expect(telegramApi.fake.callsTo("sendPhoto")[1].params).toEqual({ chat_id: 42, photo: file.file_id });
  });

  it("voice notes, documents and albums use their own methods", async () => {
    const voice = telegramApi.fake.addFile(Buffer.from("ogg"), { filePath: "voice/file_2.oga" });
    const doc = telegramApi.fake.addFile(Buffer.from("pdf"), { filePath: "documents/offer.pdf" });
    const send = (type: "voice" | "document" | "image", media: { providerMediaId?: string; mimeType?: string }[]) =>
      telegramAdapter.send(channel(), { id: randomUUID(), threadId: "42", type, media });
    await send("voice", [{ providerMediaId: voice.file_id }]);
    await send("document", [{ providerMediaId: doc.file_id }]);
    const photo = telegramApi.fake.addFile(Buffer.from("jpg"), { filePath: "photos/a.jpg" });
    await send("image", [{ providerMediaId: photo.file_id }, { providerMediaId: photo.file_id }]);
    expect(telegramApi.fake.calls.map((c) => c.method)).toEqual(["sendVoice", "sendDocument", "sendMediaGroup"]);
    expect(telegramApi.fake.callsTo("sendVoice")[0].params.voice).toBe(voice.file_id);
    expect(telegramApi.fake.callsTo("sendMediaGroup")[0].params.media).toEqual([
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
    telegramApi.fake.failNext(faults.tooManyRequests(7), { method: "sendMessage" });
    const msg = { id: "m", threadId: "42", type: "text" as const, text: "hi" };
    const error = await telegramAdapter.send(channel(), msg).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableSendError);
    expect(error).toMatchObject({ retryAfterMs: 7000, code: "429", message: "Too Many Requests: retry after 7" });
    await expect(telegramAdapter.send(channel(), msg)).resolves.toMatchObject({
      providerMessageId: expect.stringMatching(/^42:\d+$/),
    });
  });

  it("blocked by the user → PermanentSendError with Telegram's description", async () => {
    telegramApi.fake.blockChat(555);
    const error = await telegramAdapter
      .send(channel(), { id: "m", threadId: "555", type: "text", text: "hi" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect(error).toMatchObject({ message: "Forbidden: bot was blocked by the user", code: "403" });
    telegramApi.fake.failNext(faults.chatNotFound());
    const notFound = await telegramAdapter
      .send(channel(), { id: "m", threadId: "1", type: "text", text: "x" })
      .catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(PermanentSendError);
    expect(notFound).toMatchObject({ message: "Bad Request: chat not found", code: "400" });
  });

  it("network failures and Telegram's 5xx are retryable; the error text never carries the token", async () => {
    telegramApi.fake.failNext(faults.network());
    const network = await telegramAdapter
      .send(channel(), { id: "m", threadId: "1", type: "text", text: "x" })
      .catch((e: unknown) => e);
    expect(network).toBeInstanceOf(RetryableSendError);
    expect((network as Error).message).toMatch(/^cannot reach Telegram/);
    expect((network as Error).message).not.toContain(telegramApi.fake.token.split(":")[1]);
    telegramApi.fake.failNext(faults.internal());
    await expect(telegramAdapter.send(channel(), { id: "m", threadId: "1", type: "text", text: "x" })).rejects.toThrow(
      RetryableSendError,
    );
  });

  it("a message type Telegram cannot send is refused before any call", async () => {
    await expect(telegramAdapter.send(channel(), { id: "m", threadId: "1", type: "location" })).rejects.toThrow(
      PermanentSendError,
    );
    expect(telegramApi.fake.calls).toHaveLength(0);
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
    expect(telegramApi.fake.callsTo("getMe").map((c) => c.status)).toEqual([200, 401]);
  });

  it("test(): an unreachable Telegram is reported without the token", async () => {
    process.env.TELEGRAM_API_ROOT = "http://127.0.0.1:9";
    resetEnvCache();
    try {
      const result = await telegramAdapter.test(channel());
      expect(result.ok).toBe(false);
      expect(result.detail).toMatch(/^cannot reach Telegram: .*ECONNREFUSED/);
      expect(result.detail).not.toContain(telegramApi.fake.token.split(":")[1]);
    } finally {
      process.env.TELEGRAM_API_ROOT = telegramApi.fake.apiRoot;
      resetEnvCache();
    }
  });

  it("connect(): setWebhook with the secret for a public https URL, deleteWebhook otherwise", async () => {
    const ch = channel();
    await telegramAdapter.connect!(ch, "https://crm.example.com/api/webhooks/telegram/abc");
    expect(telegramApi.fake.webhook()).toEqual({
      url: "https://crm.example.com/api/webhooks/telegram/abc",
      secret_token: "s3cret_Token-xyz",
      allowed_updates: ["message", "edited_message"],
    });
    await telegramAdapter.connect!(ch, "http://localhost:3000/api/webhooks/telegram/abc");
    expect(telegramApi.fake.webhook()).toBeUndefined();
    expect(telegramApi.fake.calls.map((c) => c.method)).toEqual(["setWebhook", "deleteWebhook"]);
    // A channel told to poll never registers a webhook, whatever its URL.
    await telegramAdapter.connect!(channel({ config: { mode: "polling" } }), "https://crm.example.com/x");
    expect(telegramApi.fake.webhook()).toBeUndefined();
  });

  it("the update Telegram would post after connect passes verify and parse", async () => {
    const ch = channel();
    await telegramAdapter.connect!(ch, "https://crm.example.com/api/webhooks/telegram/abc");
    const update = textUpdate("from the webhook");
    const init = signedUpdate(telegramApi.fake.webhook()!.secret_token, update);
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
