import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import {
  MetaTemplateError,
  createTemplate,
  fetchWhatsAppMedia,
  instagramAdapter,
  metaSecretsSchema,
  syncTemplates,
  whatsappCloudAdapter,
  type InstagramChannel,
  type WhatsAppCloudChannel,
  type WhatsAppTemplate,
} from "@/lib/channels/meta";
import { PermanentSendError, RetryableSendError, type OutboundMessage } from "@/lib/channels/types";
import { startMetaFake, type FakeTemplate, type MetaFake } from "@/tests/fakes/meta";

// Outbound side of the Meta channels against the local Graph fake: request bodies as the recorded cassettes
// send them, Bearer auth, error envelopes mapped to retry-or-not, test(), templates and media download.

const VCR = path.resolve(import.meta.dirname, "../fixtures/wire/meta/vcr_ruby_whatsapp_sdk");

/** The request or response body of a VCR cassette: a YAML single-quoted scalar, folded over lines. */
function cassetteBody(file: string, which: "request" | "response"): unknown {
  const text = readFileSync(path.join(VCR, file), "utf8");
  const section = text.slice(text.indexOf(which === "request" ? "- request:" : "  response:"));
  const start = section.indexOf("string: '") + "string: '".length;
  let out = "";
  for (let i = start; i < section.length; i++) {
    if (section[i] === "'") {
      if (section[i + 1] === "'") {
        out += "'";
        i++;
        continue;
      }
      break;
    }
    out += section[i];
  }
  return JSON.parse(out.replace(/\n\s*/g, " "));
}

const IG_LOGIN_TOKEN = "IGAAT-fake-instagram-login-token";
let fake: MetaFake;
let wa: WhatsAppCloudChannel;
let ig: InstagramChannel;
const savedEnv = { url: process.env.META_GRAPH_API_URL, version: process.env.META_GRAPH_API_VERSION };

const templates: FakeTemplate[] = [
  {
    id: "1001",
    name: "order_ready",
    language: "en_US",
    category: "UTILITY",
    status: "APPROVED",
    parameter_format: "POSITIONAL",
    components: [
      { type: "BODY", text: "Hi {{1}}, your order {{2}} is ready." },
      { type: "FOOTER", text: "Relay" },
    ],
  },
  {
    id: "1002",
    name: "visit_reminder",
    language: "ru",
    category: "UTILITY",
    status: "PENDING",
    parameter_format: "NAMED",
    components: [{ type: "BODY", text: "{{name}}, напоминаем о замере {{date}}." }],
  },
  {
    id: "1003",
    name: "big_sale",
    language: "en_US",
    category: "MARKETING",
    status: "REJECTED",
    rejected_reason: "PROMOTIONAL",
    components: [
      { type: "HEADER", text: "Sale" },
      { type: "BODY", text: "Everything -50%!" },
    ],
  },
  {
    id: "1004",
    name: "old_promo",
    language: "en_US",
    category: "MARKETING",
    status: "PAUSED",
    components: [{ type: "BODY", text: "Come back {{1}}" }],
  },
  {
    id: "1005",
    name: "appeal",
    language: "en_US",
    category: "MARKETING",
    status: "IN_APPEAL",
    components: [{ type: "BODY", text: "Appeal" }],
  },
];

beforeAll(async () => {
  fake = await startMetaFake({
    accessToken: ["EAAG-system-user-token", IG_LOGIN_TOKEN],
    templates,
    templatePageSize: 2,
  });
  process.env.META_GRAPH_API_URL = fake.url;
  process.env.META_GRAPH_API_VERSION = "v23.0";
  resetEnvCache();
  const secrets = metaSecretsSchema.parse({ appSecret: "app-secret", accessToken: "EAAG-system-user-token" });
  wa = {
    id: "c-wa",
    orgId: "o",
    type: "whatsapp_cloud",
    name: "WhatsApp",
    config: { phoneNumberId: fake.phoneNumbers[0].id, wabaId: fake.wabaId },
    secrets,
  };
  ig = {
    id: "c-ig",
    orgId: "o",
    type: "instagram",
    name: "Instagram",
    config: { igUserId: fake.igAccounts[0].id },
    secrets,
  };
});

afterAll(async () => {
  await fake.close();
  for (const [key, value] of [
    ["META_GRAPH_API_URL", savedEnv.url],
    ["META_GRAPH_API_VERSION", savedEnv.version],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvCache();
});

beforeEach(() => fake.reset());

const msg = (m: Partial<OutboundMessage>): OutboundMessage => ({
  id: "m1",
  threadId: "13437772910",
  type: "text",
  ...m,
});

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a rejection");
}

describe("WhatsApp Cloud send", () => {
  it("posts a text as the recorded cassette does, with the Bearer token, and returns the wamid", async () => {
    const { providerMessageId } = await whatsappCloudAdapter.send(wa, msg({ threadId: "+13437772910", text: "hola" }));
    expect(providerMessageId).toMatch(/^wamid\./);
    const [call] = fake.sends();
    expect(call).toMatchObject({
      method: "POST",
      version: "v23.0",
      path: `${wa.config.phoneNumberId}/messages`,
      authorization: "Bearer EAAG-system-user-token",
    });
    // The cassette's Ruby client sent `to` as a number; the wire doc and Meta's examples use a string.
    const recorded = cassetteBody("messages_send_text_message_with_success_response.yml", "request") as Record<
      string,
      unknown
    >;
    expect(call.body).toEqual({ ...recorded, to: String(recorded.to) });
  });

  it("answers like the recordings: contacts + messages[].id, message_status only for templates", async () => {
    const recordedText = cassetteBody("messages_send_text_message_with_success_response.yml", "response");
    const recordedTemplate = cassetteBody(
      "messages_send_template_with_success_response_by_passing_components_json.yml",
      "response",
    );
    fake.templates.push({
      id: "9",
      name: "sample_shipping_confirmation",
      language: "en_US",
      category: "UTILITY",
      status: "APPROVED",
      components: [
        { type: "BODY", text: "Your package has been shipped. It will be delivered in {{1}} business days." },
      ],
    });
    const shape = (v: unknown) => JSON.parse(JSON.stringify(v).replace(/"wamid\.[^"]+"/g, '"wamid"'));
    await whatsappCloudAdapter.send(wa, msg({ text: "hola" }));
    await whatsappCloudAdapter.send(
      wa,
      msg({
        type: "template",
        template: { name: "sample_shipping_confirmation", language: "en_US", variables: { "1": "2 hours" } },
      }),
    );
    const answers = fake.sends().map((c) => shape(c.response));
    expect(answers).toEqual([shape(recordedText), shape(recordedTemplate)]);
    // Same body as the recorded template send (its Ruby client upper-cased the parameter type).
    const recordedReq = cassetteBody(
      "messages_send_template_with_success_response_by_passing_components_json.yml",
      "request",
    ) as Record<string, unknown>;
    const normalised = JSON.parse(
      JSON.stringify({ ...recordedReq, to: String(recordedReq.to) }).replace('"TEXT"', '"text"'),
    );
    expect(fake.sends()[1].body).toEqual(normalised);
  });

  it("sends media by link or id with captions and file names; a voice note as audio", async () => {
    await whatsappCloudAdapter.send(
      wa,
      msg({ type: "image", text: "the kitchen", media: [{ url: "https://cdn.example.com/k.jpg" }] }),
    );
    await whatsappCloudAdapter.send(
      wa,
      msg({ type: "document", media: [{ url: "https://cdn.example.com/q.pdf", fileName: "quote.pdf" }] }),
    );
    await whatsappCloudAdapter.send(wa, msg({ type: "voice", media: [{ providerMediaId: "914268667232441" }] }));
    await whatsappCloudAdapter.send(wa, msg({ type: "video", media: [{ url: "https://cdn.example.com/v.mp4" }] }));
    const bodies = fake.sends().map((c) => c.body as Record<string, unknown>);
    expect(bodies[0]).toMatchObject({
      type: "image",
      image: { link: "https://cdn.example.com/k.jpg", caption: "the kitchen" },
    });
    expect(bodies[1]).toMatchObject({
      type: "document",
      document: { link: "https://cdn.example.com/q.pdf", filename: "quote.pdf" },
    });
    const recordedAudio = cassetteBody("messages_send_audio_message_with_success_response.yml", "request") as Record<
      string,
      unknown
    >;
    expect(bodies[2]).toEqual({ ...recordedAudio, to: String(recordedAudio.to) });
    expect(bodies[3]).toMatchObject({ type: "video", video: { link: "https://cdn.example.com/v.mp4" } });
  });

  it("fills named template variables with parameter_name", async () => {
    fake.templates.push({
      id: "10",
      name: "visit",
      language: "ru",
      category: "UTILITY",
      status: "APPROVED",
      components: [{ type: "BODY", text: "{{name}}, замер {{date}}" }],
    });
    await whatsappCloudAdapter.send(
      wa,
      msg({
        type: "template",
        template: { name: "visit", language: "ru", variables: { name: "Иван", date: "12.12" } },
      }),
    );
    expect(fake.sends()[0].body).toMatchObject({
      type: "template",
      template: {
        name: "visit",
        language: { code: "ru" },
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", parameter_name: "name", text: "Иван" },
              { type: "text", parameter_name: "date", text: "12.12" },
            ],
          },
        ],
      },
    });
  });

  it("refuses what WhatsApp cannot carry before calling Meta", async () => {
    for (const m of [
      msg({ text: "  " }),
      msg({ type: "audio", text: "listen", media: [{ url: "https://cdn.example.com/a.ogg" }] }),
      msg({ type: "image", media: [] }),
      msg({ type: "image", media: [{ url: "https://a/1.jpg" }, { url: "https://a/2.jpg" }] }),
      msg({ type: "location", text: "here" }),
    ]) {
      expect(await rejection(whatsappCloudAdapter.send(wa, m))).toBeInstanceOf(PermanentSendError);
    }
    expect(fake.sends()).toHaveLength(0);
  });

  it("429, throughput 130429 and 5xx are retryable (Retry-After honoured); 429 then success sends once more", async () => {
    fake.fail("429", { retryAfterSec: 7 });
    const limited = await rejection(whatsappCloudAdapter.send(wa, msg({ text: "hi" })));
    expect(limited).toBeInstanceOf(RetryableSendError);
    expect(limited).toMatchObject({ retryAfterMs: 7000, code: "130429" });
    const { providerMessageId } = await whatsappCloudAdapter.send(wa, msg({ text: "hi" }));
    expect(providerMessageId).toMatch(/^wamid\./);
    expect(fake.sends()).toHaveLength(2);

    fake.fail("130429");
    expect(await rejection(whatsappCloudAdapter.send(wa, msg({ text: "hi" })))).toBeInstanceOf(RetryableSendError);
    fake.fail("500");
    const down = await rejection(whatsappCloudAdapter.send(wa, msg({ text: "hi" })));
    expect(down).toBeInstanceOf(RetryableSendError);
    expect(down.message).toMatch(/retry your request later/);
  });

  it("131047 (outside the 24-hour window), a missing number and a bad token are permanent, with Meta's reason", async () => {
    fake.fail("131047");
    const window = await rejection(whatsappCloudAdapter.send(wa, msg({ text: "hi" })));
    expect(window).toBeInstanceOf(PermanentSendError);
    expect(window).toMatchObject({ code: "131047" });
    expect(window.message).toMatch(/Re-engagement message: .*24 hours/);

    const missing = await rejection(
      whatsappCloudAdapter.send({ ...wa, config: { phoneNumberId: "123123" } }, msg({ text: "hola" })),
    );
    // The recorded answer for an unknown phone number id (messages_send_text_handles_error_response.yml).
    const recorded = cassetteBody("messages_send_text_handles_error_response.yml", "response") as {
      error: { message: string };
    };
    expect(missing).toBeInstanceOf(PermanentSendError);
    expect(missing).toMatchObject({ code: "100", message: recorded.error.message });

    const badToken = await rejection(
      whatsappCloudAdapter.send({ ...wa, secrets: { ...wa.secrets, accessToken: "expired" } }, msg({ text: "hi" })),
    );
    expect(badToken).toBeInstanceOf(PermanentSendError);
    expect(badToken).toMatchObject({ code: "190" });
  });

  it("an unreachable Graph API is retryable", async () => {
    process.env.META_GRAPH_API_URL = "http://127.0.0.1:9";
    resetEnvCache();
    try {
      expect(await rejection(whatsappCloudAdapter.send(wa, msg({ text: "hi" })))).toBeInstanceOf(RetryableSendError);
    } finally {
      process.env.META_GRAPH_API_URL = fake.url;
      resetEnvCache();
    }
  });
});

describe("Instagram send", () => {
  it("sends text with a Page token to /{page-id}/messages, or /me without a page id", async () => {
    const { providerMessageId } = await instagramAdapter.send(
      { ...ig, config: { ...ig.config, pageId: fake.igAccounts[0].pageId } },
      msg({ threadId: "489760440872775", text: "Здравствуйте!" }),
    );
    expect(providerMessageId).toMatch(/^aWdf/);
    await instagramAdapter.send(ig, msg({ threadId: "489760440872775", text: "again" }));
    const [first, second] = fake.sends();
    expect(first).toMatchObject({
      path: `${fake.igAccounts[0].pageId}/messages`,
      version: "v23.0",
      authorization: "Bearer EAAG-system-user-token",
      body: { recipient: { id: "489760440872775" }, message: { text: "Здравствуйте!" } },
    });
    expect(second.path).toBe("me/messages");
  });

  it("sends with an Instagram Login token to /{ig-user-id}/messages, attachments by URL", async () => {
    const igLogin = { ...ig, secrets: { ...ig.secrets, accessToken: IG_LOGIN_TOKEN } };
    await instagramAdapter.send(
      igLogin,
      msg({ threadId: "489760440872775", type: "image", media: [{ url: "https://cdn.example.com/k.jpg" }] }),
    );
    expect(fake.sends()[0]).toMatchObject({
      path: `${ig.config.igUserId}/messages`,
      authorization: `Bearer ${IG_LOGIN_TOKEN}`,
      body: {
        recipient: { id: "489760440872775" },
        message: { attachment: { type: "image", payload: { url: "https://cdn.example.com/k.jpg" } } },
      },
    });
  });

  it("maps Instagram errors: 429 retryable, others permanent; templates refused", async () => {
    fake.fail("429", { path: /messages$/ });
    expect(await rejection(instagramAdapter.send(ig, msg({ text: "hi" })))).toBeInstanceOf(RetryableSendError);
    fake.fail({
      status: 400,
      error: {
        error: {
          message: "This message is sent outside of allowed window.",
          type: "OAuthException",
          code: 10,
          error_subcode: 2534022,
          fbtrace_id: "x",
        },
      },
    });
    const window = await rejection(instagramAdapter.send(ig, msg({ text: "hi" })));
    expect(window).toBeInstanceOf(PermanentSendError);
    expect(window).toMatchObject({ code: "10", message: "This message is sent outside of allowed window." });
    const tpl = msg({ type: "template", template: { name: "x", language: "en", variables: {} } });
    expect(await rejection(instagramAdapter.send(ig, tpl))).toBeInstanceOf(PermanentSendError);
    expect(fake.sends()).toHaveLength(2);
  });
});

describe("test()", () => {
  it("WhatsApp: the verified name and number, or Graph's reason", async () => {
    expect(await whatsappCloudAdapter.test(wa)).toEqual({ ok: true, detail: "Relay Test (15556221967)" });
    expect(fake.calls.at(-1)).toMatchObject({
      method: "GET",
      path: wa.config.phoneNumberId,
      query: { fields: "display_phone_number,verified_name" },
      authorization: "Bearer EAAG-system-user-token",
    });
    const bad = await whatsappCloudAdapter.test({ ...wa, secrets: { ...wa.secrets, accessToken: "nope" } });
    expect(bad).toEqual({ ok: false, detail: "Invalid OAuth access token - Cannot parse access token" });
    const missing = await whatsappCloudAdapter.test({ ...wa, config: { phoneNumberId: "123_123".replace("_", "") } });
    expect(missing.ok).toBe(false);
    expect(missing.detail).toMatch(/Object with ID '123123' does not exist/);
  });

  it("Instagram: the @username, or Graph's reason", async () => {
    expect(await instagramAdapter.test(ig)).toEqual({ ok: true, detail: "@relay_test" });
    expect(fake.calls.at(-1)).toMatchObject({ path: ig.config.igUserId, query: { fields: "username" } });
    const bad = await instagramAdapter.test({ ...ig, secrets: { ...ig.secrets, accessToken: "nope" } });
    expect(bad.ok).toBe(false);
    expect(bad.detail).toMatch(/Invalid OAuth access token/);
  });
});

describe("WhatsApp templates", () => {
  it("syncs every page with bodies, variables and statuses mapped to approved / pending / rejected", async () => {
    // Through the adapter's contract hook, as the inbox calls it.
    const synced = (await whatsappCloudAdapter.syncTemplates!(wa)) as WhatsAppTemplate[];
    expect(fake.calls.filter((c) => c.path.endsWith("message_templates")).length).toBe(3);
    expect(synced.map((t) => [t.name, t.status, t.providerStatus])).toEqual([
      ["order_ready", "approved", "APPROVED"],
      ["visit_reminder", "pending", "PENDING"],
      ["big_sale", "rejected", "REJECTED"],
      ["old_promo", "rejected", "PAUSED"],
      ["appeal", "pending", "IN_APPEAL"],
    ]);
    expect(synced[0]).toEqual({
      providerTemplateId: "1001",
      name: "order_ready",
      language: "en_US",
      category: "utility",
      body: "Hi {{1}}, your order {{2}} is ready.",
      variables: ["1", "2"],
      status: "approved",
      providerStatus: "APPROVED",
    });
    expect(synced[1].variables).toEqual(["name", "date"]);
    expect(synced[2]).toMatchObject({ body: "Everything -50%!", rejectionReason: "PROMOTIONAL" });
  });

  it("creates a template for review with example values, then finds it pending; duplicates are refused", async () => {
    const created = await whatsappCloudAdapter.createTemplate!(wa, {
      name: "measure_confirmed",
      language: "ru",
      category: "utility",
      body: "{{1}}, замер назначен на {{2}}.",
      examples: { "1": "Иван" },
    });
    expect(created).toMatchObject({ name: "measure_confirmed", status: "pending", variables: ["1", "2"] });
    const post = fake.calls.find((c) => c.method === "POST" && c.path.endsWith("message_templates"));
    expect(post?.body).toEqual({
      name: "measure_confirmed",
      language: "ru",
      category: "UTILITY",
      parameter_format: "POSITIONAL",
      components: [
        { type: "BODY", text: "{{1}}, замер назначен на {{2}}.", example: { body_text: [["Иван", "sample 2"]] } },
      ],
    });
    const synced = await syncTemplates(wa);
    expect(synced.find((t) => t.providerTemplateId === created.providerTemplateId)?.status).toBe("pending");

    const dup = await rejection(
      createTemplate(wa, { name: "measure_confirmed", language: "ru", category: "utility", body: "again" }),
    );
    expect(dup).toBeInstanceOf(MetaTemplateError);
    expect(dup.message).toMatch(/already has content in ru/);
  });

  it("refuses bad input and channels without a WABA id before calling Meta", async () => {
    const bad = [
      { name: "Has Spaces", language: "en_US", category: "utility", body: "x" },
      { name: "ok", language: "english", category: "utility", body: "x" },
      { name: "ok", language: "en_US", category: "promo", body: "x" },
      { name: "ok", language: "en_US", category: "utility", body: "{{2}} before {{1}}" },
    ];
    for (const input of bad) expect(await rejection(createTemplate(wa, input))).toBeInstanceOf(MetaTemplateError);
    const noWaba = { ...wa, config: { phoneNumberId: wa.config.phoneNumberId } };
    expect((await rejection(syncTemplates(noWaba))).message).toMatch(/wabaId/);
    expect(fake.calls).toHaveLength(0);
  });

  it("a created template, once approved, can be sent", async () => {
    const t = await createTemplate(wa, {
      name: "thanks",
      language: "en_US",
      category: "utility",
      body: "Thanks {{name}}!",
      examples: { name: "Ann" },
    });
    expect((fake.calls.at(-1)?.body as { parameter_format: string }).parameter_format).toBe("NAMED");
    const pending = await rejection(
      whatsappCloudAdapter.send(
        wa,
        msg({ type: "template", template: { name: "thanks", language: "en_US", variables: { name: "Bo" } } }),
      ),
    );
    expect(pending).toMatchObject({ code: "132001" });
    fake.templates.find((x) => x.id === t.providerTemplateId)!.status = "APPROVED";
    expect((await syncTemplates(wa)).find((x) => x.name === "thanks")?.status).toBe("approved");
    const sent = await whatsappCloudAdapter.send(
      wa,
      msg({ type: "template", template: { name: "thanks", language: "en_US", variables: { name: "Bo" } } }),
    );
    expect(sent.providerMessageId).toMatch(/^wamid\./);
  });
});

describe("WhatsApp media download", () => {
  it("resolves the media id to its CDN URL and downloads it with the token", async () => {
    const bytes = Buffer.from("OggS fake voice note");
    fake.addMedia("1003383421387256", bytes, "audio/ogg");
    const media = await fetchWhatsAppMedia(wa, "1003383421387256");
    expect(media).toMatchObject({
      mimeType: "audio/ogg",
      size: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
    expect(Buffer.from(await new Response(media.body).arrayBuffer())).toEqual(bytes);
    expect(fake.calls.map((c) => [c.path.split("/")[0], c.authorization])).toEqual([
      ["1003383421387256", "Bearer EAAG-system-user-token"],
      ["whatsapp_business", "Bearer EAAG-system-user-token"],
    ]);
    await expect(fetchWhatsAppMedia(wa, "../me")).rejects.toThrow(/not a WhatsApp media id/);
  });
});
