import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import twilio from "twilio";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fetchTwilioMedia, twilioWhatsAppAdapter, type TwilioChannel } from "@/lib/channels/twilio";
import {
  PermanentSendError,
  RetryableSendError,
  WebhookAuthError,
  WebhookPayloadError,
  type ChannelAdapter,
  type InboundMessage,
  type ParsedWebhook,
} from "@/lib/channels/types";
import { resetEnvCache } from "@/lib/env";
import {
  decodeForm,
  inboundParams,
  startTwilioFake,
  statusParams,
  toWebhookRequest,
  twilioSignature,
  twilioWebhook,
  type TwilioFake,
} from "../fakes/twilio";

const fixturesDir = path.resolve(import.meta.dirname, "../fixtures/wire/twilio");
const fixture = (name: string) => readFileSync(path.join(fixturesDir, name), "utf8").trim();

export const ACCOUNT_SID = "AC" + "0123456789abcdef".repeat(2);
export const AUTH_TOKEN = "f".repeat(8) + "0123456789abcdef" + "e".repeat(8);
const BUSINESS = "whatsapp:+14155238886";
const PUBLIC_URL = "https://crm.example.com/api/webhooks/twilio/9b1f0c1e-0000-4000-8000-000000000001";

let fake: TwilioFake;
beforeAll(async () => {
  fake = await startTwilioFake({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  process.env.TWILIO_API_BASE_URL = fake.url;
  resetEnvCache();
});
afterAll(async () => {
  await fake.close();
  delete process.env.TWILIO_API_BASE_URL;
  resetEnvCache();
});
afterEach(() => fake.reset());

function channel(over: Partial<TwilioChannel> = {}): TwilioChannel {
  return {
    id: "9b1f0c1e-0000-4000-8000-000000000001",
    orgId: "9b1f0c1e-0000-4000-8000-0000000000aa",
    type: "twilio_whatsapp",
    name: "WhatsApp sales",
    config: { accountSid: ACCOUNT_SID, from: BUSINESS },
    secrets: { authToken: AUTH_TOKEN },
    ...over,
  };
}

/** A signed delivery of these form parameters, as the webhook route hands it to the adapter. */
const delivery = (params: Record<string, string>, opts: Partial<Parameters<typeof twilioWebhook>[0]> = {}) =>
  toWebhookRequest(twilioWebhook({ url: PUBLIC_URL, authToken: AUTH_TOKEN, params, ...opts }));

async function verifyError(req: Promise<Awaited<ReturnType<typeof delivery>>>, ch = channel()) {
  const r = await req;
  try {
    twilioWhatsAppAdapter.verify(ch, r);
  } catch (error) {
    return error as WebhookAuthError;
  }
  throw new Error("verify accepted the request");
}

const onlyMessage = (parsed: ParsedWebhook) => {
  expect(parsed.events).toHaveLength(1);
  expect(parsed.events[0].kind).toBe("message");
  return parsed.events[0] as InboundMessage;
};

it("is a ChannelAdapter the registry can hold", () => {
  const adapter: ChannelAdapter = twilioWhatsAppAdapter as unknown as ChannelAdapter;
  expect(adapter.type).toBe("twilio_whatsapp");
  expect(twilioWhatsAppAdapter.configSchema.safeParse({ accountSid: ACCOUNT_SID }).success).toBe(false);
  expect(twilioWhatsAppAdapter.configSchema.parse({ accountSid: ACCOUNT_SID, from: "+14155238886" })).toEqual({
    accountSid: ACCOUNT_SID,
    from: BUSINESS,
  });
  expect(twilioWhatsAppAdapter.secretsSchema.safeParse({ authToken: "" }).success).toBe(false);
});

describe("X-Twilio-Signature", () => {
  const vectors = JSON.parse(fixture("signature_test_vectors_twilio-node.json"));

  it("the fake signs the published test vectors, and the SDK's validator agrees", () => {
    const { authToken, url, params } = vectors;
    expect(twilioSignature(authToken, url, params)).toBe(vectors["expected_X-Twilio-Signature"]);
    expect(twilio.validateRequest(authToken, vectors["expected_X-Twilio-Signature"], url, params)).toBe(true);
    const port = vectors.http_url_with_port_case;
    expect(twilioSignature(authToken, port.url, params)).toBe(port["expected_X-Twilio-Signature"]);
    const json = vectors.json_body_case;
    expect(twilioSignature(authToken, json.url, {})).toBe(json["expected_X-Twilio-Signature"]);
    expect(twilio.validateRequestWithBody(authToken, json["expected_X-Twilio-Signature"], json.url, json.body)).toBe(
      true,
    );
  });

  it("verify accepts the test vector's request as a form POST", async () => {
    const { authToken, url, params } = vectors;
    const req = await toWebhookRequest(twilioWebhook({ url, authToken, params }));
    expect(req.headers.get("x-twilio-signature")).toBe(vectors["expected_X-Twilio-Signature"]);
    expect(() => twilioWhatsAppAdapter.verify(channel({ secrets: { authToken } }), req)).not.toThrow();
  });

  it("verify accepts a signed inbound message and a signed status callback", async () => {
    const inbound = inboundParams({
      accountSid: ACCOUNT_SID,
      from: "+5582821362750",
      to: BUSINESS,
      body: "Olá, 1+1=2 & más",
    });
    const req = await delivery(inbound);
    expect(() => twilioWhatsAppAdapter.verify(channel(), req)).not.toThrow();
    const status = statusParams({
      accountSid: ACCOUNT_SID,
      messageSid: "SM" + "1".repeat(32),
      status: "delivered",
      to: "+5582821362750",
      from: BUSINESS,
    });
    await expect(delivery(status).then((r) => twilioWhatsAppAdapter.verify(channel(), r))).resolves.toBeUndefined();
  });

  it("accepts the URL signed with its default port, as Twilio's back ends sometimes sign it", async () => {
    const params = inboundParams({ accountSid: ACCOUNT_SID, from: "+4915112345678", to: BUSINESS, body: "hi" });
    const signature = twilioSignature(AUTH_TOKEN, PUBLIC_URL.replace("crm.example.com", "crm.example.com:443"), params);
    const req = await delivery(params, { signature });
    expect(() => twilioWhatsAppAdapter.verify(channel(), req)).not.toThrow();
  });

  it("rejects with 403 a tampered body, a wrong token, another URL, a missing header", async () => {
    const params = inboundParams({ accountSid: ACCOUNT_SID, from: "+4915112345678", to: BUSINESS, body: "pay 10" });
    const tampered = await delivery(
      { ...params, Body: "pay 1000" },
      { signature: twilioSignature(AUTH_TOKEN, PUBLIC_URL, params) },
    );
    const cases = [
      ["tampered body", Promise.resolve(tampered)],
      [
        "extra parameter",
        delivery({ ...params, Extra: "1" }, { signature: twilioSignature(AUTH_TOKEN, PUBLIC_URL, params) }),
      ],
      ["wrong token", delivery(params, { authToken: AUTH_TOKEN.replace("f", "0") })],
      [
        "other URL",
        delivery(params, {
          signature: twilioSignature(AUTH_TOKEN, "http://localhost:3000/api/webhooks/twilio/x", params),
        }),
      ],
      ["missing header", delivery(params, { signature: null })],
      ["empty header", delivery(params, { signature: "" })],
    ] as const;
    for (const [name, req] of cases) {
      const error = await verifyError(req);
      expect(error, name).toBeInstanceOf(WebhookAuthError);
      expect(error.status, name).toBe(403);
    }
    expect((await verifyError(delivery(params, { signature: null }))).message).toMatch(/missing/);
  });

  it("never skips the check when the channel has no auth token", async () => {
    const params = inboundParams({ accountSid: ACCOUNT_SID, from: "+4915112345678", to: BUSINESS, body: "hi" });
    // Signed with the empty key an unchecked validator would compare against.
    const req = delivery(params, { authToken: "" });
    for (const secrets of [
      { authToken: "" },
      {} as { authToken: string },
      undefined as unknown as { authToken: string },
    ]) {
      const error = await verifyError(req, channel({ secrets }));
      expect(error).toBeInstanceOf(WebhookAuthError);
      expect(error.status).toBe(403);
    }
  });
});

describe("parse: the captured bodies in wire/fixtures/twilio", () => {
  const raw = (body: string, headers: Record<string, string> = {}) => ({
    url: PUBLIC_URL,
    method: "POST",
    headers: new Headers({ "content-type": "application/x-www-form-urlencoded", ...headers }),
    rawBody: new TextEncoder().encode(body),
  });
  const parse = (body: string, headers?: Record<string, string>) =>
    twilioWhatsAppAdapter.parse(channel(), raw(body, headers));

  it("covers every fixture", () => {
    expect(readdirSync(fixturesDir).sort()).toEqual([
      "error_20429_as_used_in_tests.json",
      "error_21211_captured.json",
      "messages_create_response_whatsapp_captured.json",
      "signature_test_vectors_twilio-node.json",
      "voice_inbound_call_body_captured.txt",
      "whatsapp_inbound_body_captured.txt",
      "whatsapp_inbound_body_captured_2.txt",
      "whatsapp_status_callback_body_captured.txt",
    ]);
  });

  it("an inbound text: sender, thread, WaId, profile name with '+' for spaces", () => {
    const parsed = parse(fixture("whatsapp_inbound_body_captured.txt"));
    expect(parsed.eventId).toBe("SM45e9b726c0314a5524c3f3cb4ZZZZZ:received");
    const m = onlyMessage(parsed);
    expect(m).toMatchObject({
      providerMessageId: "SM45e9b726c0314a5524c3f3cb4ZZZZZ",
      threadId: "+919900000000",
      sender: { externalId: "91990000000", name: "Ranjit Sankar", phone: "+919900000000" },
      type: "text",
      text: "hey",
      media: [],
      fromBusiness: false,
    });
    expect(m.occurredAt).toBeInstanceOf(Date);
  });

  it("UTF-8 text", () => {
    const m = onlyMessage(parse(fixture("whatsapp_inbound_body_captured_2.txt")));
    expect(m).toMatchObject({
      providerMessageId: "SM01cd3925943ee3504f8a5c42d88efdf6",
      threadId: "+558282136275",
      sender: { externalId: "558282136275", name: "Jhonata", phone: "+558282136275" },
      text: "Olá",
    });
  });

  it("a status callback", () => {
    const parsed = parse(fixture("whatsapp_status_callback_body_captured.txt"));
    expect(parsed).toMatchObject({
      eventId: "SMc4c96554c26604013c6b7f1b4b6DDDDD:sent",
      events: [{ kind: "status", providerMessageId: "SMc4c96554c26604013c6b7f1b4b6DDDDD", status: "sent" }],
    });
    expect(parsed.events[0]).not.toHaveProperty("error", expect.anything());
  });

  it("a voice call posted to the messaging URL is not a message: 400 naming MessageSid", () => {
    expect(() => parse(fixture("voice_inbound_call_body_captured.txt"))).toThrow(WebhookPayloadError);
    expect(() => parse(fixture("voice_inbound_call_body_captured.txt"))).toThrow(/MessageSid is missing/);
  });

  it("I-Twilio-Idempotency-Token is the event id when Twilio sends it", () => {
    const parsed = parse(fixture("whatsapp_inbound_body_captured_2.txt"), {
      "i-twilio-idempotency-token": "b3b7a0c4-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
    });
    expect(parsed.eventId).toBe("b3b7a0c4-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
  });
});

describe("parse: media, location, replies, statuses, malformed bodies", () => {
  const from = "+4915112345678";
  const parseParams = async (params: Record<string, string>, opts?: Partial<Parameters<typeof twilioWebhook>[0]>) =>
    twilioWhatsAppAdapter.parse(channel(), await delivery(params, opts));
  const inbound = (o: Partial<Parameters<typeof inboundParams>[0]> = {}) =>
    inboundParams({ accountSid: ACCOUNT_SID, from, to: BUSINESS, ...o });
  const mediaUrl = (n: number) => `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM1/Media/ME${n}`;

  it.each([
    ["image/jpeg", "image"],
    ["audio/ogg", "voice"],
    ["audio/ogg; codecs=opus", "voice"],
    ["audio/mpeg", "audio"],
    ["video/mp4", "video"],
    ["application/pdf", "document"],
    ["text/vcard", "contact"],
  ])("%s → %s, with the media URL as the handle", async (contentType, type) => {
    const m = onlyMessage(await parseParams(inbound({ body: "", media: [{ url: mediaUrl(0), contentType }] })));
    expect(m.type).toBe(type);
    expect(m.text).toBeUndefined();
    expect(m.media).toEqual([{ providerMediaId: mediaUrl(0), url: mediaUrl(0), mimeType: contentType }]);
  });

  it("several media with a caption", async () => {
    const media = [
      { url: mediaUrl(0), contentType: "image/png" },
      { url: mediaUrl(1), contentType: "image/jpeg" },
    ];
    const m = onlyMessage(await parseParams(inbound({ body: "two photos", media })));
    expect(m).toMatchObject({ type: "image", text: "two photos" });
    expect(m.media.map((x) => x.mimeType)).toEqual(["image/png", "image/jpeg"]);
  });

  it("a shared location", async () => {
    const params = inbound({
      body: "",
      extra: {
        MessageType: "location",
        Latitude: "52.520008",
        Longitude: "13.404954",
        Label: "Office",
        Address: "Berlin",
      },
    });
    const m = onlyMessage(await parseParams(params));
    expect(m).toMatchObject({ type: "location", text: "Office\nBerlin\n52.520008, 13.404954", media: [] });
  });

  it("a reply names the message it answers; a button reply is text", async () => {
    const reply = onlyMessage(
      await parseParams(inbound({ body: "yes", extra: { OriginalRepliedMessageSid: "SMabc" } })),
    );
    expect(reply.replyToProviderMessageId).toBe("SMabc");
    const button = onlyMessage(
      await parseParams(
        inbound({ body: "", extra: { MessageType: "button", ButtonText: "Confirm", ButtonPayload: "ok" } }),
      ),
    );
    expect(button).toMatchObject({ type: "text", text: "Confirm" });
  });

  it("a message type Twilio forwards without body or media is unsupported, not dropped", async () => {
    const m = onlyMessage(await parseParams(inbound({ body: "", extra: { MessageType: "reaction" } })));
    expect(m.type).toBe("unsupported");
  });

  const status = (s: string, extra: { errorCode?: string; errorMessage?: string } = {}) =>
    statusParams({
      accountSid: ACCOUNT_SID,
      messageSid: "SM" + "a".repeat(32),
      status: s,
      to: from,
      from: BUSINESS,
      ...extra,
    });

  it.each([
    ["sent", "sent"],
    ["delivered", "delivered"],
    ["read", "read"],
  ])("status %s → %s", async (twilioStatus, outbox) => {
    const parsed = await parseParams(status(twilioStatus));
    expect(parsed.eventId).toBe(`SM${"a".repeat(32)}:${twilioStatus}`);
    expect(parsed.events).toEqual([
      {
        kind: "status",
        providerMessageId: "SM" + "a".repeat(32),
        status: outbox,
        error: undefined,
        occurredAt: expect.any(Date),
      },
    ]);
  });

  it("failed and undelivered carry the reason, described when Twilio sent only the code", async () => {
    const failed = await parseParams(status("failed", { errorCode: "63016" }));
    expect(failed.events[0]).toMatchObject({
      status: "failed",
      error: { code: "63016", message: expect.stringMatching(/24-hour window/) },
    });
    const undelivered = await parseParams(status("undelivered", { errorCode: "30008", errorMessage: "Unknown error" }));
    expect(undelivered.events[0]).toMatchObject({
      status: "failed",
      error: { code: "30008", message: "Unknown error" },
    });
  });

  it("queued, accepted, sending and statuses Twilio may add change nothing but are still events to store", async () => {
    for (const s of ["queued", "accepted", "sending", "scheduled", "some_future_status"]) {
      const parsed = await parseParams(status(s));
      expect(parsed.events, s).toEqual([]);
      expect(parsed.eventId).toBe(`SM${"a".repeat(32)}:${s}`);
    }
  });

  it.each([
    ["no MessageSid", (p: Record<string, string>) => ({ ...p, MessageSid: undefined }), /MessageSid is missing/],
    [
      "From not a phone",
      (p: Record<string, string>) => ({ ...p, From: "whatsapp:hello" }),
      /From must be whatsapp:\+E164/,
    ],
    ["NumMedia not a number", (p: Record<string, string>) => ({ ...p, NumMedia: "two" }), /NumMedia/],
    ["NumMedia without MediaUrl0", (p: Record<string, string>) => ({ ...p, NumMedia: "1" }), /MediaUrl0 is missing/],
  ])("malformed: %s → WebhookPayloadError", async (_name, change, message) => {
    const params = Object.fromEntries(
      Object.entries(change(inbound({ body: "x" }))).filter(([, v]) => v !== undefined),
    ) as Record<string, string>;
    await expect(parseParams(params)).rejects.toThrow(WebhookPayloadError);
    await expect(parseParams(params)).rejects.toThrow(message);
  });

  it("a status callback without MessageSid is malformed too", async () => {
    const { MessageSid: _omit, ...rest } = status("delivered");
    await expect(parseParams(rest)).rejects.toThrow(/MessageSid is missing/);
  });

  it("acknowledges with empty TwiML", async () => {
    const res = twilioWhatsAppAdapter.acknowledge!();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/xml/);
    expect(await res.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
  });
});

describe("the fake answers as the captured Twilio bodies do", () => {
  const post = (form: Record<string, string>, auth = `${ACCOUNT_SID}:${AUTH_TOKEN}`) =>
    fetch(`${fake.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, {
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
    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0];
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
    expect(fake.messages[0].sid).toBe(providerMessageId);
  });

  it("media with a caption; several media as repeated MediaUrl", async () => {
    const one = await send({
      ...base,
      type: "image",
      text: "our price list",
      media: [{ url: "https://cdn.example.com/a.jpg" }],
    });
    expect(one.providerMessageId).toMatch(/^MM/);
    expect(fake.messages[0].form).toMatchObject({ Body: "our price list", MediaUrl: "https://cdn.example.com/a.jpg" });
    await send({
      ...base,
      type: "document",
      media: [{ url: "https://cdn.example.com/a.pdf" }, { url: "https://cdn.example.com/b.pdf" }],
    });
    expect(fake.messages[1].form.MediaUrl).toEqual(["https://cdn.example.com/a.pdf", "https://cdn.example.com/b.pdf"]);
    expect(fake.messages[1].form).not.toHaveProperty("Body");
  });

  it("through a Messaging Service instead of a From number", async () => {
    const messagingServiceSid = "MG" + "ab".repeat(16);
    await send(
      { ...base, type: "text", text: "hi" },
      channel({ config: { accountSid: ACCOUNT_SID, messagingServiceSid } }),
    );
    expect(fake.messages[0].form).toEqual({
      To: `whatsapp:${to}`,
      MessagingServiceSid: messagingServiceSid,
      Body: "hi",
    });
  });

  it("an approved template: ContentSid and ContentVariables as a JSON string, no Body", async () => {
    const sid = fake.addContent({
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
    expect(fake.messages[0].form).toEqual({
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
    expect(fake.requests).toHaveLength(0);
  });

  it("429 is retryable with Retry-After in ms; the retry then goes through", async () => {
    fake.failNext({ status: 429, retryAfter: "7" });
    const error = await send({ ...base, type: "text", text: "hi" }).catch((e) => e);
    expect(error).toBeInstanceOf(RetryableSendError);
    expect(error).toMatchObject({ retryAfterMs: 7000, code: "20429", message: "Too Many Requests" });
    const retried = await send({ ...base, type: "text", text: "hi" });
    expect(retried.providerMessageId).toMatch(/^SM/);
    expect(fake.requests).toHaveLength(2);
    expect(fake.messages).toHaveLength(1);
  });

  it("429 without Retry-After leaves the delay to the outbox's backoff", async () => {
    const envelope = JSON.parse(fixture("error_20429_as_used_in_tests.json"));
    fake.failNext({ status: 429, code: envelope.code, message: envelope.message });
    const error = await send({ ...base, type: "text", text: "hi" }).catch((e) => e);
    expect(error).toBeInstanceOf(RetryableSendError);
    expect(error.retryAfterMs).toBeUndefined();
  });

  it("each concurrent send reads its own answer's Retry-After", async () => {
    fake.failNext({ status: 429, retryAfter: "3" });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => send({ ...base, type: "text", text: `m${i}` })),
    );
    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ retryAfterMs: 3000 });
    expect(fake.messages).toHaveLength(5);
  });

  it("21211 and 63016 are permanent, with Twilio's code and message", async () => {
    const captured = JSON.parse(fixture("error_21211_captured.json"));
    fake.failNext({ status: captured.status, code: captured.code, message: captured.message });
    const invalid = await send({ ...base, type: "text", text: "hi" }).catch((e) => e);
    expect(invalid).toBeInstanceOf(PermanentSendError);
    expect(invalid).toMatchObject({ code: "21211", message: captured.message });

    fake.failNext({
      status: 400,
      code: 63016,
      message: "Failed to send freeform message because you are outside the allowed window.",
    });
    const window = await send({ ...base, type: "text", text: "hi" }).catch((e) => e);
    expect(window).toBeInstanceOf(PermanentSendError);
    expect(window.code).toBe("63016");
  });

  it("5xx, even with an HTML body, is retryable", async () => {
    fake.failNext({ status: 503, rawBody: "<html>Service Unavailable</html>", retryAfter: "2" });
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
      process.env.TWILIO_API_BASE_URL = fake.url;
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
    expect(fake.requests[0]).toMatchObject({ method: "GET", path: `/2010-04-01/Accounts/${ACCOUNT_SID}.json` });
    expect(fake.requests[0].basicAuth).toBe(`${ACCOUNT_SID}:${AUTH_TOKEN}`);
  });

  it("not ok for a wrong token, a suspended account, an unreachable Twilio", async () => {
    const wrong = await twilioWhatsAppAdapter.test(channel({ secrets: { authToken: "nope" } }));
    expect(wrong.ok).toBe(false);
    expect(wrong.detail).toMatch(/rejected the Account SID or auth token \(Twilio 20003\)/);

    fake.setAccountStatus("suspended");
    expect(await twilioWhatsAppAdapter.test(channel())).toEqual({
      ok: false,
      detail: 'Twilio account "Relay test account" is suspended',
    });

    fake.failNext({ status: 500, route: "account" });
    const down = await twilioWhatsAppAdapter.test(channel());
    expect(down.ok).toBe(false);
  });
});

describe("templates: the Content API", () => {
  it("syncTemplates lists every template with its WhatsApp approval, across pages", async () => {
    const approved = fake.addContent({
      name: "order_ready",
      language: "en",
      body: "Hi {{1}}, order {{2}} is ready",
      variables: { "1": "Maria", "2": "#42" },
      approval: { name: "order_ready", category: "UTILITY", status: "approved" },
    });
    const rejected = fake.addContent({
      name: "promo",
      language: "ru",
      body: "Скидка {{percent}}%",
      approval: { name: "promo", category: "MARKETING", status: "rejected", rejection_reason: "Promotional content" },
    });
    const inReview = fake.addContent({
      name: "otp_code",
      language: "en",
      body: "{{1}} is your code",
      approval: { name: "otp_code", category: "OTP", status: "received" },
    });
    const unsubmitted = fake.addContent({ name: "draft", language: "en", body: "plain" });
    for (let i = 0; i < 120; i++) fake.addContent({ name: `bulk_${i}`, language: "en", body: `bulk ${i}` });

    const templates = await twilioWhatsAppAdapter.syncTemplates!(channel());
    expect(templates).toHaveLength(124);
    expect(fake.requests.filter((r) => r.path === "/v1/ContentAndApprovals")).toHaveLength(2);
    const byId = new Map(templates.map((t) => [t.providerTemplateId, t]));
    expect(byId.get(approved)).toEqual({
      providerTemplateId: approved,
      name: "order_ready",
      language: "en",
      body: "Hi {{1}}, order {{2}} is ready",
      variables: ["1", "2"],
      status: "approved",
      providerStatus: "approved",
      category: "utility",
      rejectionReason: undefined,
    });
    expect(byId.get(rejected)).toMatchObject({
      status: "rejected",
      category: "marketing",
      variables: ["percent"],
      rejectionReason: "Promotional content",
    });
    expect(byId.get(inReview)).toMatchObject({
      status: "pending",
      providerStatus: "received",
      category: "authentication",
    });
    expect(byId.get(unsubmitted)).toMatchObject({
      status: "pending",
      providerStatus: "unsubmitted",
      category: undefined,
    });
  });

  it("createTemplate posts the Content API's snake_case JSON, submits it, and a later sync sees the approval", async () => {
    const created = await twilioWhatsAppAdapter.createTemplate!(channel(), {
      name: "visit_reminder",
      language: "en",
      category: "utility",
      body: "Hi {{1}}, see you on {{2}}",
      examples: { "1": "Maria", "2": "Sa 12.09." },
    });
    expect(created).toMatchObject({
      name: "visit_reminder",
      status: "pending",
      providerStatus: "received",
      category: "utility",
      variables: ["1", "2"],
      body: "Hi {{1}}, see you on {{2}}",
    });
    const [content, approval] = fake.requests;
    expect(content).toMatchObject({ method: "POST", path: "/v1/Content" });
    expect(content.headers["content-type"]).toBe("application/json");
    expect(content.json).toEqual({
      friendly_name: "visit_reminder",
      language: "en",
      variables: { "1": "Maria", "2": "Sa 12.09." },
      types: { "twilio/text": { body: "Hi {{1}}, see you on {{2}}" } },
    });
    expect(approval).toMatchObject({
      method: "POST",
      path: `/v1/Content/${created.providerTemplateId}/ApprovalRequests/whatsapp`,
      json: { name: "visit_reminder", category: "UTILITY" },
    });

    fake.setApproval(created.providerTemplateId, { name: "visit_reminder", category: "UTILITY", status: "approved" });
    const [synced] = await twilioWhatsAppAdapter.syncTemplates!(channel());
    expect(synced).toMatchObject({ providerTemplateId: created.providerTemplateId, status: "approved" });
  });

  it("createTemplate refuses a draft WhatsApp would reject, before calling Twilio", async () => {
    const draft = {
      name: "Visit Reminder",
      language: "en",
      category: "utility" as const,
      body: "Hi {{1}}",
      examples: {},
    };
    await expect(twilioWhatsAppAdapter.createTemplate!(channel(), draft)).rejects.toThrow(/name must be lowercase/);
    await expect(
      twilioWhatsAppAdapter.createTemplate!(channel(), { ...draft, name: "visit_reminder" }),
    ).rejects.toThrow(/needs a sample for \{\{1\}\}/);
    expect(fake.requests).toHaveLength(0);
  });

  it("a 429 from the Content API is retryable like a send", async () => {
    fake.failNext({ status: 429, retryAfter: "5", route: "content" });
    const error = await twilioWhatsAppAdapter.syncTemplates!(channel()).catch((e) => e);
    expect(error).toBeInstanceOf(RetryableSendError);
    expect(error.retryAfterMs).toBe(5000);
  });
});

describe("fetchTwilioMedia: an inbound MediaUrl", () => {
  const oggBytes = new TextEncoder().encode("OggS\0fake opus voice note");

  it("downloads with Basic auth, then follows the CDN redirect without it", async () => {
    const url = fake.addMedia(oggBytes, "audio/ogg");
    const media = await fetchTwilioMedia(channel(), url);
    expect(media.mimeType).toBe("audio/ogg");
    expect(media.size).toBe(oggBytes.length);
    expect(new Uint8Array(await new Response(media.body).arrayBuffer())).toEqual(oggBytes);
    const [api, cdn] = fake.requests;
    expect(api.basicAuth).toBe(`${ACCOUNT_SID}:${AUTH_TOKEN}`);
    expect(cdn.path).toMatch(/^\/cdn\/ME/);
    expect(cdn.headers.authorization).toBeUndefined();
  });

  it("sends the credentials nowhere else", async () => {
    const url = new URL(fake.addMedia(oggBytes, "audio/ogg"));
    const elsewhere = [
      `https://evil.example.com${url.pathname}`,
      `${fake.url}${url.pathname.replace(ACCOUNT_SID, "AC" + "9".repeat(32))}`,
      `${fake.url}/2010-04-01/Accounts/${ACCOUNT_SID}.json`,
    ];
    for (const u of elsewhere) {
      await expect(fetchTwilioMedia(channel(), u), u).rejects.toMatchObject({ name: "TwilioMediaError", status: 400 });
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("a media Twilio no longer has is a 404", async () => {
    const url = fake.addMedia(oggBytes, "audio/ogg").replace(/ME[0-9a-f]+$/, "ME" + "0".repeat(32));
    await expect(fetchTwilioMedia(channel(), url)).rejects.toMatchObject({ status: 404 });
  });
});
