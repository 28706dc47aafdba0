import { describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { fetchTwilioMedia, twilioWhatsAppAdapter } from "@/lib/channels/twilio";
import { PermanentSendError, RetryableSendError } from "@/lib/channels/types";
import { decodeForm, startTwilioFake } from "../fakes/twilio";
import { ACCOUNT_SID, AUTH_TOKEN, BUSINESS, channel, fixture, PUBLIC_URL, withTwilioFake } from "../helpers/twilio";

// The Twilio WhatsApp adapter sending through the real twilio SDK against the fake (wire/twilio.md), its
// connection test, and inbound media downloads.

const twilioApi = withTwilioFake();

describe("the fake answers as the captured Twilio bodies do", () => {
  const post = (form: Record<string, string>, auth = `${ACCOUNT_SID}:${AUTH_TOKEN}`) =>
    fetch(`${twilioApi.fake.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(auth).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams(form),
    });
  const shape = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === null ? "null" : typeof v]));

  it("201 with the fields, types and RFC 2822 dates of a real Messages create", async () => {
    const captured = JSON.parse(fixture("messages_create_response_whatsapp_captured.json"));
    const res = await post({ To: "whatsapp:+918160213921", From: BUSINESS, Body: "Hello" });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(shape(body)).toEqual(shape(captured));
    expect(body.date_created).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
  });

  it("the error envelope of a real 21211, and 20003 for wrong credentials", async () => {
    const captured = JSON.parse(fixture("error_21211_captured.json"));
    const res = await post({ To: "whatsapp:11234", From: BUSINESS, Body: "Hello" });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(Object.keys(captured).sort());
    expect(body).toMatchObject({ code: 21211, status: 400, more_info: captured.more_info });
    const denied = await post({ To: "whatsapp:+918160213921", From: BUSINESS, Body: "x" }, `${ACCOUNT_SID}:wrong`);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ code: 20003 });
  });
});

it("the fake's form decoding keeps repeated keys, as Twilio's MediaUrl is sent", () => {
  expect(decodeForm("MediaUrl=a&MediaUrl=b&Body=x+y")).toEqual({ MediaUrl: ["a", "b"], Body: "x y" });
});

describe("send: the real SDK against the fake", () => {
  const to = "+4915112345678";
  const base = { id: "7c0a4b8e-0000-4000-8000-000000000001", threadId: to } as const;
  const send = (message: Parameters<typeof twilioWhatsAppAdapter.send>[1], ch = channel()) =>
    twilioWhatsAppAdapter.send(ch, message);
  const basicAuth = `${ACCOUNT_SID}:${AUTH_TOKEN}`;

  it("text: form fields, Basic auth, the path, the message SID back", async () => {
    const statusCallbackUrl = `${PUBLIC_URL}?kind=status`;
    const { providerMessageId } = await send({ ...base, type: "text", text: "Hello, 1+1=2 & ü", statusCallbackUrl });
    expect(providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(twilioApi.fake.requests).toHaveLength(1);
    const req = twilioApi.fake.requests[0];
    expect(req.method).toBe("POST");
    expect(req.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(req.basicAuth).toBe(basicAuth);
    expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(req.headers["user-agent"]).toMatch(/^twilio-node\/6\.2\.0/);
    expect(req.form).toEqual({
      To: `whatsapp:${to}`,
      From: BUSINESS,
      Body: "Hello, 1+1=2 & ü",
      StatusCallback: statusCallbackUrl,
    });
    expect(twilioApi.fake.messages[0].sid).toBe(providerMessageId);
  });

  it("media with a caption; several media as repeated MediaUrl", async () => {
    const one = await send({
      ...base,
      type: "image",
      text: "our price list",
      media: [{ url: "https://cdn.example.com/a.jpg" }],
    });
    expect(one.providerMessageId).toMatch(/^MM/);
    expect(twilioApi.fake.messages[0].form).toMatchObject({
      Body: "our price list",
      MediaUrl: "https://cdn.example.com/a.jpg",
    });
    await send({
      ...base,
      type: "document",
      media: [{ url: "https://cdn.example.com/a.pdf" }, { url: "https://cdn.example.com/b.pdf" }],
    });
    expect(twilioApi.fake.messages[1].form.MediaUrl).toEqual([
      "https://cdn.example.com/a.pdf",
      "https://cdn.example.com/b.pdf",
    ]);
    expect(twilioApi.fake.messages[1].form).not.toHaveProperty("Body");
  });

  it("through a Messaging Service instead of a From number", async () => {
    const messagingServiceSid = "MG" + "ab".repeat(16);
    await send(
      { ...base, type: "text", text: "hi" },
      channel({ config: { accountSid: ACCOUNT_SID, messagingServiceSid } }),
    );
    expect(twilioApi.fake.messages[0].form).toEqual({
      To: `whatsapp:${to}`,
      MessagingServiceSid: messagingServiceSid,
      Body: "hi",
    });
  });

  it("an approved template: ContentSid and ContentVariables as a JSON string, no Body", async () => {
    const sid = twilioApi.fake.addContent({
      name: "order_ready",
      language: "en",
      body: "Hi {{1}}, your order {{2}} is ready",
      approval: { name: "order_ready", category: "UTILITY", status: "approved" },
    });
    const template = {
      name: "order_ready",
      language: "en",
      providerTemplateId: sid,
      variables: { "1": "Maria", "2": "#42" },
    };
    await send({ ...base, type: "template", template });
    expect(twilioApi.fake.messages[0].form).toEqual({
      To: `whatsapp:${to}`,
      From: BUSINESS,
      ContentSid: sid,
      ContentVariables: '{"1":"Maria","2":"#42"}',
    });
  });

  it("refuses before calling Twilio what Twilio cannot send", async () => {
    const cases = [
      { ...base, type: "template" as const, template: { name: "x", language: "en", variables: {} } },
      { ...base, type: "image" as const, media: [{ providerMediaId: "telegram-file-id" }] },
      { ...base, type: "text" as const, text: "   " },
      { ...base, threadId: "not-a-number", type: "text" as const, text: "hi" },
    ];
    for (const message of cases) {
      await expect(send(message), JSON.stringify(message)).rejects.toBeInstanceOf(PermanentSendError);
    }
    expect(twilioApi.fake.requests).toHaveLength(0);
  });

  it("429 is retryable with Retry-After in ms; the retry then goes through", async () => {
    twilioApi.fake.failNext({ status: 429, retryAfter: "7" });
    const error = await send({ ...base, type: "text", text: "hi" }).catch((e) => e);
    expect(error).toBeInstanceOf(RetryableSendError);
    expect(error).toMatchObject({ retryAfterMs: 7000, code: "20429", message: "Too Many Requests" });
    const retried = await send({ ...base, type: "text", text: "hi" });
    expect(retried.providerMessageId).toMatch(/^SM/);
    expect(twilioApi.fake.requests).toHaveLength(2);
    expect(twilioApi.fake.messages).toHaveLength(1);
  });

  it("429 without Retry-After leaves the delay to the outbox's backoff", async () => {
    const envelope = JSON.parse(fixture("error_20429_as_used_in_tests.json"));
    twilioApi.fake.failNext({ status: 429, code: envelope.code, message: envelope.message });
    const error = await send({ ...base, type: "text", text: "hi" }).catch((e) => e);
    expect(error).toBeInstanceOf(RetryableSendError);
    expect(error.retryAfterMs).toBeUndefined();
  });

  it("each concurrent send reads its own answer's Retry-After", async () => {
    twilioApi.fake.failNext({ status: 429, retryAfter: "3" });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => send({ ...base, type: "text", text: `m${i}` })),
    );
    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ retryAfterMs: 3000 });
    expect(twilioApi.fake.messages).toHaveLength(5);
  });

  it("21211 and 63016 are permanent, with Twilio's code and message", async () => {
    const captured = JSON.parse(fixture("error_21211_captured.json"));
    twilioApi.fake.failNext({ status: captured.status, code: captured.code, message: captured.message });
    const invalid = await send({ ...base, type: "text", text: "hi" }).catch((e) => e);
    expect(invalid).toBeInstanceOf(PermanentSendError);
    expect(invalid).toMatchObject({ code: "21211", message: captured.message });

    twilioApi.fake.failNext({
      status: 400,
      code: 63016,
      message: "Failed to send freeform message because you are outside the allowed window.",
    });
    const window = await send({ ...base, type: "text", text: "hi" }).catch((e) => e);
    expect(window).toBeInstanceOf(PermanentSendError);
    expect(window.code).toBe("63016");
  });

  it("5xx, even with an HTML body, is retryable", async () => {
    twilioApi.fake.failNext({ status: 503, rawBody: "<html>Service Unavailable</html>", retryAfter: "2" });
    const error = await send({ ...base, type: "text", text: "hi" }).catch((e) => e);
    expect(error).toBeInstanceOf(RetryableSendError);
    expect(error).toMatchObject({ retryAfterMs: 2000, code: "503" });
  });

  it("a wrong auth token is permanent (20003) and says so", async () => {
    const error = await send({ ...base, type: "text", text: "hi" }, channel({ secrets: { authToken: "wrong" } })).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(PermanentSendError);
    expect(error).toMatchObject({ code: "20003", message: expect.stringMatching(/auth token/) });
  });

  it("Twilio unreachable is retryable", async () => {
    const closed = await startTwilioFake({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await closed.close();
    process.env.TWILIO_API_BASE_URL = closed.url;
    resetEnvCache();
    try {
      const error = await send({ ...base, type: "text", text: "hi" }).catch((e) => e);
      expect(error).toBeInstanceOf(RetryableSendError);
      expect(error.message).toMatch(/cannot reach Twilio/);
    } finally {
      process.env.TWILIO_API_BASE_URL = twilioApi.fake.url;
      resetEnvCache();
    }
  });
});

describe("test(): the account fetch", () => {
  it("ok for an active account", async () => {
    const result = await twilioWhatsAppAdapter.test(channel());
    expect(result).toEqual({
      ok: true,
      detail: `Twilio account "Relay test account" is active; WhatsApp messages go out from ${BUSINESS}`,
    });
    expect(twilioApi.fake.requests[0]).toMatchObject({
      method: "GET",
      path: `/2010-04-01/Accounts/${ACCOUNT_SID}.json`,
    });
    expect(twilioApi.fake.requests[0].basicAuth).toBe(`${ACCOUNT_SID}:${AUTH_TOKEN}`);
  });

  it("not ok for a wrong token, a suspended account, an unreachable Twilio", async () => {
    const wrong = await twilioWhatsAppAdapter.test(channel({ secrets: { authToken: "nope" } }));
    expect(wrong.ok).toBe(false);
    expect(wrong.detail).toMatch(/rejected the Account SID or auth token \(Twilio 20003\)/);

    twilioApi.fake.setAccountStatus("suspended");
    expect(await twilioWhatsAppAdapter.test(channel())).toEqual({
      ok: false,
      detail: 'Twilio account "Relay test account" is suspended',
    });

    twilioApi.fake.failNext({ status: 500, route: "account" });
    const down = await twilioWhatsAppAdapter.test(channel());
    expect(down.ok).toBe(false);
  });
});

describe("fetchTwilioMedia: an inbound MediaUrl", () => {
  const oggBytes = new TextEncoder().encode("OggS\0fake opus voice note");

  it("downloads with Basic auth, then follows the CDN redirect without it", async () => {
    const url = twilioApi.fake.addMedia(oggBytes, "audio/ogg");
    const media = await fetchTwilioMedia(channel(), url);
    expect(media.mimeType).toBe("audio/ogg");
    expect(media.size).toBe(oggBytes.length);
    expect(new Uint8Array(await new Response(media.body).arrayBuffer())).toEqual(oggBytes);
    const [api, cdn] = twilioApi.fake.requests;
    expect(api.basicAuth).toBe(`${ACCOUNT_SID}:${AUTH_TOKEN}`);
    expect(cdn.path).toMatch(/^\/cdn\/ME/);
    expect(cdn.headers.authorization).toBeUndefined();
  });

  it("sends the credentials nowhere else", async () => {
    const url = new URL(twilioApi.fake.addMedia(oggBytes, "audio/ogg"));
    const elsewhere = [
      `https://evil.example.com${url.pathname}`,
      `${twilioApi.fake.url}${url.pathname.replace(ACCOUNT_SID, "AC" + "9".repeat(32))}`,
      `${twilioApi.fake.url}/2010-04-01/Accounts/${ACCOUNT_SID}.json`,
    ];
    for (const u of elsewhere) {
      await expect(fetchTwilioMedia(channel(), u), u).rejects.toMatchObject({ name: "TwilioMediaError", status: 400 });
    }
    expect(twilioApi.fake.requests).toHaveLength(0);
  });

  it("a media Twilio no longer has is a 404", async () => {
    const url = twilioApi.fake.addMedia(oggBytes, "audio/ogg").replace(/ME[0-9a-f]+$/, "ME" + "0".repeat(32));
    await expect(fetchTwilioMedia(channel(), url)).rejects.toMatchObject({ status: 404 });
  });
});
