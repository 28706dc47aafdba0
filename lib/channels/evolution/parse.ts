import { createHash } from "node:crypto";
import type { z } from "zod";
import {
  WebhookPayloadError,
  type ChannelRecord,
  type NormalizedEvent,
  type ParsedWebhook,
  type WebhookRequest,
} from "@/lib/channels/types";
import { editedText, normalizeMessage } from "./normalize";
import {
  editedDataSchema,
  envelopeSchema,
  updateDataSchema,
  upsertDataSchema,
  type EvolutionConfig,
  type EvolutionSecrets,
} from "./schemas";

function check<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
  throw new WebhookPayloadError(`${path || "body"}: ${issue.message}`);
}

const asList = (data: unknown): unknown[] => (Array.isArray(data) ? data : [data]);

// Evolution's Events enum: receipts 1 PENDING, 2 SERVER_ACK, 3 DELIVERY_ACK, 4 READ, 5 PLAYED, 0 ERROR.
const STATUS: Record<string, "sent" | "delivered" | "read" | "failed"> = {
  SERVER_ACK: "sent",
  DELIVERY_ACK: "delivered",
  READ: "read",
  PLAYED: "read",
  ERROR: "failed",
};

/**
 * `date_time` is Evolution's local time printed with a `Z`, so it is off by the server's UTC offset
 * (zero in the usual Docker deployment). Statuses and edits carry no better time of their own.
 */
function envelopeTime(dateTime: string | null | undefined): Date {
  const t = dateTime ? Date.parse(dateTime) : NaN;
  return Number.isFinite(t) ? new Date(t) : new Date();
}

function editTime(timestampMs: unknown, fallback: Date): Date {
  const ms = typeof timestampMs === "string" ? Number(timestampMs) : timestampMs;
  return typeof ms === "number" && Number.isFinite(ms) && ms > 0 ? new Date(ms) : fallback;
}

function upsertEvents(data: unknown): { events: NormalizedEvent[]; ids: string[] } {
  const events: NormalizedEvent[] = [];
  const ids: string[] = [];
  asList(data).forEach((item, i) => {
    const parsed = check(upsertDataSchema, item, Array.isArray(data) ? `data.${i}` : "data");
    ids.push(parsed.key.id);
    const message = normalizeMessage(parsed);
    if (message) events.push(message);
  });
  return { events, ids };
}

function statusEvents(data: unknown, at: Date): { events: NormalizedEvent[]; ids: string[] } {
  const events: NormalizedEvent[] = [];
  const ids: string[] = [];
  asList(data).forEach((item, i) => {
    const parsed = check(updateDataSchema, item, Array.isArray(data) ? `data.${i}` : "data");
    const id = (parsed.keyId ?? parsed.key?.id)!;
    const status = parsed.status ? STATUS[parsed.status] : undefined;
    ids.push(`${id}:${parsed.status ?? ""}`);
    // Receipts of the client's own messages (our read receipts) are no delivery status of ours.
    if (!status || parsed.fromMe === false) return;
    events.push({
      kind: "status",
      providerMessageId: id,
      status,
      occurredAt: at,
      ...(status === "failed" ? { error: { message: "WhatsApp reported an error delivering this message" } } : {}),
    });
  });
  return { events, ids };
}

function editEvents(data: unknown, at: Date): NormalizedEvent[] {
  return asList(data).flatMap((item, i) => {
    const parsed = check(editedDataSchema, item, Array.isArray(data) ? `data.${i}` : "data");
    const text = editedText(parsed.editedMessage ?? parsed.message);
    // A protocolMessage without new text is a revoke or another protocol notice, not an edit.
    if (text === undefined) return [];
    return [
      { kind: "edit" as const, providerMessageId: parsed.key.id, text, occurredAt: editTime(parsed.timestampMs, at) },
    ];
  });
}

/**
 * Evolution webhook → normalized events. Only messages.upsert (messages), messages.update (delivery
 * statuses) and messages.edited (edits) mean something to the inbox; every other event is accepted with
 * no events, so Evolution stops retrying it, and still gets an eventId for the raw event log.
 *
 * A body naming another instance is refused (WebhookPayloadError → 400, which Evolution does not retry):
 * it comes from a global webhook or a copied URL, and must not land in this channel's organisation.
 */
export function parseEvolutionWebhook(
  channel: ChannelRecord<EvolutionConfig, EvolutionSecrets>,
  req: WebhookRequest,
): ParsedWebhook {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(req.rawBody));
  } catch {
    throw new WebhookPayloadError("body is not valid UTF-8 JSON");
  }
  const envelope = check(envelopeSchema, body, "");
  if (envelope.instance !== channel.config.instanceName) {
    throw new WebhookPayloadError(
      `instance: "${envelope.instance}" is not this channel's instance "${channel.config.instanceName}"`,
    );
  }
  // The body uses lower-dot names; accept the upper-snake spelling some builds and proxies use.
  const event = envelope.event.toLowerCase().replace(/_/g, ".");
  const bodyHash = `sha256:${createHash("sha256").update(req.rawBody).digest("hex")}`;
  const at = envelopeTime(envelope.date_time);

  switch (event) {
    case "messages.upsert": {
      const { events, ids } = upsertEvents(envelope.data);
      // Keyed by the message id, not the body: the instance and the global webhook deliver different bodies.
      return { eventId: ids.length === 1 ? `messages.upsert:${ids[0]}` : bodyHash, events };
    }
    case "messages.update": {
      const { events, ids } = statusEvents(envelope.data, at);
      return { eventId: ids.length === 1 ? `messages.update:${ids[0]}` : bodyHash, events };
    }
    case "messages.edited":
      return { eventId: bodyHash, events: editEvents(envelope.data, at) };
    default:
      return { eventId: bodyHash, events: [] };
  }
}
