import { z } from "zod";
import { ApiError, errorResponse, validationError } from "@/lib/api/errors";
import { readRawBody } from "@/lib/api/body";
import { toErrorResponse } from "@/lib/api/handler";
import { appUrl } from "@/lib/app-url";
import { asService, type Sql } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueue } from "@/lib/jobs";
import { adapterFor } from "@/lib/channels/registry";
import { loadChannelForWebhook } from "@/lib/channels/store";
import {
  normalizedEventSchema,
  statusUpdateSchema,
  WebhookAuthError,
  WebhookPayloadError,
  type ChannelRecord,
  type ParsedWebhook,
  type WebhookRequest,
} from "@/lib/channels/types";
import { forStorage, jsonForDb } from "./events";
import { afterInbound, applyLateStatus } from "./jobs";

export type StoredMessage = { messageId: string; conversationId: string; inbound: boolean };

/**
 * "live": a message arriving now: it is the newest in its thread, counts as unread and reopens a resolved
 * conversation. "history": an imported one (Evolution's dialogs): placed at its own time, read, no follow-ups.
 */
export type IngestMode = "live" | "history";

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

/** The follow-up jobs the database queues itself when jobs run in-process (their names and attempts). */
const jobsInDatabase = () =>
  env().TRIGGER_SECRET_KEY
    ? null
    : {
        afterInbound: { name: afterInbound.name, maxAttempts: afterInbound.maxAttempts },
        lateStatus: { name: applyLateStatus.name, maxAttempts: applyLateStatus.maxAttempts },
      };

type DeliveryOutcome = IngestResult & { unknown: z.input<typeof statusUpdateSchema>[] };

/**
 * Stores one parsed delivery in the caller's service transaction, in one round trip
 * (private.ingest_delivery): the raw event (deduplicated by the provider's event id), contacts,
 * conversations, messages, edits, statuses, and the follow-up jobs, so all of it commits or none of it does.
 */
export async function storeParsed(
  sql: Sql,
  channel: ChannelRecord,
  parsed: ParsedWebhook,
  raw: unknown,
  mode: IngestMode = "live",
): Promise<IngestResult> {
  const checked = eventsSchema.safeParse(parsed.events);
  if (!checked.success) throw validationError(checked.error, "event");
  const jobs = jobsInDatabase();
  const [{ outcome }] = await sql.query<{ outcome: DeliveryOutcome }>(
    "select private.ingest_delivery($1, $2, $3::jsonb, $4::jsonb, $5, $6::jsonb) as outcome",
    [
      channel.id,
      parsed.eventId,
      jsonForDb(raw),
      jsonForDb(checked.data.map((e) => forStorage(channel, e))),
      mode,
      jobs && JSON.stringify(jobs),
    ],
  );
  if (!jobs) {
    // Trigger.dev: the runs are requested here (before commit, as enqueue() always does there).
    for (const m of outcome.messages.filter((m) => m.inbound && mode === "live")) {
      await enqueue(afterInbound, m, { orgId: channel.orgId, dedupeKey: m.messageId });
    }
    for (const event of outcome.unknown) {
      const runAt = new Date(Date.now() + 1_000);
      await enqueue(applyLateStatus, { channelId: channel.id, event }, { orgId: channel.orgId, runAt });
    }
  }
  const { duplicate, messages, statuses, edits } = outcome;
  return { duplicate, messages, statuses, edits };
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

/** The URL the provider called (signatures cover it): the public origin, then the path and query it asked for. */
export function publicUrl(req: Request): string {
  const url = new URL(req.url);
  return `${appUrl(req)}${url.pathname}${url.search}`;
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
