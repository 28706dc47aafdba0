import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  evolutionAdapter,
  fetchEvolutionMedia,
  type EvolutionConfig,
  type EvolutionSecrets,
} from "@/lib/channels/evolution";
import {
  PermanentSendError,
  RetryableSendError,
  WebhookAuthError,
  WebhookPayloadError,
  type ChannelRecord,
  type InboundMessage,
  type OutboundMessage,
} from "@/lib/channels/types";
import {
  evolutionFixture,
  evolutionWebhookFixtures,
  evolutionWebhookRequest,
  messagesUpsert,
  startEvolutionFake,
  type EvolutionFake,
} from "@/tests/fakes/evolution";

const API_KEY = "0CE98F9E-36BE-401A-99FA-EA4E300942C4";
const TOKEN = "whk_3f9a1c0d5e7b2a4c6e8f0a1b";
// The captured fixtures come from an instance named "tigo1".
const INSTANCE = "tigo1";

function channelFor(
  baseUrl: string,
  secrets: Partial<EvolutionSecrets> = {},
): ChannelRecord<EvolutionConfig, EvolutionSecrets> {
  return {
    id: randomUUID(),
    orgId: randomUUID(),
    type: "evolution",
    name: "WhatsApp (Evolution)",
    config: evolutionAdapter.configSchema.parse({ baseUrl, instanceName: INSTANCE }),
    secrets: { apiKey: API_KEY, webhookToken: TOKEN, ...secrets },
  };
}

const parse = async (body: unknown, channel = channelFor("http://127.0.0.1:1")) =>
  evolutionAdapter.parse(channel, await evolutionWebhookRequest(body, { mode: "none" }));
const onlyMessage = async (body: unknown) => {
  const { events } = await parse(body);
  expect(events).toHaveLength(1);
  return events[0] as InboundMessage;
};

describe("Evolution webhook verification", () => {
  const channel = channelFor("http://127.0.0.1:1");
  const body = evolutionFixture("webhook_messages_upsert_inbound_text_captured");
  const verify = async (auth: Parameters<typeof evolutionWebhookRequest>[1], ch = channel) =>
    evolutionAdapter.verify(ch, await evolutionWebhookRequest(body, auth));

  it("accepts Evolution's jwt_key Bearer token signed with the webhook token", async () => {
    await expect(verify({ mode: "jwt", key: TOKEN })).resolves.toBeUndefined();
  });

  it("rejects an expired JWT, one signed with another key, and one with other claims", async () => {
    const old = Math.floor(Date.now() / 1000) - 3600;
    await expect(verify({ mode: "jwt", key: TOKEN, iat: old })).rejects.toThrow(/expired/);
    await expect(verify({ mode: "jwt", key: "another-key-of-some-length" })).rejects.toBeInstanceOf(WebhookAuthError);
    await expect(verify({ mode: "jwt", key: TOKEN, claims: { app: "other" } })).rejects.toThrow(/app\/action/);
    const err = await verify({ mode: "jwt", key: "another-key-of-some-length" }).catch((e) => e);
    expect(err.status).toBe(401);
  });

  it("accepts the static x-relay-token header and rejects a wrong one", async () => {
    await expect(verify({ mode: "headers", headers: { "x-relay-token": TOKEN } })).resolves.toBeUndefined();
    await expect(verify({ mode: "headers", headers: { "x-relay-token": `${TOKEN}x` } })).rejects.toThrow(
      /does not match/,
    );
    // The token as a Bearer value is not a JWT: refused, not compared as a static secret.
    await expect(verify({ mode: "headers", headers: { authorization: `Bearer ${TOKEN}` } })).rejects.toThrow(/JWT/);
  });

  it("rejects a request with neither header, and refuses everything on a channel without a token", async () => {
    await expect(verify({ mode: "none" })).rejects.toThrow(/missing/);
    const bare = channelFor("http://127.0.0.1:1", { webhookToken: "" });
    await expect(verify({ mode: "headers", headers: { "x-relay-token": "" } }, bare)).rejects.toThrow(
      /no webhook token/,
    );
    await expect(verify({ mode: "jwt", key: TOKEN }, bare)).rejects.toBeInstanceOf(WebhookAuthError);
  });
});

describe("Evolution webhook parsing", () => {
  it("parses every captured webhook", async () => {
    const results = new Map<string, Awaited<ReturnType<typeof parse>>>();
    for (const { name, body } of evolutionWebhookFixtures()) results.set(name, await parse(body));
    expect(results.size).toBeGreaterThanOrEqual(4);

    const text = results.get("webhook_messages_upsert_inbound_text_captured.json")!;
    expect(text.eventId).toBe("messages.upsert:3EB03E3CA617ADA52AEA79");
    expect(text.events).toEqual([
      {
        kind: "message",
        providerMessageId: "3EB03E3CA617ADA52AEA79",
        threadId: "59171146267",
        sender: { externalId: "59171146267", phone: "+59171146267", name: "percy alvarez E1" },
        occurredAt: new Date(1746132673 * 1000),
        type: "text",
        text: "hola - text",
        media: [],
        fromBusiness: false,
      },
    ]);

    const image = results.get("webhook_messages_upsert_inbound_image_captured_truncated.json")!
      .events[0] as InboundMessage;
    expect(image).toMatchObject({ type: "image", text: "hola - text con multimedia (imagen)", fromBusiness: false });
    // The mmg.whatsapp.net URL is encrypted: not offered as a URL, the message id fetches it through Evolution.
    expect(image.media).toEqual([{ providerMediaId: "3EB083096BF5E4096E4137", mimeType: "image/jpeg", size: 52046 }]);

    const outgoing = results.get("webhook_messages_upsert_outgoing_text_captured.json")!.events[0] as InboundMessage;
    expect(outgoing).toMatchObject({
      fromBusiness: true,
      threadId: "59171146267",
      text: "menasje saliente solo texto",
    });
    // pushName of a fromMe message is the business's own name, never the client's.
    expect(outgoing.sender).toEqual({ externalId: "59171146267", phone: "+59171146267" });

    const connection = results.get("webhook_connection_update_captured.json")!;
    expect(connection.events).toEqual([]);
    expect(connection.eventId).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("gives a retried delivery the same eventId, and the same message from another webhook too", async () => {
    const body = evolutionFixture("webhook_messages_upsert_inbound_text_captured");
    const again = { ...body, destination: "https://global.example/hook" };
    expect((await parse(body)).eventId).toBe((await parse(again)).eventId);
    const other = evolutionFixture("webhook_connection_update_captured");
    expect((await parse(other)).eventId).toBe((await parse(structuredClone(other))).eventId);
  });

  it("rejects malformed bodies naming the problem", async () => {
    await expect(parse("{not json")).rejects.toThrow(WebhookPayloadError);
    await expect(parse({ instance: INSTANCE, data: {} })).rejects.toThrow(/^event: /);
    const noId = messagesUpsert(INSTANCE);
    delete (noId.data.key as { id?: string }).id;
    await expect(parse(noId)).rejects.toThrow(/data\.key\.id/);
    const badTime = messagesUpsert(INSTANCE);
    (badTime.data as { messageTimestamp: unknown }).messageTimestamp = "yesterday";
    await expect(parse(badTime)).rejects.toThrow(/data\.messageTimestamp/);
  });

  it("refuses a body from another instance", async () => {
    await expect(parse(messagesUpsert("someone-else"))).rejects.toThrow(/not this channel's instance "tigo1"/);
  });

  it("prefers the phone JID of a LID-addressed chat and ignores groups, broadcasts and reactions", async () => {
    const lid = await onlyMessage(
      messagesUpsert(INSTANCE, {
        remoteJid: "123456789012345@lid",
        remoteJidAlt: "79261112233@s.whatsapp.net",
        addressingMode: "lid",
        pushName: "Марина",
      }),
    );
    expect(lid).toMatchObject({
      threadId: "79261112233",
      sender: { externalId: "79261112233", phone: "+79261112233" },
    });

    const lidOnly = await onlyMessage(messagesUpsert(INSTANCE, { remoteJid: "123456789012345@lid" }));
    expect(lidOnly.threadId).toBe("123456789012345@lid");
    expect(lidOnly.sender.phone).toBeUndefined();

    for (const remoteJid of ["120363025246125888@g.us", "status@broadcast", "120363041234567890@newsletter"]) {
      expect((await parse(messagesUpsert(INSTANCE, { remoteJid }))).events).toEqual([]);
    }
    const reaction = messagesUpsert(INSTANCE, {
      messageType: "reactionMessage",
      message: { reactionMessage: { key: { id: "3EB0AAA" }, text: "👍" } },
    });
    expect((await parse(reaction)).events).toEqual([]);
  });

  it("maps message types: voice note, audio, document, video, sticker, location, extended text, quoted reply", async () => {
    const audio = (ptt: boolean) =>
      messagesUpsert(INSTANCE, {
        messageType: "audioMessage",
        message: {
          audioMessage: {
            mimetype: "audio/ogg; codecs=opus",
            seconds: 7,
            ptt,
            fileLength: "18234",
            url: "https://mmg.whatsapp.net/x.enc",
          },
        },
      });
    const voice = await onlyMessage(audio(true));
    expect(voice.type).toBe("voice");
    expect(voice.media[0]).toMatchObject({ mimeType: "audio/ogg; codecs=opus", durationSec: 7, size: 18234 });
    expect((await onlyMessage(audio(false))).type).toBe("audio");

    const doc = await onlyMessage(
      messagesUpsert(INSTANCE, {
        messageType: "documentWithCaptionMessage",
        message: {
          documentWithCaptionMessage: {
            message: {
              documentMessage: { fileName: "смета.pdf", mimetype: "application/pdf", caption: "Смета на ремонт" },
            },
          },
        },
      }),
    );
    expect(doc).toMatchObject({ type: "document", text: "Смета на ремонт", media: [{ fileName: "смета.pdf" }] });

    const video = await onlyMessage(
      messagesUpsert(INSTANCE, {
        messageType: "videoMessage",
        message: { videoMessage: { mimetype: "video/mp4", mediaUrl: "x" } },
      }),
    );
    expect(video.type).toBe("video");
    const withS3 = await onlyMessage(
      messagesUpsert(INSTANCE, {
        messageType: "imageMessage",
        message: { imageMessage: { mimetype: "image/png" }, mediaUrl: "https://s3.example/evo/1.png" },
      }),
    );
    expect(withS3.media[0].url).toBe("https://s3.example/evo/1.png");

    expect(
      (
        await onlyMessage(
          messagesUpsert(INSTANCE, {
            messageType: "stickerMessage",
            message: { stickerMessage: { mimetype: "image/webp" } },
          }),
        )
      ).type,
    ).toBe("sticker");

    const location = await onlyMessage(
      messagesUpsert(INSTANCE, {
        messageType: "locationMessage",
        message: { locationMessage: { degreesLatitude: 55.7558, degreesLongitude: 37.6173, name: "Офис" } },
      }),
    );
    expect(location).toMatchObject({ type: "location", text: "Офис\n55.7558, 37.6173" });

    const reply = await onlyMessage(
      messagesUpsert(INSTANCE, {
        messageType: "extendedTextMessage",
        message: { extendedTextMessage: { text: "Да, подходит", contextInfo: { stanzaId: "3EB0QUOTED" } } },
      }),
    );
    expect(reply).toMatchObject({ type: "text", text: "Да, подходит", replyToProviderMessageId: "3EB0QUOTED" });

    const unknown = await onlyMessage(
      messagesUpsert(INSTANCE, { messageType: "eventMessage", message: { eventMessage: { name: "x" } } }),
    );
    expect(unknown.type).toBe("unsupported");
  });

  it("turns messages.update into delivery statuses of our messages", async () => {
    const update = (status: string, fromMe = true) => ({
      event: "messages.update",
      instance: INSTANCE,
      data: {
        messageId: "cm3msg",
        keyId: "3EB0SENT01",
        remoteJid: "79161234567@s.whatsapp.net",
        fromMe,
        participant: null,
        status,
        instanceId: "cm3",
      },
      date_time: "2025-11-22T08:30:00.000Z",
    });
    const read = await parse(update("READ"));
    expect(read.eventId).toBe("messages.update:3EB0SENT01:READ");
    expect(read.events).toEqual([
      {
        kind: "status",
        providerMessageId: "3EB0SENT01",
        status: "read",
        occurredAt: new Date("2025-11-22T08:30:00.000Z"),
      },
    ]);
    expect((await parse(update("DELIVERY_ACK"))).events[0]).toMatchObject({ status: "delivered" });
    expect((await parse(update("SERVER_ACK"))).events[0]).toMatchObject({ status: "sent" });
    expect((await parse(update("ERROR"))).events[0]).toMatchObject({
      status: "failed",
      error: { message: expect.any(String) },
    });
    expect((await parse(update("READ", false))).events).toEqual([]);
    expect((await parse(update("DELETED"))).events).toEqual([]);
    await expect(parse({ ...update("READ"), data: { status: "READ" } })).rejects.toThrow(/data\.keyId/);
  });

  it("turns messages.edited into an edit and ignores revokes", async () => {
    const edited = await parse({
      event: "messages.edited",
      instance: INSTANCE,
      data: {
        key: { remoteJid: "79161234567@s.whatsapp.net", fromMe: false, id: "3EB0ORIG01" },
        type: 14,
        editedMessage: { conversation: "Площадь 6 м², не 5" },
        timestampMs: 1763800123000,
      },
    });
    expect(edited.events).toEqual([
      {
        kind: "edit",
        providerMessageId: "3EB0ORIG01",
        text: "Площадь 6 м², не 5",
        occurredAt: new Date(1763800123000),
      },
    ]);
    const revoke = await parse({
      event: "messages.edited",
      instance: INSTANCE,
      data: { key: { id: "3EB0ORIG01" }, type: 0 },
    });
    expect(revoke.events).toEqual([]);
  });
});

describe("Evolution REST API", () => {
  let fake: EvolutionFake;
  let channel: ChannelRecord<EvolutionConfig, EvolutionSecrets>;
  const text = (body: string, threadId = "79161234567"): OutboundMessage => ({
    id: randomUUID(),
    threadId,
    type: "text",
    text: body,
  });

  beforeAll(async () => {
    fake = await startEvolutionFake({ apiKey: API_KEY, instanceName: INSTANCE });
    channel = channelFor(`${fake.url}/`);
  });
  afterAll(() => fake.close());

  it("sends text to /message/sendText/{instance} with the apikey header and returns key.id", async () => {
    const before = fake.requests.length;
    const { providerMessageId } = await evolutionAdapter.send(
      channel,
      text("Добрый день! Ремонт ванной — от 180 000 ₽."),
    );
    expect(providerMessageId).toMatch(/^3EB0[0-9A-F]{18}$/);
    expect(fake.requests.slice(before)).toEqual([
      {
        method: "POST",
        route: "/message/sendText",
        instance: INSTANCE,
        apikey: API_KEY,
        body: { number: "79161234567", text: "Добрый день! Ремонт ванной — от 180 000 ₽." },
      },
    ]);
  });

  it("sends media through sendMedia, voice notes through sendWhatsAppAudio", async () => {
    const before = fake.requests.length;
    await evolutionAdapter.send(channel, {
      id: randomUUID(),
      threadId: "79161234567",
      type: "document",
      text: "Смета",
      media: [{ url: "https://files.example/smeta.pdf", mimeType: "application/pdf", fileName: "smeta.pdf" }],
    });
    await evolutionAdapter.send(channel, {
      id: randomUUID(),
      threadId: "79161234567",
      type: "voice",
      media: [{ url: "https://files.example/reply.ogg" }],
    });
    expect(fake.requests.slice(before).map((r) => [r.route, r.body])).toEqual([
      [
        "/message/sendMedia",
        {
          number: "79161234567",
          mediatype: "document",
          media: "https://files.example/smeta.pdf",
          mimetype: "application/pdf",
          fileName: "smeta.pdf",
          caption: "Смета",
        },
      ],
      ["/message/sendWhatsAppAudio", { number: "79161234567", audio: "https://files.example/reply.ogg" }],
    ]);
  });

  it("maps 429 and 5xx to RetryableSendError (with Retry-After) and then succeeds", async () => {
    fake.failNext({ status: 429, retryAfter: 3 }, { status: 500 });
    const first = await evolutionAdapter.send(channel, text("Здравствуйте")).catch((e) => e);
    expect(first).toBeInstanceOf(RetryableSendError);
    expect(first.retryAfterMs).toBe(3000);
    await expect(evolutionAdapter.send(channel, text("Здравствуйте"))).rejects.toBeInstanceOf(RetryableSendError);
    await expect(evolutionAdapter.send(channel, text("Здравствуйте"))).resolves.toMatchObject({
      providerMessageId: expect.any(String),
    });
  });

  it("maps 4xx to PermanentSendError with Evolution's reason", async () => {
    fake.markNotOnWhatsApp("70000000000");
    const notOnWa = await evolutionAdapter.send(channel, text("Привет", "70000000000")).catch((e) => e);
    expect(notOnWa).toBeInstanceOf(PermanentSendError);
    expect(notOnWa).toMatchObject({ code: "not_on_whatsapp", message: "70000000000 is not on WhatsApp" });

    fake.failNext({ status: 400, message: ['instance requires property "text"'] });
    await expect(evolutionAdapter.send(channel, text("x"))).rejects.toThrow(/requires property "text"/);

    const wrongKey = channelFor(fake.url, { apiKey: "wrong" });
    await expect(evolutionAdapter.send(wrongKey, text("x"))).rejects.toMatchObject({
      name: "PermanentSendError",
      code: "unauthorized",
    });

    await expect(
      evolutionAdapter.send(channel, {
        id: randomUUID(),
        threadId: "79161234567",
        type: "template",
        template: { name: "t", language: "ru", variables: {} },
      }),
    ).rejects.toMatchObject({ code: "unsupported_type" });
  });

  it("tests the connection through connectionState", async () => {
    await expect(evolutionAdapter.test(channel)).resolves.toEqual({
      ok: true,
      detail: expect.stringContaining("state: open"),
    });
    fake.setState("close");
    await expect(evolutionAdapter.test(channel)).resolves.toMatchObject({
      ok: false,
      detail: expect.stringContaining("state: close"),
    });
    fake.setState("open");
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", route: "/instance/connectionState", apikey: API_KEY });
    await expect(evolutionAdapter.test(channelFor(fake.url, { apiKey: "wrong" }))).resolves.toEqual({
      ok: false,
      detail: "Evolution rejected the API key",
    });
    const other = { ...channel, config: { ...channel.config, instanceName: "nope" } };
    await expect(evolutionAdapter.test(other)).resolves.toMatchObject({
      ok: false,
      detail: expect.stringContaining('"nope" instance does not exist'),
    });
    await expect(evolutionAdapter.test(channelFor("http://127.0.0.1:1"))).resolves.toMatchObject({
      ok: false,
      detail: expect.stringContaining("unreachable"),
    });
  });

  it("connect() sets the instance webhook in jwt_key mode, and a token signed that way verifies", async () => {
    await evolutionAdapter.connect!(channel, "https://crm.example/api/webhooks/evolution/abc");
    expect(fake.webhook()).toEqual({
      enabled: true,
      url: "https://crm.example/api/webhooks/evolution/abc",
      byEvents: false,
      base64: false,
      headers: { jwt_key: TOKEN },
      events: ["MESSAGES_UPSERT", "MESSAGES_UPDATE", "MESSAGES_EDITED"],
    });
    const key = (fake.webhook() as { headers: { jwt_key: string } }).headers.jwt_key;
    const req = await evolutionWebhookRequest(messagesUpsert(INSTANCE), { mode: "jwt", key });
    await expect(evolutionAdapter.verify(channel, req)).resolves.toBeUndefined();
  });

  it("downloads received media through getBase64FromMediaMessage", async () => {
    fake.addMedia("3EB0VOICE1", {
      base64: Buffer.from("OggS-voice").toString("base64"),
      mimetype: "audio/ogg; codecs=opus",
    });
    const media = await fetchEvolutionMedia(channel, "3EB0VOICE1");
    expect(media.data.toString()).toBe("OggS-voice");
    expect(media.mimeType).toBe("audio/ogg; codecs=opus");
  });
});
