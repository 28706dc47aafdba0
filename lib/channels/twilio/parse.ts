import type { z } from "zod";
import { WebhookPayloadError, type ParsedWebhook, type WebhookRequest } from "../types";
import { readableParams } from "./form";
import { inboundSchema, toInboundMessage } from "./inbound";
import { statusSchema, toStatusEvents } from "./status";

/**
 * One Twilio Messaging webhook → normalized events. The same URL takes incoming messages (SmsStatus or
 * MessageStatus "received", or none in older payloads) and status callbacks (any other status).
 *
 * eventId: I-Twilio-Idempotency-Token when Twilio sent it (the same on its retries), otherwise the message
 * SID and status, which together name one delivery: a message is received once and reaches each status once.
 */
export function parseTwilioWebhook(req: WebhookRequest, now = new Date()): ParsedWebhook {
  const params = readableParams(req);
  const status = params.MessageStatus ?? params.SmsStatus;
  const isInbound = status === undefined || status === "received";

  const events = isInbound
    ? [toInboundMessage(check(inboundSchema, params), now)]
    : toStatusEvents(check(statusSchema, params), now);

  const token = req.headers.get("i-twilio-idempotency-token")?.trim();
  return { eventId: token || `${params.MessageSid}:${status ?? "received"}`, events };
}

function check<S extends z.ZodType>(schema: S, params: Record<string, string>): z.infer<S> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.join(".");
  const message = issue.code === "invalid_type" && params[field] === undefined ? "is missing" : issue.message;
  throw new WebhookPayloadError(`Twilio webhook: ${field} ${message}`);
}
