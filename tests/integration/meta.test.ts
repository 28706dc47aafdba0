import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { instagramAdapter, metaSecretsSchema, whatsappCloudAdapter } from "@/lib/channels/meta";
import type { ChannelAdapter } from "@/lib/channels/types";
import {
  metaHandshakeUrl,
  metaJson,
  metaSignature,
  signedMetaWebhook,
  toWebhookRequest,
  whatsappMessageEvent,
  whatsappStatusEvent,
} from "@/tests/fakes/meta";
import {
  APP_SECRET,
  authError,
  fixture,
  HOOK_URL,
  ig,
  IG_USER_ID,
  parsed,
  payloadError,
  PHONE_NUMBER_ID,
  secrets,
  signed,
  wa,
} from "../helpers/meta-webhooks";

// Webhook side of the Meta channels, adapter level: the hub.challenge handshake, X-Hub-Signature-256 over the
// raw bytes, and WhatsApp Cloud deliveries (the captured ones in ../shared/wire/fixtures/meta). Instagram:
// meta-instagram.test.ts.

describe("Meta adapters are channel adapters", () => {
  it("registers under their channel types with Meta's shared secrets", () => {
    const generic: ChannelAdapter[] = [whatsappCloudAdapter, instagramAdapter];
    expect(generic.map((a) => a.type)).toEqual(["whatsapp_cloud", "instagram"]);
    expect(whatsappCloudAdapter.configSchema.safeParse({ phoneNumberId: "12/../34" }).success).toBe(false);
    expect(instagramAdapter.configSchema.safeParse({ igUserId: IG_USER_ID, pageId: "1" }).success).toBe(true);
  });

  it("generates a verify token when the admin gives none, and requires the app secret", () => {
    const a = metaSecretsSchema.parse({ appSecret: "s", accessToken: "t" });
    const b = metaSecretsSchema.parse({ appSecret: "s", accessToken: "t" });
    expect(a.verifyToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(a.verifyToken).not.toBe(b.verifyToken);
    expect(metaSecretsSchema.parse({ appSecret: "s", accessToken: "t", verifyToken: "mine-1234" }).verifyToken).toBe(
      "mine-1234",
    );
    expect(metaSecretsSchema.safeParse({ accessToken: "t" }).success).toBe(false);
  });
});

describe("hub.challenge handshake", () => {
  it("echoes the challenge as plain text when mode and verify token match", async () => {
    for (const [adapter, channel] of [
      [whatsappCloudAdapter, wa],
      [instagramAdapter, ig],
    ] as const) {
      const res = adapter.handshake!(
        channel as never,
        metaHandshakeUrl(HOOK_URL, "verify-me-0123", { challenge: "1158201444" }),
      )!;
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await res.text()).toBe("1158201444");
    }
  });

  it("answers 403 to a wrong token, another mode, no token, or a channel without one", () => {
    const h = (url: URL, channel = wa) => whatsappCloudAdapter.handshake!(channel, url)!.status;
    expect(h(metaHandshakeUrl(HOOK_URL, "verify-me-0124"))).toBe(403);
    expect(h(metaHandshakeUrl(HOOK_URL, "verify-me-0123x"))).toBe(403);
    expect(h(metaHandshakeUrl(HOOK_URL, "verify-me-0123", { mode: "unsubscribe" }))).toBe(403);
    expect(h(new URL(`${HOOK_URL}?hub.mode=subscribe&hub.challenge=1`))).toBe(403);
    const noToken = { ...wa, secrets: { ...secrets, verifyToken: "" } };
    expect(h(new URL(`${HOOK_URL}?hub.mode=subscribe&hub.challenge=1&hub.verify_token=`), noToken)).toBe(403);
  });
});

describe("X-Hub-Signature-256", () => {
  it("accepts captured bodies signed over their exact bytes", async () => {
    for (const name of ["whatsapp_inbound_text_captured.json", "instagram_dm_text_captured.raw.json"]) {
      const req = await signed(fixture(name));
      expect(() => whatsappCloudAdapter.verify(wa, req)).not.toThrow();
      expect(() => instagramAdapter.verify(ig, req)).not.toThrow();
    }
  });

  it("hashes the raw bytes with Meta's escaping, not re-serialised JSON", async () => {
    const event = whatsappMessageEvent({
      phoneNumberId: PHONE_NUMBER_ID,
      from: "79161234567",
      text: "Привет / äöå @ 50% <b>",
    });
    const raw = metaJson(event);
    expect(raw).toContain(
      "\\u041f\\u0440\\u0438\\u0432\\u0435\\u0442 \\/ \\u00e4\\u00f6\\u00e5 \\u0040 50\\u0025 \\u003cb>",
    );
    const ok = await toWebhookRequest(signedMetaWebhook(HOOK_URL, APP_SECRET, raw));
    whatsappCloudAdapter.verify(wa, ok);
    expect(parsed(whatsappCloudAdapter, wa, ok).events[0]).toMatchObject({ text: "Привет / äöå @ 50% <b>" });

    // A signature a careless sender computes over JSON.stringify of the same object does not match these bytes.
    const reserialised = await toWebhookRequest(
      signedMetaWebhook(HOOK_URL, APP_SECRET, raw, {
        headers: { "x-hub-signature-256": metaSignature(APP_SECRET, JSON.stringify(event)) },
      }),
    );
    expect(authError(() => whatsappCloudAdapter.verify(wa, reserialised)).status).toBe(403);
  });

  it("rejects a tampered body, a wrong secret, a malformed or missing header, and an empty app secret", async () => {
    const raw = fixture("whatsapp_inbound_text_captured.json");
    const good = await signed(raw);

    const tampered = { ...good, rawBody: new TextEncoder().encode(raw.replace("Hello", "Hellp")) };
    expect(authError(() => whatsappCloudAdapter.verify(wa, tampered)).status).toBe(403);

    expect(() => whatsappCloudAdapter.verify(wa, good)).not.toThrow();
    const wrongSecret = await signed(raw, "another-app-secret");
    expect(authError(() => whatsappCloudAdapter.verify(wa, wrongSecret)).status).toBe(403);

    const headers = new Headers(good.headers);
    headers.set("x-hub-signature-256", headers.get("x-hub-signature-256")!.replace("sha256=", "sha1="));
    expect(authError(() => whatsappCloudAdapter.verify(wa, { ...good, headers })).status).toBe(403);

    // Only the legacy SHA-1 header is not enough.
    const legacyOnly = await toWebhookRequest(
      signedMetaWebhook(HOOK_URL, APP_SECRET, raw, {
        omitSignature: true,
        headers: { "x-hub-signature": metaSignature(APP_SECRET, raw, "sha1") },
      }),
    );
    expect(authError(() => instagramAdapter.verify(ig, legacyOnly)).status).toBe(401);

    const noSecret = { ...wa, secrets: { ...secrets, appSecret: "" } };
    const signedWithEmpty = await signed(raw, "");
    expect(authError(() => whatsappCloudAdapter.verify(noSecret, signedWithEmpty)).status).toBe(403);
  });
});

describe("WhatsApp Cloud webhooks", () => {
  it("parses the captured inbound text into a message from +wa_id with the profile name", async () => {
    const req = await signed(fixture("whatsapp_inbound_text_captured.json"));
    const result = parsed(whatsappCloudAdapter, wa, req);
    expect(result.eventId).toBe(`sha256:${createHash("sha256").update(req.rawBody).digest("hex")}`);
    expect(result.events).toEqual([
      {
        kind: "message",
        providerMessageId: "wamid.HBgMMjU0NzUxNTc4Njg3FQIAEhggMzk4NTk4QjNCQzMxM0Y0NEQ2RjdDMDNDMzE5RDg2OUQA",
        threadId: "254751578687",
        sender: { externalId: "254751578687", name: "Sila", phone: "+254751578687" },
        occurredAt: new Date(1720179745 * 1000),
        type: "text",
        text: "Hello",
        media: [],
        replyToProviderMessageId: undefined,
        fromBusiness: false,
      },
    ]);
  });

  it("parses the captured sent and read statuses", async () => {
    for (const [name, status, ts] of [
      ["whatsapp_status_sent_captured.json", "sent", 1720179748],
      ["whatsapp_status_read_captured.json", "read", 1720179749],
    ] as const) {
      const { events } = parsed(whatsappCloudAdapter, wa, await signed(fixture(name)));
      expect(events).toEqual([
        {
          kind: "status",
          providerMessageId: "wamid.HBgMMjU0NzUxNTc4Njg3FQIAERgSNURGQjM3QTg1NEUxQUVFMEU0AA==",
          status,
          occurredAt: new Date(ts * 1000),
        },
      ]);
    }
  });

  it("carries a failed status's error code and reason, and reads 'played' as read", async () => {
    const failed = whatsappStatusEvent({
      phoneNumberId: PHONE_NUMBER_ID,
      id: "wamid.out1",
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
    expect(parsed(whatsappCloudAdapter, wa, await signed(failed)).events[0]).toMatchObject({
      kind: "status",
      status: "failed",
      error: {
        code: "131047",
        message: "Re-engagement message: Message failed to send because more than 24 hours have passed.",
      },
    });
    const played = whatsappStatusEvent({ phoneNumberId: PHONE_NUMBER_ID, id: "wamid.out2", status: "played" });
    expect(parsed(whatsappCloudAdapter, wa, await signed(played)).events[0]).toMatchObject({ status: "read" });
  });

  it("maps every message type: voice, media with captions, location, contacts, replies and buttons", async () => {
    const cases: Array<[Record<string, unknown>, Record<string, unknown>]> = [
      [
        {
          type: "audio",
          audio: { mime_type: "audio/ogg; codecs=opus", sha256: "abc", id: "1003383421387256", voice: true },
        },
        { type: "voice", media: [{ providerMediaId: "1003383421387256", mimeType: "audio/ogg; codecs=opus" }] },
      ],
      [
        { type: "audio", audio: { mime_type: "audio/mpeg", id: "1003383421387257" } },
        { type: "audio", media: [{ providerMediaId: "1003383421387257", mimeType: "audio/mpeg" }] },
      ],
      [
        { type: "image", image: { caption: "the kitchen", mime_type: "image/jpeg", sha256: "x", id: "201" } },
        { type: "image", text: "the kitchen", media: [{ providerMediaId: "201", mimeType: "image/jpeg" }] },
      ],
      [
        { type: "document", document: { filename: "quote.pdf", mime_type: "application/pdf", id: "202" } },
        { type: "document", media: [{ providerMediaId: "202", mimeType: "application/pdf", fileName: "quote.pdf" }] },
      ],
      [{ type: "video", video: { mime_type: "video/mp4", id: "203" } }, { type: "video" }],
      [{ type: "sticker", sticker: { mime_type: "image/webp", id: "204", animated: false } }, { type: "sticker" }],
      [
        {
          type: "location",
          location: { latitude: 55.7558, longitude: 37.6173, name: "Office", address: "Tverskaya 1" },
        },
        { type: "location", text: "Office\nTverskaya 1\n55.7558, 37.6173" },
      ],
      [
        {
          type: "contacts",
          contacts: [
            { name: { formatted_name: "Ivan Petrov" }, phones: [{ phone: "+7 916 123-45-67", wa_id: "79161234567" }] },
          ],
        },
        { type: "contact", text: "Ivan Petrov +7 916 123-45-67" },
      ],
      [
        {
          type: "interactive",
          interactive: { type: "button_reply", button_reply: { id: "yes", title: "Yes, call me" } },
        },
        { type: "text", text: "Yes, call me" },
      ],
      [
        { type: "interactive", interactive: { type: "list_reply", list_reply: { id: "b", title: "Bathroom" } } },
        { type: "text", text: "Bathroom" },
      ],
      [
        { type: "button", button: { text: "Stop promotions", payload: "STOP" } },
        { type: "text", text: "Stop promotions" },
      ],
      [
        { type: "text", text: { body: "and this?" }, context: { from: "15556221967", id: "wamid.prev" } },
        { type: "text", text: "and this?", replyToProviderMessageId: "wamid.prev" },
      ],
      [
        {
          type: "unsupported",
          errors: [
            {
              code: 131051,
              title: "Message type unknown",
              error_data: { details: "Message type is not currently supported" },
            },
          ],
        },
        { type: "unsupported", text: "Message type is not currently supported" },
      ],
    ];
    for (const [message, expected] of cases) {
      const body = whatsappMessageEvent({ phoneNumberId: PHONE_NUMBER_ID, from: "79161234567", name: "Ivan", message });
      const { events } = parsed(whatsappCloudAdapter, wa, await signed(body));
      expect(events, JSON.stringify(message)).toHaveLength(1);
      expect(events[0], JSON.stringify(message)).toMatchObject({
        kind: "message",
        threadId: "79161234567",
        sender: { externalId: "79161234567", phone: "+79161234567", name: "Ivan" },
        ...expected,
      });
    }
    const reaction = whatsappMessageEvent({
      phoneNumberId: PHONE_NUMBER_ID,
      from: "79161234567",
      message: { type: "reaction", reaction: { message_id: "wamid.x", emoji: "👍" } },
    });
    expect(parsed(whatsappCloudAdapter, wa, await signed(reaction)).events).toEqual([]);
  });

  it("keeps every message of a multi-message delivery, and ignores another phone number's events", async () => {
    const a = whatsappMessageEvent({ phoneNumberId: PHONE_NUMBER_ID, from: "79161234567", text: "one" });
    const b = whatsappMessageEvent({ phoneNumberId: "999999999999999", from: "79161234567", text: "not ours" });
    const c = whatsappStatusEvent({ phoneNumberId: PHONE_NUMBER_ID, id: "wamid.out", status: "delivered" });
    const value = a.entry[0].changes[0].value as unknown as { messages: unknown[] };
    value.messages.push({ ...(value.messages[0] as object), id: "wamid.second", text: { body: "two" } });
    const delivery = { object: "whatsapp_business_account", entry: [...a.entry, ...b.entry, ...c.entry] };
    const { events } = parsed(whatsappCloudAdapter, wa, await signed(delivery));
    expect(events.map((e) => (e.kind === "message" ? e.text : e.kind))).toEqual(["one", "two", "status"]);

    const foreign = whatsappStatusEvent({ phoneNumberId: "999999999999999", id: "wamid.theirs", status: "read" });
    expect(parsed(whatsappCloudAdapter, wa, await signed(foreign)).events).toEqual([]);
  });

  it("ignores other subscribed fields such as template reviews", async () => {
    const review = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "358127370715582",
          time: 1720179745,
          changes: [
            {
              value: {
                event: "APPROVED",
                message_template_id: 1,
                message_template_name: "x",
                message_template_language: "en_US",
              },
              field: "message_template_status_update",
            },
          ],
        },
      ],
    };
    expect(parsed(whatsappCloudAdapter, wa, await signed(review)).events).toEqual([]);
  });

  it("gives the same event id to a redelivery and another to a different body", async () => {
    const body = fixture("whatsapp_inbound_text_captured.json");
    const first = whatsappCloudAdapter.parse(wa, await signed(body));
    const again = whatsappCloudAdapter.parse(wa, await signed(body));
    const other = whatsappCloudAdapter.parse(wa, await signed(fixture("whatsapp_status_sent_captured.json")));
    expect(again.eventId).toBe(first.eventId);
    expect(other.eventId).not.toBe(first.eventId);
  });

  it("rejects malformed bodies with WebhookPayloadError naming the problem", async () => {
    const base = await signed("{}");
    const p = async (raw: string) =>
      payloadError(() => whatsappCloudAdapter.parse(wa, { ...base, rawBody: new TextEncoder().encode(raw) }));
    expect(await p("not json")).toMatch(/not valid UTF-8 JSON/);
    expect(await p(fixture("instagram_dm_text_captured.raw.json"))).toMatch(/^object:/);
    const noId = JSON.parse(fixture("whatsapp_inbound_text_captured.json"));
    delete noId.entry[0].changes[0].value.messages[0].id;
    expect(await p(JSON.stringify(noId))).toMatch(/entry\.0\.changes\.0\.value\.messages\.0\.id/);
    const badTs = JSON.parse(fixture("whatsapp_status_sent_captured.json"));
    badTs.entry[0].changes[0].value.statuses[0].timestamp = "yesterday";
    expect(await p(JSON.stringify(badTs))).toMatch(/statuses\.0\.timestamp/);
    expect(await p(JSON.stringify({ object: "whatsapp_business_account" }))).toMatch(/^entry:/);
  });
});
