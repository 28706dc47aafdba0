import { z } from "zod";
import { ApiError, errorResponse, validationError } from "@/lib/api/errors";
import { readRawBody } from "@/lib/api/body";
import { toErrorResponse } from "@/lib/api/handler";
import { appUrl } from "@/lib/app-url";
import { asService } from "@/lib/db";
import { adapterFor } from "@/lib/channels/registry";
import { loadChannelForWebhook } from "@/lib/channels/store";
import {
  WebhookAuthError,
  WebhookPayloadError,
  type ChannelRecord,
  type ParsedWebhook,
  type WebhookRequest,
} from "@/lib/channels/types";
import { ingestWebhook, unknownChannel, type WebhookDelivery } from "./ingest-batch";
import { storeParsed, type IngestMode, type IngestResult } from "./ingest-store";

export { storeParsed, type IngestMode, type IngestResult, type StoredMessage } from "./ingest-store";

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
export function publicUrl(req: Pick<Request, "url" | "headers">): string {
  const url = new URL(req.url);
  return `${appUrl(req)}${url.pathname}${url.search}`;
}

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
 * transaction, deduplicated → 2xx (lib/inbox/ingest-batch.ts commits concurrent deliveries together). GET
 * answers the provider's handshake. A request that fails verification stores nothing; a database that is
 * down answers 503 so the provider retries.
 */
export async function handleWebhook(provider: string, channelId: string, req: Request): Promise<Response> {
  try {
    if (req.method === "GET" || req.method === "HEAD") {
      const channel = await loadChannelForWebhook(provider, channelId);
      if (!channel) throw unknownChannel();
      const answer = adapterFor(channel.type).handshake?.(channel, new URL(publicUrl(req)));
      if (!answer) throw new ApiError("not_found", "this provider makes no handshake");
      return answer;
    }
    const rawBody = await readRawBody(req);
    return await answerDelivery({ provider, channelId, request: { ...webhookRequest(req), rawBody } });
  } catch (error) {
    return webhookErrorResponse(error);
  }
}

/** What adapters see of a delivery, its body aside. */
export function webhookRequest(req: Pick<Request, "url" | "method" | "headers">): Omit<WebhookRequest, "rawBody"> {
  return { url: publicUrl(req), method: req.method, headers: req.headers };
}

/** Stores one delivery whose body has been read, and answers the provider. */
export async function answerDelivery(delivery: WebhookDelivery): Promise<Response> {
  try {
    const { channel } = await ingestWebhook(delivery);
    return adapterFor(channel.type).acknowledge?.() ?? Response.json({});
  } catch (error) {
    return webhookErrorResponse(error);
  }
}
