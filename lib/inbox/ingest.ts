import { z } from "zod";
import { ApiError, errorResponse, validationError } from "@/lib/api/errors";
import { MAX_BODY_BYTES, toErrorResponse } from "@/lib/api/handler";
import { asService, type Sql } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueue } from "@/lib/jobs";
import { adapterFor } from "@/lib/channels/registry";
import { loadChannelForWebhook } from "@/lib/channels/store";
import {
  normalizedEventSchema,
  WebhookAuthError,
  WebhookPayloadError,
  type ChannelRecord,
  type ParsedWebhook,
  type WebhookRequest,
} from "@/lib/channels/types";
import { applyEdit, applyMessage, applyStatus, type IngestMode, type StoredMessage } from "./apply-events";
import { afterInbound, applyLateStatus } from "./jobs";

export type IngestResult = {
  /** The provider delivered this event before: nothing was changed. */
  duplicate: boolean;
  /** Messages stored by this delivery (a message already stored under its provider id is not repeated). */
  messages: StoredMessage[];
  statuses: number;
  edits: number;
};

const eventsSchema = z.array(normalizedEventSchema);

/** The body as the raw event store keeps it: JSON as it came, a form as an object of its fields. */
function storedPayload(req: WebhookRequest): unknown {
  const text = new TextDecoder().decode(req.rawBody);
  const type = req.headers.get("content-type") ?? "";
  if (type.includes("application/x-www-form-urlencoded")) {
    const form = new URLSearchParams(text);
    return Object.fromEntries(
      [...new Set(form.keys())].map((k) => {
        const all = form.getAll(k);
        return [k, all.length === 1 ? all[0] : all];
      }),
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Stores one parsed delivery in the caller's service transaction: the raw event (deduplicated by the
 * provider's event id), then each event, then the follow-up jobs, so all of it commits or none of it does.
 */
export async function storeParsed(
  sql: Sql,
  channel: ChannelRecord,
  parsed: ParsedWebhook,
  raw: unknown,
  mode: IngestMode = "live",
): Promise<IngestResult> {
  const result = eventsSchema.safeParse(parsed.events);
  if (!result.success) throw validationError(result.error, "event");
  const events = result.data;
  const outcome: IngestResult = { duplicate: false, messages: [], statuses: 0, edits: 0 };
  // jsonb refuses \u0000, which a hostile or broken sender can put in any string.
  const payload = JSON.stringify(raw ?? null).replace(/(?<!\\)\\u0000/g, "");
  const [event] = await sql.query<{ id: string }>(
    `insert into public.webhook_events (org_id, channel_id, event_id, payload, event_count)
     values ($1, $2, $3, $4::jsonb, $5)
     on conflict (channel_id, event_id) do nothing returning id`,
    [channel.orgId, channel.id, parsed.eventId, payload, events.length],
  );
  if (!event) return { ...outcome, duplicate: true };

  for (const e of events) {
    if (e.kind === "message") {
      const stored = await applyMessage(sql, channel, e, mode);
      if (stored) outcome.messages.push(stored);
    } else if (e.kind === "edit") {
      if (await applyEdit(sql, channel, e)) outcome.edits++;
    } else {
      const status = await applyStatus(sql, channel, e);
      if (status === "applied") outcome.statuses++;
      if (status === "unknown") {
        await enqueue(
          applyLateStatus,
          { channelId: channel.id, event: { ...e, occurredAt: e.occurredAt.toISOString() } },
          { orgId: channel.orgId, sql, runAt: new Date(Date.now() + 1_000) },
        );
      }
    }
  }
  for (const m of outcome.messages.filter((m) => m.inbound && mode === "live")) {
    await enqueue(
      afterInbound,
      { messageId: m.messageId, conversationId: m.conversationId },
      { orgId: channel.orgId, sql, dedupeKey: m.messageId },
    );
  }
  return outcome;
}

/**
 * For events that arrive without HTTP: Telegram long polling (live), an import of old dialogs (history: each
 * message at its own time, nothing unread, no follow-ups; give each batch a stable eventId such as
 * `import:<first id>:<last id>` so a re-run is a no-op). The same storage as a webhook delivery.
 */
export function ingestParsed(
  channel: ChannelRecord,
  parsed: ParsedWebhook,
  raw: unknown,
  options: { mode?: IngestMode } = {},
): Promise<IngestResult> {
  return asService((sql) => storeParsed(sql, channel, parsed, raw, options.mode));
}

/** Reads the body, refusing more than maxBytes without buffering it all. */
export async function readRawBody(req: Request, maxBytes = MAX_BODY_BYTES): Promise<Uint8Array> {
  const tooLarge = () => new ApiError("payload_too_large", `body over ${maxBytes} bytes`);
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  if (!req.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

/** The URL the provider called: behind a proxy the request's own URL is the internal one, and signatures cover it. */
export function publicUrl(req: Request): string {
  const url = new URL(req.url);
  const configured = env().APP_URL;
  if (!configured) return url.toString();
  return `${configured.replace(/\/+$/, "")}${url.pathname}${url.search}`;
}

const notFound = () => new ApiError("not_found", "unknown or disabled channel");

function webhookErrorResponse(error: unknown): Response {
  if (error instanceof WebhookAuthError) {
    return errorResponse(new ApiError(error.status === 403 ? "forbidden" : "unauthorized", error.message));
  }
  if (error instanceof WebhookPayloadError) return errorResponse(new ApiError("bad_request", error.message));
  if (error instanceof z.ZodError) return errorResponse(validationError(error, "body"));
  return toErrorResponse(error);
}

/**
 * POST /api/webhooks/<provider>/<channelId>: verify → parse → store the raw event and what it means in one
 * transaction, deduplicated → 2xx. GET answers the provider's handshake. A request that fails verification
 * stores nothing; a database that is down answers 503 so the provider retries.
 */
export async function handleWebhook(provider: string, channelId: string, req: Request): Promise<Response> {
  try {
    if (req.method === "GET" || req.method === "HEAD") {
      const channel = await loadChannelForWebhook(provider, channelId);
      if (!channel) throw notFound();
      const answer = adapterFor(channel.type).handshake?.(channel, new URL(publicUrl(req)));
      if (!answer) throw new ApiError("not_found", "this provider makes no handshake");
      return answer;
    }
    const webhookRequest: WebhookRequest = {
      url: publicUrl(req),
      method: req.method,
      headers: req.headers,
      rawBody: await readRawBody(req),
    };
    const adapter = await asService(async (sql) => {
      const channel = await loadChannelForWebhook(provider, channelId, sql);
      if (!channel) throw notFound();
      const adapter = adapterFor(channel.type);
      await adapter.verify(channel, webhookRequest);
      const parsed = adapter.parse(channel, webhookRequest);
      await storeParsed(sql, channel, parsed, storedPayload(webhookRequest));
      return adapter;
    });
    return adapter.acknowledge?.() ?? Response.json({});
  } catch (error) {
    return webhookErrorResponse(error);
  }
}
