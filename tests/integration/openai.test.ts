import { readFileSync } from "node:fs";
import OpenAI, { APIConnectionTimeoutError, AuthenticationError, RateLimitError } from "openai";
import { zodTextFormat } from "openai/helpers/zod";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dialogAnalysisSchema, type DialogAnalysis } from "@/lib/ai/analysis-schema";
import { AnalysisFailedError, analyzeDialogWithOpenAI, type AnalysisDialog } from "@/lib/ai/openai/analyze";
import { createOpenAIClient, openAIClient, OpenAINotConfiguredError } from "@/lib/ai/openai/client";
import { replyWithTools, ReplyFailedError } from "@/lib/ai/openai/reply";
import { speak, transcribe } from "@/lib/ai/openai/speech";
import { resetEnvCache } from "@/lib/env";
import {
  malformedAnswer,
  messagesText,
  requestedSchema,
  sampleFromSchema,
  startOpenAIFake,
  type OpenAIFake,
} from "../fakes/openai";

const API_KEY = "sk-test-relay-0123456789";
let fake: OpenAIFake;
let client: OpenAI;

const dialog: AnalysisDialog = {
  contactName: "Анна",
  messages: [
    { direction: "in", text: "Здравствуйте! У меня стоматологическая клиника, нужна реклама." },
    { direction: "out", text: "Добрый день! Какой у вас бюджет?" },
    { direction: "in", text: "Около 100 000 рублей в месяц, я владелец. Хочу записаться на консультацию." },
  ],
};

const analysis: DialogAnalysis = {
  language: "ru",
  niche: "medicine",
  qualification: { q1: "реклама клиники", q2: "100 000 ₽ в месяц", q3: "владелец", q4: null },
  isOwner: true,
  budgetMentioned: true,
  budgetAmount: 100000,
  budgetCurrency: "RUB",
  budget: "Около 100 000 рублей в месяц",
  role: "owner",
  isSpam: false,
  funnelStage: "qualified",
  summary: "Владелец стоматологии хочет рекламу.",
  nextBestAction: "Записать на консультацию",
  evidence: {
    funnelStage: "Хочу записаться на консультацию",
    niche: "стоматологическая клиника",
    isOwner: "я владелец",
    budget: "Около 100 000 рублей в месяц",
    role: "я владелец",
    isSpam: null,
  },
};

beforeAll(async () => {
  fake = await startOpenAIFake({ apiKey: API_KEY });
  // Retries are the SDK's: tests keep its default policy but a short per-attempt timeout.
  client = createOpenAIClient({ apiKey: API_KEY, baseURL: fake.url, maxRetries: 2, timeoutMs: 5_000 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe("fake OpenAI server", () => {
  it("answers the recorded 429 envelope and refuses a wrong key like the real API", async () => {
    const captured = JSON.parse(readFileSync("tests/fixtures/wire/openai/error_429_tpm_captured.json", "utf8"));
    fake.enqueue({ kind: "error", status: 429, ...captured.error, shouldRetry: false });
    const err = await client.chat.completions
      .create({ model: "gpt-4.1-mini", messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).code).toBe(captured.error.code);
    expect((err as RateLimitError).requestID).toMatch(/^req_/);

    const wrong = createOpenAIClient({ apiKey: "sk-wrong-key-000000", baseURL: fake.url, maxRetries: 0 });
    const auth = await wrong.chat.completions
      .create({ model: "gpt-4.1-mini", messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(AuthenticationError);
    expect((auth as AuthenticationError).code).toBe("invalid_api_key");
    expect(fake.requests.at(-1)?.bearer).toBe("sk-wrong-key-000000");
  });

  it("refuses a json_schema strict mode would refuse", async () => {
    const err = await client.chat.completions
      .create({
        model: "gpt-4.1-mini",
        messages: [{ role: "user", content: "hi" }],
        response_format: {
          type: "json_schema",
          json_schema: {
            name: "loose",
            strict: true,
            schema: { type: "object", properties: { a: { type: "string" } }, additionalProperties: false },
          },
        },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as Error).message).toContain("Missing 'a'");
  });

  it("answers with every field of the recorded completion the SDK's own tests parse", async () => {
    const snap = readFileSync("tests/fixtures/wire/openai/parser.test.ts.snap", "utf8");
    const first = /= `\n"(\{[\s\S]*?\n\})\n"/.exec(snap)![1].replaceAll("\\\\", "\\");
    const recorded = JSON.parse(first);
    const res = await fetch(`${fake.url}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-4o-2024-08-06", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(res.headers.get("content-type")).toContain("application/json");
    const ours = await res.json();
    const keys = (o: object) => Object.keys(o).sort();
    expect(keys(ours)).toEqual(expect.arrayContaining(keys(recorded)));
    expect(keys(ours.choices[0])).toEqual(expect.arrayContaining(keys(recorded.choices[0])));
    expect(keys(ours.choices[0].message)).toEqual(expect.arrayContaining(keys(recorded.choices[0].message)));
    expect(keys(ours.usage)).toEqual(expect.arrayContaining(keys(recorded.usage)));
    expect(ours.object).toBe(recorded.object);
  });
  it("serves /v1/responses so responses.parse with zodTextFormat works too", async () => {
    fake.enqueue({ kind: "response", text: analysis, usage: { input_tokens: 42, output_tokens: 12 } });
    const res = await client.responses.parse({
      model: "gpt-4.1-mini",
      input: [{ role: "user", content: "Analyse" }],
      text: { format: zodTextFormat(dialogAnalysisSchema, "dialog_analysis") },
    });
    expect(res.output_parsed).toEqual(analysis);
    expect(res.usage?.total_tokens).toBe(54);
    expect(fake.requests[0].json?.text).toMatchObject({ format: { type: "json_schema", name: "dialog_analysis" } });
  });
});

describe("client from env", () => {
  it("refuses without a key and follows OPENAI_BASE_URL", async () => {
    const saved = { key: process.env.OPENAI_API_KEY, url: process.env.OPENAI_BASE_URL };
    try {
      delete process.env.OPENAI_API_KEY;
      resetEnvCache();
      expect(() => openAIClient()).toThrow(OpenAINotConfiguredError);
      process.env.OPENAI_API_KEY = API_KEY;
      process.env.OPENAI_BASE_URL = fake.url;
      resetEnvCache();
      const { usage } = await analyzeDialogWithOpenAI(dialog);
      expect(usage.model).toBe("gpt-4.1-mini");
      expect(fake.requests).toHaveLength(1);
    } finally {
      for (const [name, value] of [
        ["OPENAI_API_KEY", saved.key],
        ["OPENAI_BASE_URL", saved.url],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      resetEnvCache();
    }
  });
});

describe("analyzeDialogWithOpenAI", () => {
  it("sends a strict json_schema and returns the parsed, validated analysis with usage", async () => {
    fake.enqueue({
      kind: "chat",
      content: analysis,
      model: "gpt-4.1-mini-2025-04-14",
      usage: { prompt_tokens: 321, completion_tokens: 87 },
    });
    const result = await analyzeDialogWithOpenAI(dialog, {
      client,
      questions: ["Что нужно?", "Бюджет?", "Владелец?", "Сроки?"],
    });
    expect(result.analysis).toEqual(analysis);
    expect(result.usage).toMatchObject({
      model: "gpt-4.1-mini-2025-04-14",
      promptTokens: 321,
      completionTokens: 87,
      attempts: 1,
    });
    expect(result.usage.latencyMs).toBeGreaterThanOrEqual(0);

    const req = fake.requests[0];
    expect(req.path).toBe("/v1/chat/completions");
    expect(req.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(req.json?.model).toBe("gpt-4.1-mini");
    expect(req.json?.response_format).toMatchObject({
      type: "json_schema",
      json_schema: { name: "dialog_analysis", strict: true },
    });
    const schema = requestedSchema(req) as { required: string[] };
    expect(schema.required).toEqual(expect.arrayContaining(["funnelStage", "qualification", "budgetMentioned"]));
    const text = messagesText(req);
    expect(text).toContain("q2: Бюджет?");
    expect(text).toContain("CLIENT: Около 100 000 рублей в месяц");
    expect(text).toContain("BUSINESS: Добрый день!");
  });

  it("answers from a handler that builds the analysis from the request", async () => {
    fake.setHandler((req) => {
      const sample = sampleFromSchema(requestedSchema(req)!) as DialogAnalysis;
      const booked = messagesText(req).includes("записаться на консультацию");
      return { kind: "chat", content: { ...sample, funnelStage: booked ? "consultation_booked" : "new_lead" } };
    });
    const { analysis: got } = await analyzeDialogWithOpenAI(dialog, { client });
    expect(dialogAnalysisSchema.parse(got)).toEqual(got);
    expect(got.funnelStage).toBe("consultation_booked");
  });

  it("retries a malformed answer once and uses the second", async () => {
    fake.enqueue(malformedAnswer(), { kind: "chat", content: analysis });
    const result = await analyzeDialogWithOpenAI(dialog, { client });
    expect(result.analysis).toEqual(analysis);
    expect(result.usage.attempts).toBe(2);
    expect(fake.requests).toHaveLength(2);
  });

  it("throws AnalysisFailedError after two malformed answers, with both attempts' tokens", async () => {
    fake.enqueue(
      { ...malformedAnswer(), usage: { prompt_tokens: 100, completion_tokens: 5 } },
      // Valid JSON that breaks the schema: an unknown funnel stage.
      {
        kind: "chat",
        content: { ...analysis, funnelStage: "maybe" },
        usage: { prompt_tokens: 100, completion_tokens: 7 },
      },
      { kind: "chat", content: analysis },
    );
    const err = await analyzeDialogWithOpenAI(dialog, { client }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AnalysisFailedError);
    const failed = err as AnalysisFailedError;
    expect(failed.reason).toBe("schema_mismatch");
    expect(failed.usage).toMatchObject({ attempts: 2, promptTokens: 200, completionTokens: 12 });
    expect(fake.requests).toHaveLength(2);
  });

  it("counts a refusal and a truncated answer as malformed", async () => {
    fake.enqueue(
      { kind: "chat", refusal: "I can't help with that." },
      { kind: "chat", content: '{"language":"ru"', finishReason: "length" },
    );
    const err = await analyzeDialogWithOpenAI(dialog, { client }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AnalysisFailedError);
    expect((err as AnalysisFailedError).reason).toBe("truncated");
  });

  it("honours 429 retry-after-ms, then succeeds", async () => {
    fake.enqueue(
      { kind: "error", status: 429, retryAfterMs: "400" },
      { kind: "error", status: 429, retryAfter: "1" },
      { kind: "chat", content: analysis },
    );
    const result = await analyzeDialogWithOpenAI(dialog, { client });
    expect(result.analysis.funnelStage).toBe("qualified");
    const [first, second, third] = fake.requests.map((r) => r.at);
    // The SDK waits exactly what the server asked (its jitter applies only to its own backoff).
    expect(second - first).toBeGreaterThanOrEqual(380);
    expect(second - first).toBeLessThan(900);
    expect(third - second).toBeGreaterThanOrEqual(980);
    expect(fake.requests[1].headers["x-stainless-retry-count"]).toBe("1");
    expect(result.usage.latencyMs).toBeGreaterThanOrEqual(1_380);
    expect(result.usage.attempts).toBe(1);
  });

  it("gives up with RateLimitError when 429s outlast the retries", async () => {
    fake.enqueue(...Array.from({ length: 3 }, () => ({ kind: "error" as const, status: 429, retryAfterMs: "10" })));
    const err = await analyzeDialogWithOpenAI(dialog, { client }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(fake.requests).toHaveLength(3);
  });

  it("times out against a server that never answers", async () => {
    const impatient = createOpenAIClient({ apiKey: API_KEY, baseURL: fake.url, maxRetries: 1, timeoutMs: 200 });
    fake.enqueue({ kind: "hang" }, { kind: "hang" });
    const started = Date.now();
    const err = await analyzeDialogWithOpenAI(dialog, { client: impatient }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIConnectionTimeoutError);
    expect(fake.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("waits for the configured delay", async () => {
    fake.setDelay(300);
    const { usage } = await analyzeDialogWithOpenAI(dialog, { client });
    expect(usage.latencyMs).toBeGreaterThanOrEqual(290);
  });
});

describe("replyWithTools", () => {
  const profile = {
    company: "Smile Clinic",
    services: [{ name: "Консультация", price: "0 ₽" }],
    hours: "Mon–Fri 9–18",
  };
  const history = [{ role: "client" as const, text: "Сколько стоит консультация?" }];

  it("returns the text answer, with the profile and rules in the system prompt", async () => {
    fake.enqueue({ kind: "chat", content: "Консультация бесплатная. Когда вам удобно?" });
    const result = await replyWithTools({ profile, history, client });
    expect(result).toMatchObject({ kind: "text", text: "Консультация бесплатная. Когда вам удобно?" });
    const req = fake.requests[0];
    const system = (req.json?.messages as { role: string; content: string }[])[0];
    expect(system.role).toBe("system");
    expect(system.content).toContain("Answer ONLY from the facts in the business profile");
    expect(system.content).toContain("language the client writes in");
    expect(system.content).toContain("hand_off");
    expect(system.content).toContain("Smile Clinic");
    expect((req.json?.messages as { role: string }[])[1].role).toBe("user");
    const names = (req.json?.tools as { function: { name: string; strict: boolean } }[]).map((t) => t.function);
    expect(names.map((f) => f.name)).toEqual(["upsert_lead", "request_callback", "hand_off"]);
    expect(names.every((f) => f.strict)).toBe(true);
    expect(result.usage.promptTokens).toBeGreaterThan(0);
  });

  it("parses each tool call", async () => {
    const lead = { name: "Анна", phone: "+79001234567", need: "реклама", budget: "100 000 ₽" };
    const callback = { phone: null, preferredTime: "завтра в 10", note: "Обсудить рекламу" };
    fake.enqueue({
      kind: "chat",
      toolCalls: [
        { name: "upsert_lead", arguments: lead },
        { name: "request_callback", arguments: callback },
        { name: "book_appointment", arguments: { slot: "2026-11-23T10:00", note: null } },
        { name: "hand_off", arguments: { reason: "Спрашивает про скидку, её нет в профиле" } },
      ],
    });
    const result = await replyWithTools({
      profile,
      history,
      client,
      freeSlots: ["2026-11-23T10:00", "2026-11-23T11:00"],
    });
    expect(result.kind).toBe("tools");
    if (result.kind !== "tools") return;
    expect(result.calls).toEqual([
      { name: "upsert_lead", arguments: lead },
      { name: "request_callback", arguments: callback },
      { name: "book_appointment", arguments: { slot: "2026-11-23T10:00", note: null } },
      { name: "hand_off", arguments: { reason: "Спрашивает про скидку, её нет в профиле" } },
    ]);
    const booking = (req: (typeof fake.requests)[number]) =>
      (req.json?.tools as { function: { name: string; parameters: { properties: { slot: { enum: string[] } } } } }[])
        .map((t) => t.function)
        .find((f) => f.name === "book_appointment");
    expect(booking(fake.requests[0])?.parameters.properties.slot.enum).toEqual([
      "2026-11-23T10:00",
      "2026-11-23T11:00",
    ]);
  });

  it("retries a tool call with arguments outside the schema, then fails", async () => {
    fake.enqueue(
      { kind: "chat", toolCalls: [{ name: "book_appointment", arguments: { slot: "yesterday", note: null } }] },
      { kind: "chat", toolCalls: [{ name: "hand_off", arguments: "{not json" }] },
    );
    const err = await replyWithTools({ profile, history, client, freeSlots: ["2026-11-23T10:00"] }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ReplyFailedError);
    expect((err as ReplyFailedError).reason).toBe("invalid_json");
    expect(fake.requests).toHaveLength(2);
  });
});

describe("speech", () => {
  it("transcribes a voice note sent as multipart", async () => {
    fake.enqueue({ kind: "transcription", text: " Здравствуйте, сколько стоит? " });
    const ogg = new Uint8Array([0x4f, 0x67, 0x67, 0x53, 1, 2, 3]);
    const result = await transcribe(ogg, "audio/ogg; codecs=opus", { client, language: "ru" });
    expect(result).toMatchObject({ text: "Здравствуйте, сколько стоит?", model: "gpt-4o-mini-transcribe" });
    const form = fake.requests[0].form!;
    expect(fake.requests[0].path).toBe("/v1/audio/transcriptions");
    expect(form.model).toBe("gpt-4o-mini-transcribe");
    expect(form.language).toBe("ru");
    expect(form.file).toMatchObject({ name: "voice.ogg", type: "audio/ogg" });
    expect((form.file as { bytes: Uint8Array }).bytes).toEqual(ogg);
  });

  it("speaks text as audio bytes", async () => {
    const bytes = new Uint8Array([0x4f, 0x67, 0x67, 0x53, 9, 9]);
    fake.enqueue({ kind: "speech", bytes, contentType: "audio/ogg" });
    const result = await speak("Добрый день!", { client });
    expect(result.bytes).toEqual(bytes);
    expect(result.contentType).toBe("audio/ogg");
    expect(fake.requests[0].path).toBe("/v1/audio/speech");
    expect(fake.requests[0].json).toMatchObject({
      model: "gpt-4o-mini-tts",
      input: "Добрый день!",
      voice: "alloy",
      response_format: "opus",
    });
  });
});
