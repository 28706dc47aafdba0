import { readdirSync } from "node:fs";
import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { twilioWhatsAppAdapter } from "@/lib/channels/twilio";
import {
  WebhookAuthError,
  WebhookPayloadError,
  type ChannelAdapter,
  type InboundMessage,
  type ParsedWebhook,
} from "@/lib/channels/types";
import { inboundParams, statusParams, toWebhookRequest, twilioSignature, twilioWebhook } from "../fakes/twilio";
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  BUSINESS,
  channel,
  delivery,
  fixture,
  fixturesDir,
  PUBLIC_URL,
} from "../helpers/twilio";

// The Twilio WhatsApp adapter: its signature check and what it reads from Twilio's webhooks (the captured
// bodies in wire/fixtures/twilio and the rest of wire/twilio.md). Sending: twilio-send.test.ts; Content
// templates: twilio-content.test.ts.

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
