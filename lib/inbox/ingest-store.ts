import { z } from "zod";
import { assertShallow, assertStorable, parseFormText } from "@/lib/api/body";
import { ApiError, validationError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueueAll, type JobRequest } from "@/lib/jobs";
import {
  MAX_PROVIDER_ID,
  normalizedEventSchema,
  statusUpdateSchema,
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

/** What private.ingest_delivery answers for one delivery. */
export type DeliveryOutcome = IngestResult & { unknown: z.input<typeof statusUpdateSchema>[] };

const eventsSchema = z.array(normalizedEventSchema);

/** The parsed events, checked against the normalized shape (400 naming the event when one is off). */
export function checkedEvents(parsed: ParsedWebhook) {
  const checked = eventsSchema.safeParse(parsed.events);
  if (!checked.success) throw validationError(checked.error, "event");
  return checked.data;
}

/**
 * The body as the raw event store keeps it: JSON as it came, a form as an object of its fields. Refuses (400,
 * naming the field) what the store cannot keep — nesting past MAX_JSON_DEPTH, NUL, lone surrogates — so one
 * hostile delivery is answered alone instead of failing the batch it would have been stored with.
 */
export function storedPayload(req: WebhookRequest): unknown {
  const text = new TextDecoder().decode(req.rawBody);
  const type = req.headers.get("content-type") ?? "";
  if (type.includes("application/x-www-form-urlencoded")) return parseFormText(text);
  assertShallow(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON: the adapter names what it expected; the text (NUL dropped by jsonForDb) is all there is.
    return text;
  }
  assertStorable(value);
  return value;
}

/** The follow-up jobs the database queues itself when jobs run in-process (their names and attempts). */
export const jobsInDatabase = () =>
  env().TRIGGER_SECRET_KEY
    ? null
    : {
        afterInbound: { name: afterInbound.name, maxAttempts: afterInbound.maxAttempts },
        lateStatus: { name: applyLateStatus.name, maxAttempts: applyLateStatus.maxAttempts },
      };

/** One delivery as private.ingest_delivery reads it: the raw body and the events as JSON text. */
export function deliveryArgs(channel: ChannelRecord, parsed: ParsedWebhook, raw: unknown, mode: IngestMode) {
  // Built from provider ids (two for an import batch), each bounded; the raw event's unique key holds it.
  if (!parsed.eventId || parsed.eventId.length > 2 * MAX_PROVIDER_ID + 64)
    throw new ApiError("bad_request", "event: the delivery's id is empty or too long");
  const events = checkedEvents(parsed).map((e) => forStorage(channel, e));
  return { channelId: channel.id, eventId: parsed.eventId, body: jsonForDb(raw), events: jsonForDb(events), mode };
}

/** The same as one element of private.ingest_batch's array, spliced as text (bodies are not parsed again). */
export const deliveryJson = (a: ReturnType<typeof deliveryArgs>) =>
  `{"channelId":${JSON.stringify(a.channelId)},"eventId":${JSON.stringify(a.eventId)},"mode":${JSON.stringify(a.mode)},"body":${a.body},"events":${a.events}}`;

/**
 * What to ask Trigger.dev for after the database stored a delivery (before commit, as enqueue() always does
 * there); none when jobs run in-process, which the database queued itself.
 */
export function followUps(
  channel: ChannelRecord,
  outcome: DeliveryOutcome,
  mode: IngestMode,
  jobs: ReturnType<typeof jobsInDatabase>,
): JobRequest[] {
  if (jobs) return [];
  const orgId = channel.orgId;
  return [
    ...outcome.messages
      .filter((m) => m.inbound && mode === "live")
      .map((m) => ({ job: afterInbound, payload: m, options: { orgId, dedupeKey: m.messageId } })),
    ...outcome.unknown.map((event) => ({
      job: applyLateStatus,
      payload: { channelId: channel.id, event },
      options: { orgId, runAt: new Date(Date.now() + 1_000) },
    })),
  ];
}

export const ingestResult = ({ duplicate, messages, statuses, edits }: DeliveryOutcome): IngestResult => ({
  duplicate,
  messages,
  statuses,
  edits,
});

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
  const args = deliveryArgs(channel, parsed, raw, mode);
  const jobs = jobsInDatabase();
  const [{ outcome }] = await sql.query<{ outcome: DeliveryOutcome }>(
    "select private.ingest_delivery($1, $2, $3::jsonb, $4::jsonb, $5, $6::jsonb) as outcome",
    [args.channelId, args.eventId, args.body, args.events, mode, jobs && JSON.stringify(jobs)],
  );
  await enqueueAll(followUps(channel, outcome, mode, jobs));
  return ingestResult(outcome);
}
