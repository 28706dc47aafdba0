import { createHash, createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { WebhookRequest } from "@/lib/channels/types";

/**
 * The part of the Meta Graph API that the WhatsApp Cloud and Instagram channels call, following
 * ../shared/wire/meta.md and the recorded cassettes in fixtures/meta/: versioned paths (/v23.0/…), a Bearer
 * token, Graph's error envelope, Meta's JSON escaping (`\/`, `\uXXXX`) in answers. Point the app at it with
 * META_GRAPH_API_URL = fake.url. It records every call and can be told to fail.
 * Below the server: helpers to build webhook deliveries exactly as Meta signs and sends them.
 */

export type MetaCall = {
  method: string;
  /** The path after the version, e.g. `381738275021314/messages`. */
  path: string;
  version: string | undefined;
  query: Record<string, string>;
  authorization: string | undefined;
  body: unknown;
  /** What the fake answered (the JSON, before Meta's escaping). */
  status?: number;
  response?: unknown;
};

export type FakeTemplate = {
  id: string;
  name: string;
  language: string;
  category: string;
  status: string;
  components: Array<{ type: string; text?: string; example?: unknown }>;
  parameter_format?: string;
  rejected_reason?: string;
};

type GraphFault = { status: number; error: Record<string, unknown>; headers?: Record<string, string> };
export type MetaFaultKind = "429" | "130429" | "131047" | "500" | GraphFault;

export type MetaFakeOptions = {
  /** Tokens the fake accepts (a System User token, an Instagram Login IGAA… token); the first is `accessToken`. */
  accessToken?: string | string[];
  phoneNumbers?: Array<{ id: string; displayPhoneNumber: string; verifiedName: string }>;
  /** pageId: the linked Facebook Page, which answers for the account like /me does. */
  igAccounts?: Array<{ id: string; username: string; pageId?: string }>;
  wabaId?: string;
  templates?: FakeTemplate[];
  /** Templates per page of GET message_templates (Graph's default is 25). */
  templatePageSize?: number;
};

const trace = () => randomBytes(12).toString("base64url");

/** Meta's serialisation: `/` as `\/`, and `<`, `%`, `@` and every non-ASCII character as \uXXXX. */
export function metaJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, "\\/")
    .replace(/[<%@\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function graphError(code: number, message: string, extra: Record<string, unknown> = {}) {
  return { error: { message, type: "OAuthException", code, ...extra, fbtrace_id: trace() } };
}

const unsupported = (method: string, id: string) => ({
  error: {
    message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    type: "GraphMethodException",
    code: 100,
    error_subcode: 33,
    fbtrace_id: trace(),
  },
});

const invalidParameter = (details: string) =>
  graphError(100, "(#100) Invalid parameter", { error_data: { messaging_product: "whatsapp", details } });

function faultFor(kind: MetaFaultKind, retryAfterSec?: number): GraphFault {
  const headers: Record<string, string> = retryAfterSec === undefined ? {} : { "retry-after": String(retryAfterSec) };
  const throughput = graphError(130429, "(#130429) Rate limit hit", {
    error_data: { messaging_product: "whatsapp", details: "Cloud API message throughput has been reached." },
  });
  switch (kind) {
    case "429":
      return { status: 429, error: throughput, headers };
    case "130429":
      return { status: 400, error: throughput, headers };
    case "131047":
      return {
        status: 400,
        error: graphError(131047, "(#131047) Re-engagement message", {
          error_data: {
            messaging_product: "whatsapp",
            details:
              "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
          },
        }),
      };
    case "500":
      return {
        status: 500,
        error: graphError(2, "An unexpected error has occurred. Please retry your request later.", {
          is_transient: true,
        }),
      };
    default:
      return kind;
  }
}

export async function startMetaFake(options: MetaFakeOptions = {}) {
  const tokens = [options.accessToken ?? "EAAG-fake-access-token"].flat();
  const accessToken = tokens[0];
  const phoneNumbers = options.phoneNumbers ?? [
    { id: "381738275021314", displayPhoneNumber: "15556221967", verifiedName: "Relay Test" },
  ];
  const igAccounts = options.igAccounts ?? [
    { id: "17841472110558136", username: "relay_test", pageId: "106000000000001" },
  ];
  const wabaId = options.wabaId ?? "358127370715582";
  const initialTemplates = structuredClone(options.templates ?? []);
  const templates: FakeTemplate[] = structuredClone(initialTemplates);
  const pageSize = options.templatePageSize ?? 25;
  const calls: MetaCall[] = [];
  const faults: Array<{ fault: GraphFault; path?: RegExp; times: number }> = [];
  const media = new Map<string, { bytes: Buffer; mimeType: string }>();
  const callOf = new WeakMap<ServerResponse, MetaCall>();
  let url = "";

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const call = callOf.get(res);
    if (call) Object.assign(call, { status, response: body });
    const error = (body as { error?: { message: string } }).error;
    res.writeHead(status, {
      "content-type": "application/json; charset=UTF-8",
      "facebook-api-version": "v23.0",
      "x-fb-trace-id": trace(),
      "x-fb-request-id": trace(),
      // As recorded: Graph repeats an invalid request's message in WWW-Authenticate.
      ...(error && status < 500
        ? { "www-authenticate": `OAuth "Facebook Platform" "invalid_request" "${error.message}"` }
        : {}),
      ...headers,
    });
    res.end(metaJson(body));
  };

  function whatsappSend(to: string | undefined, body: Record<string, unknown>) {
    if (body.messaging_product !== "whatsapp") return invalidParameter("messaging_product must be whatsapp");
    if (body.status === "read")
      return typeof body.message_id === "string" ? { success: true } : invalidParameter("message_id is required");
    if (!to) return graphError(100, "(#100) The parameter to is required.");
    const type = String(body.type ?? "text");
    const content = body[type] as Record<string, unknown> | undefined;
    if (!content || typeof content !== "object") return invalidParameter(`${type} object is required`);
    if (type === "text" && !(typeof content.body === "string" && content.body.length))
      return invalidParameter("text.body is required");
    if (["image", "audio", "video", "document", "sticker"].includes(type) && !content.id === !content.link) {
      return invalidParameter(`${type} needs exactly one of id or link`);
    }
    if (type === "template") {
      const lang = content.language as { code?: string } | undefined;
      if (typeof content.name !== "string" || !lang?.code)
        return invalidParameter("template.name and template.language.code are required");
      if (!templates.some((t) => t.name === content.name && t.language === lang.code && t.status === "APPROVED")) {
        return graphError(132001, "(#132001) Template name does not exist in the translation", {
          error_data: {
            messaging_product: "whatsapp",
            details: `template name (${content.name}) does not exist in ${lang.code}`,
          },
        });
      }
    }
    const waId = to.replace(/\D/g, "");
    const id = `wamid.${Buffer.from(`${waId}:${randomBytes(9).toString("hex").toUpperCase()}`).toString("base64")}`;
    return {
      messaging_product: "whatsapp",
      contacts: [{ input: to, wa_id: waId }],
      // The recordings show message_status only on template sends.
      messages: [type === "template" ? { id, message_status: "accepted" } : { id }],
    };
  }

  function instagramSend(body: Record<string, unknown>) {
    const recipient = body.recipient as { id?: string } | undefined;
    const message = body.message as
      { text?: string; attachment?: { type?: string; payload?: { url?: string } } } | undefined;
    if (!recipient?.id) return graphError(100, "(#100) The parameter recipient is required");
    if (!message || !message.text === !message.attachment)
      return graphError(100, "(#100) Param message must contain text or attachment");
    if (message.attachment && !(message.attachment.type && message.attachment.payload?.url)) {
      return graphError(100, "(#100) Invalid attachment: type and payload.url are required");
    }
    return { recipient_id: recipient.id, message_id: `aWdf${randomBytes(24).toString("base64url")}` };
  }

  function templatesList(query: Record<string, string>) {
    const limit = Math.min(Number(query.limit ?? pageSize) || pageSize, pageSize);
    const start = query.after ? Number(Buffer.from(query.after, "base64url").toString()) : 0;
    const page = templates.slice(start, start + limit);
    const cursor = (n: number) => Buffer.from(String(n)).toString("base64url");
    const more = start + limit < templates.length;
    return {
      data: page,
      paging: {
        cursors: { before: cursor(start), after: cursor(start + page.length) },
        ...(more
          ? { next: `${url}/v23.0/${wabaId}/message_templates?limit=${limit}&after=${cursor(start + page.length)}` }
          : {}),
      },
    };
  }

  function templatesCreate(body: Record<string, unknown>) {
    const name = body.name;
    const components = body.components as FakeTemplate["components"] | undefined;
    if (typeof name !== "string" || !/^[a-z0-9_]+$/.test(name))
      return invalidParameter("name must be lowercase letters, digits, underscores");
    if (typeof body.language !== "string" || !body.category || !Array.isArray(components)) {
      return invalidParameter("language, category and components are required");
    }
    if (!["MARKETING", "UTILITY", "AUTHENTICATION"].includes(String(body.category)))
      return invalidParameter("invalid category");
    const text = components.find((c) => c.type === "BODY")?.text;
    if (!text) return invalidParameter("a BODY component with text is required");
    if (/\{\{/.test(text) && !components.find((c) => c.type === "BODY")?.example) {
      return invalidParameter("variables need example values");
    }
    if (templates.some((t) => t.name === name && t.language === body.language)) {
      return graphError(100, "(#100) Invalid parameter", {
        error_subcode: 2388024,
        error_user_title: "Content in this language already exists",
        error_user_msg: `${name} already has content in ${body.language}.`,
      });
    }
    const t: FakeTemplate = {
      id: String(Date.now()) + String(templates.length),
      name,
      language: body.language,
      category: String(body.category),
      status: "PENDING",
      components,
      parameter_format: String(body.parameter_format ?? "POSITIONAL"),
    };
    templates.push(t);
    return { id: t.id, status: t.status, category: t.category };
  }

  const server = createServer(async (req, res) => {
    const u = new URL(req.url ?? "/", url);
    const raw = await readBody(req);
    const authorization = req.headers.authorization;
    const token = authorization?.startsWith("Bearer ") ? authorization.slice(7) : u.searchParams.get("access_token");
    const m = /^\/(v\d+\.\d+)\/(.*)$/.exec(u.pathname);
    const path = (m ? m[2] : u.pathname.slice(1)).replace(/\/$/, "");
    let body: unknown = undefined;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return send(res, 400, graphError(100, "(#100) The request body is not valid JSON"));
    }
    const query = Object.fromEntries(u.searchParams);
    const call: MetaCall = { method: req.method ?? "GET", path, version: m?.[1], query, authorization, body };
    calls.push(call);
    callOf.set(res, call);

    if (!token) return send(res, 401, graphError(104, "An access token is required to request this resource."));
    if (!tokens.includes(token))
      return send(res, 401, graphError(190, "Invalid OAuth access token - Cannot parse access token"));

    // The CDN URL GET /{media-id} hands out: same Bearer token, raw bytes.
    if (u.pathname.startsWith("/whatsapp_business/attachments/")) {
      const blob = media.get(u.searchParams.get("mid") ?? "");
      if (!blob) return send(res, 404, graphError(100, "not found"));
      res.writeHead(200, { "content-type": blob.mimeType, "content-length": String(blob.bytes.length) });
      return res.end(blob.bytes);
    }
    if (!m) return send(res, 400, graphError(2500, "(fake) unversioned Graph path: the app always sends a version"));

    const i = faults.findIndex((f) => !f.path || f.path.test(path));
    if (i >= 0) {
      const f = faults[i];
      if (--f.times <= 0) faults.splice(i, 1);
      return send(res, f.fault.status, f.fault.error, f.fault.headers);
    }

    const [id, edge, ...rest] = path.split("/");
    const phone = phoneNumbers.find((p) => p.id === id);
    const ig = id === "me" ? igAccounts[0] : igAccounts.find((a) => a.id === id || a.pageId === id);
    const reply = (result: unknown, headers?: Record<string, string>) =>
      send(res, (result as { error?: unknown }).error ? 400 : 200, result, headers);
    const usage = {
      "x-business-use-case-usage": metaJson({
        [wabaId]: [{ type: "whatsapp", call_count: 1, estimated_time_to_regain_access: 0 }],
      }),
    };

    if (rest.length === 0 && req.method === "POST" && edge === "messages") {
      const b = (body ?? {}) as Record<string, unknown>;
      if (phone) return reply(whatsappSend(b.to === undefined ? undefined : String(b.to), b), usage);
      if (ig) return reply(instagramSend(b));
      return reply(unsupported("POST", id));
    }
    if (rest.length === 0 && edge === "message_templates" && id === wabaId) {
      if (req.method === "GET") return send(res, 200, templatesList(query));
      if (req.method === "POST") return reply(templatesCreate((body ?? {}) as Record<string, unknown>));
    }
    if (edge === undefined && req.method === "GET") {
      const fields = (query.fields ?? "").split(",").filter(Boolean);
      const pick = (all: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(all).filter(([k]) => k === "id" || fields.includes(k)));
      if (phone) {
        return send(
          res,
          200,
          pick({
            id,
            display_phone_number: phone.displayPhoneNumber,
            verified_name: phone.verifiedName,
            quality_rating: "GREEN",
          }),
          usage,
        );
      }
      if (ig) return send(res, 200, pick({ id: ig.id, username: ig.username, name: ig.username }));
      const blob = media.get(id);
      if (blob) {
        return send(res, 200, {
          url: `${url}/whatsapp_business/attachments/?mid=${id}&ext=${Math.floor(Date.now() / 1000)}&hash=${trace()}`,
          mime_type: blob.mimeType,
          sha256: createHash("sha256").update(blob.bytes).digest("hex"),
          file_size: blob.bytes.length,
          id,
          messaging_product: "whatsapp",
        });
      }
    }
    return reply(unsupported(req.method ?? "GET", id));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    accessToken,
    phoneNumbers,
    igAccounts,
    wabaId,
    templates,
    calls,
    /** Calls to `<id>/messages`, the sends. */
    sends: () => calls.filter((c) => c.method === "POST" && c.path.endsWith("/messages")),
    /** The next `times` matching requests (any path unless given) answer with this fault. */
    fail(kind: MetaFaultKind, opts: { times?: number; path?: RegExp; retryAfterSec?: number } = {}) {
      faults.push({ fault: faultFor(kind, opts.retryAfterSec), path: opts.path, times: opts.times ?? 1 });
    },
    addMedia(id: string, bytes: Buffer, mimeType: string) {
      media.set(id, { bytes, mimeType });
    },
    /** Forgets calls, faults and media; templates go back to those the fake started with. */
    reset() {
      calls.length = 0;
      faults.length = 0;
      media.clear();
      templates.splice(0, templates.length, ...structuredClone(initialTemplates));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type MetaFake = Awaited<ReturnType<typeof startMetaFake>>;

async function readBody(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

// ---- Webhook deliveries as Meta sends them ----

export function metaSignature(
  appSecret: string,
  rawBody: string | Uint8Array,
  algorithm: "sha256" | "sha1" = "sha256",
) {
  return `${algorithm}=${createHmac(algorithm, appSecret).update(rawBody).digest("hex")}`;
}

/**
 * A POST as Meta delivers it: the body serialised Meta's way (or a raw string kept byte for byte, such as a
 * captured fixture), signed over those bytes with X-Hub-Signature-256 and the legacy X-Hub-Signature.
 */
export function signedMetaWebhook(
  url: string,
  appSecret: string,
  body: unknown,
  opts: { headers?: Record<string, string>; omitSignature?: boolean } = {},
): Request {
  const raw = typeof body === "string" ? body : metaJson(body);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "facebookexternalua",
    ...(opts.omitSignature
      ? {}
      : {
          "x-hub-signature": metaSignature(appSecret, raw, "sha1"),
          "x-hub-signature-256": metaSignature(appSecret, raw),
        }),
    ...opts.headers,
  };
  return new Request(url, { method: "POST", headers, body: raw });
}

/** What the webhook route hands an adapter: the public URL, the headers and the raw bytes. */
export async function toWebhookRequest(req: Request): Promise<WebhookRequest> {
  return { url: req.url, method: req.method, headers: req.headers, rawBody: new Uint8Array(await req.arrayBuffer()) };
}

/** The GET Meta makes when the callback URL is saved in the App Dashboard. */
export function metaHandshakeUrl(url: string, verifyToken: string, opts: { challenge?: string; mode?: string } = {}) {
  const u = new URL(url);
  u.searchParams.set("hub.mode", opts.mode ?? "subscribe");
  u.searchParams.set("hub.challenge", opts.challenge ?? String(1_000_000_000 + Math.floor(Math.random() * 1e9)));
  u.searchParams.set("hub.verify_token", verifyToken);
  return u;
}

const secondsNow = () => String(Math.floor(Date.now() / 1000));

function whatsappEnvelope(phoneNumberId: string, value: Record<string, unknown>, wabaId = "358127370715582") {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: wabaId,
        changes: [
          {
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15556221967", phone_number_id: phoneNumberId },
              ...value,
            },
            field: "messages",
          },
        ],
      },
    ],
  };
}

/** An inbound WhatsApp message (§2a); `message` overrides the text body, e.g. `{ type: "audio", audio: {…} }`. */
export function whatsappMessageEvent(input: {
  phoneNumberId: string;
  from: string;
  name?: string;
  text?: string;
  id?: string;
  timestamp?: string;
  message?: Record<string, unknown>;
}) {
  return whatsappEnvelope(input.phoneNumberId, {
    contacts: [{ profile: { name: input.name ?? "Client" }, wa_id: input.from }],
    messages: [
      {
        from: input.from,
        id: input.id ?? `wamid.${randomBytes(24).toString("base64")}`,
        timestamp: input.timestamp ?? secondsNow(),
        ...(input.message ?? { text: { body: input.text ?? "Hello" }, type: "text" }),
      },
    ],
  });
}

/** A status callback (§2b) for a message we sent. */
export function whatsappStatusEvent(input: {
  phoneNumberId: string;
  id: string;
  status: "sent" | "delivered" | "read" | "failed" | "played";
  recipientId?: string;
  timestamp?: string;
  errors?: Array<{ code: number; title: string; message?: string; error_data?: { details: string } }>;
}) {
  return whatsappEnvelope(input.phoneNumberId, {
    statuses: [
      {
        id: input.id,
        status: input.status,
        timestamp: input.timestamp ?? secondsNow(),
        recipient_id: input.recipientId ?? "254751578687",
        ...(input.status === "failed"
          ? { errors: input.errors ?? [] }
          : { pricing: { billable: true, pricing_model: "PMP", category: "service", type: "regular" } }),
      },
    ],
  });
}

/** An Instagram messaging event (§2c); `message` replaces `{ mid, text }`, `item` adds keys such as `read`. */
export function instagramMessageEvent(input: {
  igUserId: string;
  senderId: string;
  text?: string;
  mid?: string;
  message?: Record<string, unknown>;
  item?: Record<string, unknown>;
  timestamp?: number;
}) {
  const time = input.timestamp ?? Date.now();
  const mid = input.mid ?? `aWdf${randomBytes(24).toString("base64url")}`;
  return {
    object: "instagram",
    entry: [
      {
        time,
        id: input.igUserId,
        messaging: [
          {
            sender: { id: input.senderId },
            recipient: { id: input.igUserId },
            timestamp: time,
            ...(input.item ?? { message: input.message ?? { mid, text: input.text ?? "Hi" } }),
          },
        ],
      },
    ],
  };
}
