import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Message, Update, User } from "grammy/types";

/**
 * A local Telegram Bot API following ../shared/wire/telegram.md: `/bot<token>/<method>` (method names
 * case-insensitive; parameters as query string, JSON, urlencoded or multipart), the `{ok, result}` and
 * `{ok:false, error_code, description, parameters}` envelopes with the HTTP status equal to error_code,
 * `Retry-After` on 429, long-polling getUpdates with offsets, and `/file/bot<token>/<path>` downloads.
 */

export const DEFAULT_BOT_TOKEN = "807000001:AAFakeTokenForTestsOnly_abcdefghijklmno";

export type UploadedFile = { fileName?: string; contentType?: string; bytes: Buffer };
export type RecordedCall = {
  /** As the client spelled it (Telegram lower-cases it to match). */
  method: string;
  token: string;
  /** Query string and body merged; form and multipart values are strings, JSON-looking ones decoded. */
  params: Record<string, unknown>;
  files: Record<string, UploadedFile>;
  contentType: string | undefined;
  /** The HTTP status answered; undefined while a long poll is still open. */
  status?: number;
};
export type TelegramFault =
  | { error_code: number; description: string; parameters?: { retry_after?: number; migrate_to_chat_id?: number } }
  /** The connection is dropped without an answer: the client sees a network error. */
  | "network";

export const faults = {
  tooManyRequests: (retryAfter = 1): TelegramFault => ({
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  }),
  blocked: (): TelegramFault => ({ error_code: 403, description: "Forbidden: bot was blocked by the user" }),
  chatNotFound: (): TelegramFault => ({ error_code: 400, description: "Bad Request: chat not found" }),
  internal: (): TelegramFault => ({ error_code: 500, description: "Internal Server Error: restart" }),
  network: (): TelegramFault => "network",
};

type Webhook = { url: string; secret_token?: string; allowed_updates?: string[] };
type StoredFile = { file_id: string; file_unique_id: string; file_path: string; bytes: Buffer; mimeType?: string };
type Bot = { user: User; updates: Update[]; webhook?: Webhook; poll?: { wake: (reason?: "conflict") => void } };
type Answer = { status: number; body: unknown; headers?: Record<string, string> };

class ApiFailure extends Error {
  constructor(
    readonly error_code: number,
    readonly description: string,
  ) {
    super(description);
  }
}

export type TelegramFake = Awaited<ReturnType<typeof startTelegramFake>>;

export async function startTelegramFake(options: { tokens?: string[]; botUsername?: string } = {}) {
  const tokens = options.tokens ?? [DEFAULT_BOT_TOKEN];
  const bots = new Map<string, Bot>();
  for (const token of tokens) {
    const id = Number(token.split(":")[0]);
    const username = options.botUsername ?? `fake_${id}_bot`;
    bots.set(token, { user: { id, is_bot: true, first_name: "CRM Bot", username }, updates: [] });
  }
  const calls: RecordedCall[] = [];
  const pendingFaults: { fault: TelegramFault; remaining: number; method?: string }[] = [];
  const blockedChats = new Set<string>();
  const files = new Map<string, StoredFile>();
  const sent: Message[] = [];
  const nextMessageId = new Map<string, number>();
  let nextUpdateId = 900_000_000;

  const addFile = (bytes: Buffer, info: { filePath?: string; mimeType?: string } = {}) => {
    const unique = randomBytes(6).toString("base64url");
    const file: StoredFile = {
      file_id: `BQACAgIAAx${randomBytes(24).toString("base64url")}`,
      file_unique_id: `AgAD${unique}`,
      file_path: info.filePath ?? `documents/file_${files.size}.dat`,
      bytes,
      mimeType: info.mimeType,
    };
    files.set(file.file_id, file);
    return { file_id: file.file_id, file_unique_id: file.file_unique_id, file_path: file.file_path };
  };

  const takeFault = (method: string) => {
    const index = pendingFaults.findIndex((f) => !f.method || f.method.toLowerCase() === method);
    if (index === -1) return undefined;
    const entry = pendingFaults[index];
    if (--entry.remaining <= 0) pendingFaults.splice(index, 1);
    return entry.fault;
  };

  const methods: Record<string, (bot: Bot, call: RecordedCall, res: ServerResponse) => unknown> = {
    getme: (bot) => ({ ...bot.user, can_join_groups: true, can_read_all_group_messages: false }),
    getupdates: (bot, call, res) => getUpdates(bot, call.params, res),
    setwebhook: (bot, { params }) => setWebhook(bot, params),
    deletewebhook: (bot, { params }) => {
      if (params.drop_pending_updates === true || params.drop_pending_updates === "true") bot.updates = [];
      const had = Boolean(bot.webhook);
      bot.webhook = undefined;
      return described(true, had ? "Webhook was deleted" : "Webhook is already deleted");
    },
    getwebhookinfo: (bot) => ({
      url: bot.webhook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: bot.updates.length,
      ...(bot.webhook?.allowed_updates ? { allowed_updates: bot.webhook.allowed_updates } : {}),
    }),
    sendmessage: (bot, call) => {
      const text = call.params.text;
      if (typeof text !== "string" || text === "") throw new ApiFailure(400, "Bad Request: message text is empty");
      if (text.length > 4096) throw new ApiFailure(400, "Bad Request: message is too long");
      return message(bot, call, { text });
    },
    sendphoto: (bot, call) => message(bot, call, { photo: [{ ...upload(call, "photo"), width: 800, height: 600 }] }),
    senddocument: (bot, call) => message(bot, call, { document: upload(call, "document") }),
    sendvoice: (bot, call) => message(bot, call, { voice: { ...upload(call, "voice"), duration: 1 } }),
    sendaudio: (bot, call) => message(bot, call, { audio: { ...upload(call, "audio"), duration: 1 } }),
    sendvideo: (bot, call) =>
      message(bot, call, { video: { ...upload(call, "video"), duration: 1, width: 640, height: 360 } }),
    sendsticker: (bot, call) => message(bot, call, { sticker: upload(call, "sticker") }),
    sendmediagroup: (bot, call) => {
      const media = call.params.media;
      if (!Array.isArray(media) || media.length < 2 || media.length > 10) {
        throw new ApiFailure(400, "Bad Request: media must include 2-10 items");
      }
      const group = randomBytes(8).toString("hex");
      return media.map((item: { type: string; media: unknown; caption?: string }) => {
        const file = resolveFile(call, item.media, item.type);
        const content =
          item.type === "photo" ? { photo: [{ ...file, width: 800, height: 600 }] } : { [item.type]: file };
        return message(bot, call, { ...content, media_group_id: group, caption: item.caption });
      });
    },
    getfile: (_bot, { params }) => {
      const file = files.get(String(params.file_id ?? ""));
      if (!file) throw new ApiFailure(400, "Bad Request: invalid file_id");
      const { file_id, file_unique_id, file_path, bytes } = file;
      return { file_id, file_unique_id, file_size: bytes.length, file_path };
    },
  };

  function message(bot: Bot, call: RecordedCall, content: Record<string, unknown>): Message {
    const chatId = String(call.params.chat_id ?? "");
    if (chatId === "") throw new ApiFailure(400, "Bad Request: chat_id is empty");
    if (!/^-?\d+$/.test(chatId)) throw new ApiFailure(400, "Bad Request: chat not found");
    if (blockedChats.has(chatId)) throw new ApiFailure(403, "Forbidden: bot was blocked by the user");
    const caption = content.caption ?? call.params.caption;
    if (typeof caption === "string" && caption.length > 1024) {
      throw new ApiFailure(400, "Bad Request: message caption is too long");
    }
    const messageId = (nextMessageId.get(chatId) ?? 0) + 1;
    nextMessageId.set(chatId, messageId);
    const result = {
      message_id: messageId,
      from: bot.user,
      chat: { id: Number(chatId), type: Number(chatId) > 0 ? "private" : "supergroup", first_name: "Client" },
      date: Math.floor(Date.now() / 1000),
      ...(typeof caption === "string" && caption !== "" ? { caption } : {}),
      ...content,
    } as unknown as Message;
    sent.push(result);
    return result;
  }

  /** A file field: an upload (direct part or "attach://<part>"), a known file_id, or an http(s) URL. */
  function upload(call: RecordedCall, field: string) {
    if (call.params[field] === undefined && !call.files[field]) {
      throw new ApiFailure(400, `Bad Request: there is no ${field} in the request`);
    }
    return resolveFile(call, call.params[field] ?? `attach://${field}`, field);
  }

  function resolveFile(call: RecordedCall, value: unknown, kind: string) {
    const ref = String(value);
    const part = ref.startsWith("attach://") ? call.files[ref.slice("attach://".length)] : undefined;
    let stored: StoredFile | undefined;
    if (part) {
      const { file_id } = addFile(part.bytes, { filePath: `${kind}s/${part.fileName ?? `file_${files.size}`}` });
      stored = files.get(file_id)!;
    } else if (/^https?:\/\//.test(ref)) {
      stored = files.get(addFile(Buffer.alloc(0), { filePath: `${kind}s/from_url_${files.size}` }).file_id)!;
    } else {
      stored = files.get(ref);
    }
    if (!stored) throw new ApiFailure(400, "Bad Request: wrong file identifier/HTTP URL specified");
    return { file_id: stored.file_id, file_unique_id: stored.file_unique_id, file_size: stored.bytes.length };
  }

  function setWebhook(bot: Bot, params: Record<string, unknown>) {
    const url = String(params.url ?? "");
    if (url === "") {
      const had = Boolean(bot.webhook);
      bot.webhook = undefined;
      return described(true, had ? "Webhook was deleted" : "Webhook is already deleted");
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ApiFailure(400, "Bad Request: invalid webhook URL specified");
    }
    if (parsed.protocol !== "https:") {
      throw new ApiFailure(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
    }
    const secret = params.secret_token === undefined ? undefined : String(params.secret_token);
    if (secret !== undefined && secret.length > 256) throw new ApiFailure(400, "Bad Request: secret token is too long");
    if (secret !== undefined && !/^[A-Za-z0-9_-]*$/.test(secret)) {
      throw new ApiFailure(400, "Bad Request: secret token contains unallowed characters");
    }
    if (params.drop_pending_updates === true || params.drop_pending_updates === "true") bot.updates = [];
    const next: Webhook = {
      url,
      secret_token: secret,
      allowed_updates: params.allowed_updates as string[] | undefined,
    };
    const same = JSON.stringify(next) === JSON.stringify(bot.webhook);
    bot.webhook = next;
    bot.poll?.wake("conflict");
    return described(true, same ? "Webhook is already set" : "Webhook was set");
  }

  /** Confirms everything before `offset`, then answers at once or waits up to `timeout` seconds. */
  async function getUpdates(bot: Bot, params: Record<string, unknown>, res: ServerResponse) {
    if (bot.webhook) {
      throw new ApiFailure(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    const offset = params.offset === undefined ? 0 : Number(params.offset);
    const limit = Math.min(100, Math.max(1, Number(params.limit ?? 100)));
    const timeout = Math.max(0, Number(params.timeout ?? 0));
    if (offset < 0) bot.updates = bot.updates.slice(offset);
    else if (offset > 0) bot.updates = bot.updates.filter((u) => u.update_id >= offset);
    // Only one getUpdates per bot: a newer request ends the older one, as the real server does.
    bot.poll?.wake("conflict");
    if (bot.updates.length === 0 && timeout > 0) {
      const reason = await new Promise<"conflict" | undefined>((resolve) => {
        const timer = setTimeout(() => finish(undefined), timeout * 1000);
        const poll = { wake: (why?: "conflict") => finish(why) };
        const finish = (why?: "conflict") => {
          clearTimeout(timer);
          res.off("close", onClose);
          if (bot.poll === poll) bot.poll = undefined;
          resolve(why);
        };
        // The response closing before we answered means the client went away (aborted, timed out).
        const onClose = () => finish(undefined);
        res.on("close", onClose);
        bot.poll = poll;
      });
      if (reason === "conflict") {
        throw new ApiFailure(
          409,
          "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
        );
      }
    }
    return bot.updates.slice(0, limit);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => send(res, { status: 500, body: envelopeError(500, String(error)) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (download) {
      const file = bots.has(download[1])
        ? [...files.values()].find((f) => f.file_path === decodeURIComponent(download[2]))
        : undefined;
      if (!file) return send(res, { status: 404, body: envelopeError(404, "Not Found") });
      res.writeHead(200, { "content-type": file.mimeType ?? "application/octet-stream" });
      return void res.end(file.bytes);
    }
    const match = /^\/bot([^/]*)\/([^/]+)$/.exec(url.pathname);
    if (!match) return send(res, { status: 404, body: envelopeError(404, "Not Found") });
    const [, token, method] = match;
    // Recorded before the token is checked, so tests can see what a client with a bad token sent.
    const call: RecordedCall = { method, token, contentType: req.headers["content-type"], params: {}, files: {} };
    await readParams(req, url, call);
    calls.push(call);
    const reply = (answer: Answer) => {
      call.status = answer.status;
      send(res, answer);
    };
    const bot = bots.get(token);
    if (!bot) return reply({ status: 401, body: envelopeError(401, "Unauthorized") });
    const handler = methods[method.toLowerCase()];
    if (!handler) return reply({ status: 404, body: envelopeError(404, "Not Found: method not found") });
    const fault = takeFault(method.toLowerCase());
    if (fault === "network") {
      call.status = 0;
      return void req.socket.destroy();
    }
    let answer: Answer;
    if (fault) answer = failure(fault.error_code, fault.description, fault.parameters);
    else {
      try {
        const result = await handler(bot, call, res);
        answer = { status: 200, body: result instanceof Described ? result.body : { ok: true, result } };
      } catch (error) {
        if (!(error instanceof ApiFailure)) throw error;
        answer = failure(error.error_code, error.description);
      }
    }
    reply(answer);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const botFor = (token: string) => {
    const bot = bots.get(token);
    if (!bot) throw new Error(`the fake does not know the token ${token}`);
    return bot;
  };

  return {
    /** Give this as TELEGRAM_API_ROOT (grammY's client.apiRoot). */
    apiRoot: `http://127.0.0.1:${port}`,
    token: tokens[0],
    tokens,
    calls,
    callsTo: (method: string) => calls.filter((c) => c.method.toLowerCase() === method.toLowerCase()),
    /** Every message the bots sent (sendMessage, sendPhoto, …), as the fake answered them. */
    sent,
    bot: (token = tokens[0]) => botFor(token).user,
    /** Queues an update for getUpdates (an update_id is assigned when missing) and wakes a waiting poll. */
    enqueueUpdate(update: Omit<Update, "update_id"> & { update_id?: number }, token = tokens[0]): Update {
      const bot = botFor(token);
      const full = { ...update, update_id: update.update_id ?? ++nextUpdateId } as Update;
      nextUpdateId = Math.max(nextUpdateId, full.update_id);
      bot.updates.push(full);
      bot.poll?.wake();
      return full;
    },
    /** Updates not yet confirmed by a getUpdates offset. */
    pendingUpdates: (token = tokens[0]) => [...botFor(token).updates],
    webhook: (token = tokens[0]) => botFor(token).webhook,
    /** The next `count` calls (to `method`, or to any method) fail with this fault. */
    failNext(fault: TelegramFault, { count = 1, method }: { count?: number; method?: string } = {}) {
      pendingFaults.push({ fault, remaining: count, method });
    },
    /** Sends to this chat answer 403 "Forbidden: bot was blocked by the user" from now on. */
    blockChat: (chatId: number | string) => void blockedChats.add(String(chatId)),
    /** A file the bot can getFile and download, as if a client had sent it. */
    addFile,
    /** Posts an update to the registered webhook with its secret, as Telegram would. */
    async deliverWebhook(update: Update, token = tokens[0]) {
      const hook = botFor(token).webhook;
      if (!hook) throw new Error("no webhook is set");
      return fetch(hook.url, signedUpdate(hook.secret_token, update));
    },
    reset() {
      calls.length = 0;
      sent.length = 0;
      pendingFaults.length = 0;
      blockedChats.clear();
      for (const bot of bots.values()) {
        bot.updates = [];
        bot.webhook = undefined;
        bot.poll?.wake();
      }
    },
    async close() {
      for (const bot of bots.values()) bot.poll?.wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The request Telegram makes to a webhook: usable as `new Request(url, init)` or `fetch(url, init)`. */
export function signedUpdate(secret: string | undefined, update: Update | Record<string, unknown>) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (secret !== undefined) headers["x-telegram-bot-api-secret-token"] = secret;
  return { method: "POST", headers, body: JSON.stringify(update) };
}

let builtUpdateId = 700_000_000;
let builtMessageId = 1_000;

/** A realistic private-chat text update (the shape of wire/fixtures/telegram/update_text_message.json). */
export function textUpdate(
  text: string,
  options: { chatId?: number; from?: Partial<User>; updateId?: number; messageId?: number } = {},
): Update {
  const chatId = options.chatId ?? 714862471;
  const from: User = { id: chatId, is_bot: false, first_name: "Chris", username: "candyflipline", ...options.from };
  return {
    update_id: options.updateId ?? ++builtUpdateId,
    message: {
      message_id: options.messageId ?? ++builtMessageId,
      from,
      chat: { id: chatId, type: "private", first_name: from.first_name, username: from.username },
      date: Math.floor(Date.now() / 1000),
      text,
      ...(text.startsWith("/")
        ? { entities: [{ offset: 0, length: text.split(" ")[0].length, type: "bot_command" }] }
        : {}),
    },
  } as Update;
}

class Described {
  constructor(readonly body: { ok: true; result: unknown; description: string }) {}
}
const described = (result: unknown, description: string) => new Described({ ok: true, result, description });

const envelopeError = (code: number, description: string) => ({ ok: false, error_code: code, description });

function failure(code: number, description: string, parameters?: Record<string, unknown>): Answer {
  const body = { ...envelopeError(code, description), ...(parameters ? { parameters } : {}) };
  const retryAfter = parameters?.retry_after;
  return { status: code, body, headers: retryAfter === undefined ? undefined : { "retry-after": String(retryAfter) } };
}

function send(res: ServerResponse, answer: Answer) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
  res.end(JSON.stringify(answer.body));
}

async function readParams(req: IncomingMessage, url: URL, call: RecordedCall) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const fields: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (type.startsWith("application/json") && body.length > 0) Object.assign(fields, JSON.parse(body.toString("utf8")));
  else if (type.startsWith("application/x-www-form-urlencoded")) {
    Object.assign(fields, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
  } else if (type.startsWith("multipart/form-data")) {
    const boundary = /boundary="?([^";]+)"?/i.exec(req.headers["content-type"] ?? "")?.[1] ?? "";
    parseMultipart(body, boundary, fields, call.files);
  }
  // Form values are strings; objects and arrays (reply_parameters, allowed_updates, media) travel as JSON.
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "string" && /^[[{]/.test(value)) {
      try {
        fields[key] = JSON.parse(value);
      } catch {
        // a plain string that happens to start with a bracket
      }
    }
  }
  call.params = fields;
}

function parseMultipart(body: Buffer, boundary: string, fields: Record<string, unknown>, files: RecordedCall["files"]) {
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    let start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    if (body[start] === 13 && body[start + 1] === 10) start += 2;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const end = body[next - 2] === 13 && body[next - 1] === 10 ? next - 2 : next;
    const part = body.subarray(start, end);
    const split = part.indexOf("\r\n\r\n");
    const head = part.subarray(0, split).toString("utf8");
    const content = part.subarray(split + 4);
    const name = /;\s*name="([^"]*)"/i.exec(head)?.[1];
    const fileName = /;\s*filename="?([^";\r\n]*)"?/i.exec(head)?.[1];
    if (name !== undefined) {
      if (fileName !== undefined) {
        files[name] = { fileName, contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1], bytes: content };
      } else fields[name] = content.toString("utf8");
    }
    at = next;
  }
}
