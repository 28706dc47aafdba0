import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { sampleFromSchema, strictSchemaProblem, type Schema } from "./openai-schema";

export { sampleFromSchema } from "./openai-schema";

export type RecordedRequest = {
  method: string;
  /** Path including /v1, e.g. "/v1/chat/completions". */
  path: string;
  headers: IncomingMessage["headers"];
  /** The Bearer token, undefined without one. */
  bearer?: string;
  /** Parsed JSON body (chat, responses, speech). */
  json?: Record<string, unknown>;
  /** Multipart fields (transcriptions); files as { name, type, bytes }. */
  form?: Record<string, string | { name: string; type: string; bytes: Uint8Array }>;
  /** Date.now() when it arrived. */
  at: number;
};

export type FakeToolCall = { name: string; arguments: string | Record<string, unknown> };
export type FakeUsage = { prompt_tokens: number; completion_tokens: number };

/** What the fake answers to one request. */
export type FakeAnswer =
  | {
      kind: "chat";
      /** A string is sent as is (so malformed JSON can be sent); an object is JSON-encoded. */
      content?: string | Record<string, unknown> | null;
      toolCalls?: FakeToolCall[];
      refusal?: string;
      finishReason?: "stop" | "length" | "content_filter" | "tool_calls";
      usage?: FakeUsage;
      model?: string;
    }
  /** A /v1/responses answer whose output_text is `text` (an object is JSON-encoded). */
  | {
      kind: "response";
      text: string | Record<string, unknown>;
      usage?: { input_tokens: number; output_tokens: number };
    }
  | { kind: "transcription"; text: string; language?: string }
  | { kind: "speech"; bytes?: Uint8Array; contentType?: string }
  | {
      kind: "error";
      status: number;
      message?: string;
      type?: string;
      code?: string | null;
      param?: string | null;
      /** Seconds (or an HTTP date), sent as `retry-after`. */
      retryAfter?: string;
      /** Milliseconds, sent as `retry-after-ms`. */
      retryAfterMs?: string;
      /** Sent as `x-should-retry`, which overrides the SDK's own retry decision. */
      shouldRetry?: boolean;
    }
  /** Never answers: the client's timeout (or close()) ends the request. */
  | { kind: "hang" }
  | { kind: "raw"; status: number; contentType: string; body: string };

export type FakeHandler = (req: RecordedRequest) => FakeAnswer | undefined | Promise<FakeAnswer | undefined>;

const ROUTES = ["/v1/chat/completions", "/v1/responses", "/v1/audio/transcriptions", "/v1/audio/speech"] as const;

/**
 * The parts of the OpenAI API the CRM uses, as ../shared/wire/openai.md describes them: chat completions
 * (structured output and tool calls), responses, audio transcriptions (multipart) and speech, with Bearer auth,
 * the real envelopes (id/object/created/model/choices/usage), the {error:{message,type,param,code}} envelope and
 * 429s carrying retry-after / retry-after-ms. It also refuses a json_schema that strict mode would refuse, so a
 * schema the real API rejects fails here too.
 *
 * What it answers, first match wins: the queue (enqueue), the handler (setHandler), then a default built from the
 * request (a minimal valid instance of the requested json_schema, "ok", a fixed transcript, a few audio bytes).
 * Every request is recorded; setDelay() makes every answer wait (the benchmark's 300 ms).
 */
export async function startOpenAIFake(opts: { apiKey: string; delayMs?: number }) {
  const requests: RecordedRequest[] = [];
  const queue: FakeAnswer[] = [];
  let handler: FakeHandler | undefined;
  let delayMs = opts.delayMs ?? 0;
  const hanging = new Set<ServerResponse>();

  const server = createServer(async (req, res) => {
    const recorded = await record(req);
    requests.push(recorded);
    if (recorded.bearer !== opts.apiKey) {
      return sendError(res, {
        kind: "error",
        status: 401,
        message: `Incorrect API key provided: ${mask(recorded.bearer ?? "")}.`,
        type: "invalid_request_error",
        code: "invalid_api_key",
      });
    }
    if (req.method !== "POST" || !(ROUTES as readonly string[]).includes(recorded.path)) {
      return sendError(res, {
        kind: "error",
        status: 404,
        message: `Invalid URL (${req.method} ${recorded.path})`,
        type: "invalid_request_error",
        code: null,
      });
    }
    const invalid = validate(recorded);
    if (invalid) return sendError(res, { kind: "error", status: 400, type: "invalid_request_error", ...invalid });

    const answer = queue.shift() ?? (await handler?.(recorded)) ?? defaultAnswer(recorded);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    if (answer.kind === "hang") {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    respond(res, recorded, answer);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    /** The SDK's baseURL: includes /v1. */
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    /** Answers for the next requests, in order, whatever their route. */
    enqueue: (...answers: FakeAnswer[]) => void queue.push(...answers),
    /** Decides answers from the request when the queue is empty; return undefined for the default. */
    setHandler: (fn: FakeHandler | undefined) => void (handler = fn),
    setDelay: (ms: number) => void (delayMs = ms),
    /** Forgets recorded calls, queued answers, the handler and the delay between tests. */
    reset() {
      requests.length = 0;
      queue.length = 0;
      handler = undefined;
      delayMs = opts.delayMs ?? 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type OpenAIFake = Awaited<ReturnType<typeof startOpenAIFake>>;

/** A chat answer whose content is not JSON: what a model cut short or misbehaving returns. */
export const malformedAnswer = (): Extract<FakeAnswer, { kind: "chat" }> => ({
  kind: "chat",
  content: '{"summary": "unterminated',
});

/** The json_schema a chat (response_format) or responses (text.format) request asked for, if any. */
export function requestedSchema(req: RecordedRequest): Record<string, unknown> | undefined {
  const rf = req.json?.response_format as { type?: string; json_schema?: { schema?: unknown } } | undefined;
  if (rf?.type === "json_schema") return rf.json_schema?.schema as Record<string, unknown>;
  const tf = (req.json?.text as { format?: { type?: string; schema?: unknown } } | undefined)?.format;
  if (tf?.type === "json_schema") return tf.schema as Record<string, unknown>;
  return undefined;
}

/** The chat messages' text, system prompt included, for handlers that answer from what was asked. */
export function messagesText(req: RecordedRequest): string {
  const messages = (req.json?.messages ?? req.json?.input ?? []) as { content?: unknown }[];
  return messages.map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content))).join("\n");
}

function validate(r: RecordedRequest): { message: string; param: string | null; code?: string } | undefined {
  const need = (fields: string[], source: Record<string, unknown> | undefined) => {
    const absent = fields.find((f) => source?.[f] === undefined || source[f] === "");
    return absent
      ? { message: `Missing required parameter: '${absent}'.`, param: absent, code: "missing_required_parameter" }
      : undefined;
  };
  if (r.path === "/v1/audio/transcriptions") return need(["file", "model"], r.form);
  if (r.path === "/v1/audio/speech") return need(["model", "input", "voice"], r.json);
  const missing = need(r.path === "/v1/responses" ? ["model", "input"] : ["model", "messages"], r.json);
  if (missing) return missing;
  const schema = requestedSchema(r);
  const rf = r.json?.response_format as { json_schema?: { name?: string } } | undefined;
  const name = rf?.json_schema?.name ?? (r.json?.text as { format?: { name?: string } } | undefined)?.format?.name;
  const problem = schema && strictSchemaProblem(schema);
  if (problem) return { message: `Invalid schema for response_format '${name}': ${problem}`, param: "response_format" };
  for (const tool of (r.json?.tools ?? []) as {
    function?: { name: string; strict?: boolean; parameters?: Schema };
  }[]) {
    const fnProblem =
      tool.function?.strict && tool.function.parameters && strictSchemaProblem(tool.function.parameters);
    if (fnProblem) {
      return { message: `Invalid schema for function '${tool.function?.name}': ${fnProblem}`, param: "tools" };
    }
  }
  return undefined;
}

function defaultAnswer(r: RecordedRequest): FakeAnswer {
  const schema = requestedSchema(r);
  const sample = schema ? JSON.stringify(sampleFromSchema(schema as Schema)) : "ok";
  if (r.path === "/v1/responses") return { kind: "response", text: sample };
  if (r.path === "/v1/audio/transcriptions") return { kind: "transcription", text: "Hello from the fake transcriber." };
  if (r.path === "/v1/audio/speech") return { kind: "speech" };
  return { kind: "chat", content: sample };
}

const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));
const id = (prefix: string) => `${prefix}${randomBytes(12).toString("hex")}`;

function respond(res: ServerResponse, r: RecordedRequest, a: Exclude<FakeAnswer, { kind: "hang" }>) {
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json", "x-request-id": id("req_") });
    res.end(JSON.stringify(body));
  };
  const model = String(r.json?.model ?? r.form?.model ?? "gpt-4.1-mini");
  switch (a.kind) {
    case "error":
      return sendError(res, a);
    case "raw":
      res.writeHead(a.status, { "content-type": a.contentType });
      return res.end(a.body);
    case "speech":
      res.writeHead(200, { "content-type": a.contentType ?? "audio/mpeg" });
      return res.end(Buffer.from(a.bytes ?? new Uint8Array([0x49, 0x44, 0x33, 0x04, 0x00, 0x00])));
    case "transcription": {
      const format = String(r.form?.response_format ?? "json");
      if (format === "text") {
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
        return res.end(a.text);
      }
      if (format === "verbose_json") {
        return json(200, {
          task: "transcribe",
          language: a.language ?? "english",
          duration: 1.5,
          text: a.text,
          segments: [],
        });
      }
      const out = tokens(a.text);
      return json(200, {
        text: a.text,
        usage: model.startsWith("whisper")
          ? { type: "duration", seconds: 2 }
          : {
              type: "tokens",
              input_tokens: 20,
              input_token_details: { text_tokens: 0, audio_tokens: 20 },
              output_tokens: out,
              total_tokens: 20 + out,
            },
      });
    }
    case "response": {
      const text = typeof a.text === "string" ? a.text : JSON.stringify(a.text);
      const usage = a.usage ?? { input_tokens: tokens(messagesText(r)), output_tokens: tokens(text) };
      const format = (r.json?.text as { format?: unknown } | undefined)?.format ?? { type: "text" };
      return json(200, {
        id: id("resp_"),
        object: "response",
        created_at: Math.floor(Date.now() / 1000),
        status: "completed",
        error: null,
        incomplete_details: null,
        instructions: null,
        metadata: {},
        model,
        parallel_tool_calls: true,
        temperature: 1.0,
        top_p: 1.0,
        tool_choice: "auto",
        tools: [],
        output: [
          {
            type: "message",
            id: id("msg_"),
            status: "completed",
            role: "assistant",
            content: [{ type: "output_text", text, annotations: [], logprobs: [] }],
          },
        ],
        text: { format },
        usage: {
          ...usage,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: usage.input_tokens + usage.output_tokens,
        },
      });
    }
    case "chat": {
      const content =
        a.content === undefined
          ? a.toolCalls
            ? null
            : "ok"
          : typeof a.content === "string" || a.content === null
            ? a.content
            : JSON.stringify(a.content);
      const toolCalls = a.toolCalls?.map((c) => ({
        id: id("call_"),
        type: "function",
        function: {
          name: c.name,
          arguments: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments),
        },
      }));
      const usage = a.usage ?? {
        prompt_tokens: tokens(messagesText(r)),
        completion_tokens: tokens(content ?? JSON.stringify(toolCalls ?? [])),
      };
      return json(200, {
        id: id("chatcmpl-"),
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: a.model ?? model,
        choices: [
          {
            index: 0,
            message: {
              role: "assistant",
              content: a.refusal ? null : content,
              refusal: a.refusal ?? null,
              annotations: [],
              ...(toolCalls ? { tool_calls: toolCalls } : {}),
            },
            logprobs: null,
            finish_reason: a.finishReason ?? (toolCalls ? "tool_calls" : "stop"),
          },
        ],
        usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
        system_fingerprint: "fp_fake",
      });
    }
  }
}

function sendError(res: ServerResponse, e: Extract<FakeAnswer, { kind: "error" }>) {
  const headers: Record<string, string> = { "content-type": "application/json", "x-request-id": id("req_") };
  if (e.retryAfter !== undefined) headers["retry-after"] = e.retryAfter;
  if (e.retryAfterMs !== undefined) headers["retry-after-ms"] = e.retryAfterMs;
  if (e.shouldRetry !== undefined) headers["x-should-retry"] = String(e.shouldRetry);
  const rateLimited = e.status === 429;
  res.writeHead(e.status, headers);
  res.end(
    JSON.stringify({
      error: {
        message:
          e.message ??
          (rateLimited
            ? "Rate limit reached for gpt-4.1-mini in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s."
            : "The server had an error while processing your request."),
        type: e.type ?? (rateLimited ? "requests" : "server_error"),
        param: e.param ?? null,
        code: e.code === undefined ? (rateLimited ? "rate_limit_exceeded" : null) : e.code,
      },
    }),
  );
}

function mask(key: string) {
  return key.length > 8 ? `${key.slice(0, 3)}*****${key.slice(-4)}` : "*****";
}

async function record(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks);
  const url = new URL(req.url ?? "/", "http://fake");
  const type = req.headers["content-type"] ?? "";
  const auth = req.headers.authorization;
  const recorded: RecordedRequest = {
    method: req.method ?? "GET",
    path: url.pathname,
    headers: req.headers,
    bearer: auth?.startsWith("Bearer ") ? auth.slice(7) : undefined,
    at: Date.now(),
  };
  if (type.startsWith("application/json") && body.length) recorded.json = JSON.parse(body.toString("utf8"));
  if (type.startsWith("multipart/form-data")) {
    // undici's multipart parser: the same one fetch uses, so the SDK's encoding is checked by a real reader.
    const form = await new Response(body, { headers: { "content-type": type } }).formData();
    recorded.form = {};
    for (const [key, value] of form.entries()) {
      recorded.form[key] =
        typeof value === "string"
          ? value
          : { name: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) };
    }
  }
  return recorded;
}
