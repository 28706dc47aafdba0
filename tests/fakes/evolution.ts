import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SignJWT } from "jose";
import pg from "pg";
import type { WebhookRequest } from "@/lib/channels/types";

/**
 * Evolution API 2.3.6 as the CRM sees it (../shared/wire/evolution.md): `apikey` header auth, the send
 * routes, connectionState, webhook/set and getBase64FromMediaMessage, with Evolution's error envelope
 * {status, error, response: {message}}. Records every request and can be told to fail.
 */

export interface EvolutionFakeRequest {
  method: string;
  /** Path without the instance segment, e.g. /message/sendText. */
  route: string;
  instance: string;
  apikey: string | undefined;
  body: unknown;
}

export type EvolutionFault = { status: number; retryAfter?: number; message?: unknown };
export type ConnectionState = "open" | "close" | "connecting";

const SEND_ROUTES = new Set([
  "/message/sendText",
  "/message/sendMedia",
  "/message/sendWhatsAppAudio",
  "/message/sendSticker",
]);
const REQUIRED: Record<string, string[]> = {
  "/message/sendText": ["number", "text"],
  "/message/sendMedia": ["number", "mediatype"],
  "/message/sendWhatsAppAudio": ["number"],
  "/message/sendSticker": ["number"],
};
const MESSAGE_TYPE: Record<string, string> = {
  "/message/sendText": "conversation",
  "/message/sendWhatsAppAudio": "audioMessage",
  "/message/sendSticker": "stickerMessage",
};

export async function startEvolutionFake(options: { apiKey: string; instanceName: string; state?: ConnectionState }) {
  const requests: EvolutionFakeRequest[] = [];
  const faults: EvolutionFault[] = [];
  const notOnWhatsApp = new Set<string>();
  const media = new Map<string, { base64: string; mimetype: string; fileName?: string }>();
  let state: ConnectionState = options.state ?? "open";
  let webhook: unknown;

  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      res.end(JSON.stringify(body));
    };
    const fail = (status: number, error: string, message: unknown, headers?: Record<string, string>) =>
      send(status, { status, error, response: { message } }, headers);

    const url = new URL(req.url ?? "/", "http://fake");
    const match = /^(\/[^/]+\/[^/]+)\/([^/]+)$/.exec(url.pathname);
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return fail(400, "Bad Request", ["Unexpected token in JSON"]);
    }
    const apikey = header(req, "apikey");
    const route = match?.[1] ?? url.pathname;
    const instance = match ? decodeURIComponent(match[2]) : "";
    requests.push({ method: req.method ?? "GET", route, instance, apikey, body });

    // Evolution's auth guard runs before the route: a wrong key is 401 even on an unknown path.
    if (apikey !== options.apiKey) return fail(401, "Unauthorized", "Unauthorized");
    const known =
      (req.method === "POST" && (SEND_ROUTES.has(route) || route === "/webhook/set")) ||
      (req.method === "POST" && route === "/chat/getBase64FromMediaMessage") ||
      (req.method === "GET" && route === "/instance/connectionState");
    if (!match || !known) return fail(404, "Not Found", [`Cannot ${req.method} ${url.pathname}`]);
    if (instance !== options.instanceName) {
      return fail(404, "Not Found", [`The "${instance}" instance does not exist`]);
    }

    const fault = faults.shift();
    if (fault) {
      const headers: Record<string, string> =
        fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {};
      const reason =
        fault.status === 429 ? "Too Many Requests" : fault.status >= 500 ? "Internal Server Error" : "Bad Request";
      return fail(fault.status, reason, fault.message ?? [reason], headers);
    }

    if (route === "/instance/connectionState") {
      return send(200, { instance: { instanceName: instance, state } });
    }
    if (route === "/webhook/set") {
      webhook = (body as { webhook?: unknown } | undefined)?.webhook;
      return send(201, { id: randomId(), ...(webhook as object) });
    }
    if (route === "/chat/getBase64FromMediaMessage") {
      const id = (body as { message?: { key?: { id?: string } } } | undefined)?.message?.key?.id;
      const found = id ? media.get(id) : undefined;
      if (!found) return fail(400, "Bad Request", ["Message not found"]);
      return send(201, {
        mediaType: "audioMessage",
        fileName: found.fileName,
        mimetype: found.mimetype,
        base64: found.base64,
      });
    }

    const fields = (body ?? {}) as Record<string, unknown>;
    const missing = REQUIRED[route].filter((f) => fields[f] === undefined || fields[f] === "");
    if (missing.length)
      return fail(
        400,
        "Bad Request",
        missing.map((f) => `instance requires property "${f}"`),
      );
    const number = String(fields.number).replace(/\D/g, "");
    if (notOnWhatsApp.has(number)) {
      return fail(400, "Bad Request", [{ exists: false, jid: `${number}@s.whatsapp.net`, number }]);
    }
    const messageType = MESSAGE_TYPE[route] ?? `${String(fields.mediatype)}Message`;
    return send(201, {
      key: {
        remoteJid: `${number}@s.whatsapp.net`,
        fromMe: true,
        id: `3EB0${randomBytes(9).toString("hex").toUpperCase()}`,
      },
      pushName: "",
      status: "PENDING",
      message: route === "/message/sendText" ? { conversation: fields.text } : { [messageType]: { url: fields.media } },
      messageType,
      messageTimestamp: Math.floor(Date.now() / 1000),
      instanceId: "cm2x7k9q40000abcd1234efgh",
      source: "unknown",
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** The next requests to a known route of the right instance fail with these, in order. */
    failNext: (...next: EvolutionFault[]) => faults.push(...next),
    setState: (next: ConnectionState) => (state = next),
    markNotOnWhatsApp: (digits: string) => notOnWhatsApp.add(digits),
    addMedia: (keyId: string, file: { base64: string; mimetype: string; fileName?: string }) => media.set(keyId, file),
    /** What the last POST /webhook/set stored. */
    webhook: () => webhook,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type EvolutionFake = Awaited<ReturnType<typeof startEvolutionFake>>;

function randomId() {
  return `c${randomBytes(12).toString("hex")}`;
}

function header(req: IncomingMessage, name: string) {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

// ---- Webhooks from Evolution to us ----

export const EVOLUTION_FIXTURES = path.resolve(import.meta.dirname, "../fixtures/wire/evolution");

/** Every captured webhook body (webhook_*.json), read from the directory so a new capture is tested too. */
export function evolutionWebhookFixtures(): { name: string; body: Record<string, unknown> }[] {
  return readdirSync(EVOLUTION_FIXTURES)
    .filter((name) => /^webhook_.*\.json$/.test(name))
    .sort()
    .map((name) => ({ name, body: JSON.parse(readFileSync(path.join(EVOLUTION_FIXTURES, name), "utf8")) }));
}

export function evolutionFixture(name: string): Record<string, unknown> {
  const found = evolutionWebhookFixtures().find((f) => f.name === name || f.name === `${name}.json`);
  if (!found) throw new Error(`no Evolution fixture ${name}`);
  return found.body;
}

export type EvolutionWebhookAuth =
  /** Evolution's jwt_key mode: what webhook.controller.ts signs (HS256, app/action, exp = iat + 600). */
  | { mode: "jwt"; key: string; iat?: number; expiresInSec?: number; claims?: Record<string, unknown> }
  /** Static headers from Webhook.headers, e.g. {"x-relay-token": "..."}. */
  | { mode: "headers"; headers: Record<string, string> }
  | { mode: "none" };

export async function evolutionWebhookHeaders(auth: EvolutionWebhookAuth): Promise<Headers> {
  const headers = new Headers({ "content-type": "application/json", "user-agent": "axios/1.7.9" });
  if (auth.mode === "headers") for (const [k, v] of Object.entries(auth.headers)) headers.set(k, v);
  if (auth.mode === "jwt") {
    const iat = auth.iat ?? Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ app: "evolution", action: "webhook", ...auth.claims })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuedAt(iat)
      .setExpirationTime(iat + (auth.expiresInSec ?? 600))
      .sign(new TextEncoder().encode(auth.key));
    headers.set("authorization", `Bearer ${token}`);
  }
  return headers;
}

/** A delivery as the webhook route hands it to the adapter. A string body is sent as is (malformed tests). */
export async function evolutionWebhookRequest(
  body: unknown,
  auth: EvolutionWebhookAuth,
  url = "http://localhost:3000/api/webhooks/evolution/00000000-0000-0000-0000-000000000000",
): Promise<WebhookRequest> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return { url, method: "POST", headers: await evolutionWebhookHeaders(auth), rawBody: new TextEncoder().encode(text) };
}

/** The same delivery as an HTTP Request, for calling the webhook route handler directly. */
export async function evolutionWebhookHttpRequest(url: string, body: unknown, auth: EvolutionWebhookAuth) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Request(url, { method: "POST", headers: await evolutionWebhookHeaders(auth), body: text });
}

/** A messages.upsert body for this instance, in the 2.3.6 shape (wire/evolution.md §1). */
export function messagesUpsert(
  instance: string,
  data: {
    id?: string;
    remoteJid?: string;
    remoteJidAlt?: string;
    fromMe?: boolean;
    pushName?: string;
    message?: Record<string, unknown>;
    messageType?: string;
    messageTimestamp?: number;
    addressingMode?: string;
  } = {},
) {
  const key: Record<string, unknown> = {
    remoteJid: data.remoteJid ?? "79161234567@s.whatsapp.net",
    fromMe: data.fromMe ?? false,
    id: data.id ?? `3EB0${randomBytes(9).toString("hex").toUpperCase()}`,
  };
  if (data.remoteJidAlt) key.remoteJidAlt = data.remoteJidAlt;
  if (data.addressingMode) key.addressingMode = data.addressingMode;
  return {
    event: "messages.upsert",
    instance,
    data: {
      key,
      pushName: data.pushName ?? "Ирина",
      status: "DELIVERY_ACK",
      message: data.message ?? { conversation: "Здравствуйте! Сколько стоит ремонт ванной?" },
      contextInfo: null,
      messageType: data.messageType ?? "conversation",
      messageTimestamp: data.messageTimestamp ?? 1763800000,
      instanceId: "cm2x7k9q40000abcd1234efgh",
      source: "android",
    },
    destination: "http://localhost:3000/api/webhooks/evolution/x",
    date_time: "2025-11-22T08:26:40.000Z",
    sender: "79990000000@s.whatsapp.net",
    server_url: "http://evolution:8080",
    apikey: null,
  };
}

// ---- Evolution's Postgres, for the dialog import ----

export type EvolutionRow = {
  key: Record<string, unknown>;
  pushName?: string | null;
  messageType: string;
  message: Record<string, unknown>;
  messageTimestamp: number;
  contextInfo?: Record<string, unknown> | null;
  status?: string | null;
  source?: "ios" | "android" | "web" | "unknown" | "desktop";
};

/**
 * A real database in Evolution 2.3.6's schema (the derived DDL fixture) on the PostgreSQL server of
 * `baseUrl`, named evo_<random>; drop() removes it. Rows are inserted the way Prisma writes them
 * (cuid-like text ids generated by the client, jsonb key and message).
 */
export async function createEvolutionDatabase(baseUrl: string) {
  const name = `evo_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(readFileSync(path.join(EVOLUTION_FIXTURES, "final_state_core_tables.sql"), "utf8"));

  return {
    url,
    name,
    async addInstance(instanceName: string, ownerJid = "79990000000@s.whatsapp.net") {
      const id = randomId();
      await client.query(
        `insert into "Instance" (id, name, "connectionStatus", "ownerJid", integration, "updatedAt")
         values ($1, $2, 'open', $3, 'WHATSAPP-BAILEYS', now())`,
        [id, instanceName, ownerJid],
      );
      return id;
    },
    async addContact(instanceId: string, remoteJid: string, pushName: string | null) {
      await client.query(
        `insert into "Contact" (id, "remoteJid", "pushName", "instanceId", "updatedAt") values ($1, $2, $3, $4, now())`,
        [randomId(), remoteJid, pushName, instanceId],
      );
    },
    async addMessages(instanceId: string, rows: EvolutionRow[]) {
      for (const row of rows) {
        await client.query(
          `insert into "Message" (id, key, "pushName", "messageType", message, "contextInfo", source, "messageTimestamp",
                                  "instanceId", status)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            randomId(),
            JSON.stringify(row.key),
            row.pushName ?? null,
            row.messageType,
            JSON.stringify(row.message),
            row.contextInfo ? JSON.stringify(row.contextInfo) : null,
            row.source ?? "android",
            row.messageTimestamp,
            instanceId,
            row.status ?? (row.key.fromMe ? "SERVER_ACK" : "DELIVERY_ACK"),
          ],
        );
      }
    },
    async drop() {
      await client.end();
      const a = new pg.Client({ connectionString: baseUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
export type EvolutionDatabase = Awaited<ReturnType<typeof createEvolutionDatabase>>;
