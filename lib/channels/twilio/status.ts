import { z } from "zod";
import { MAX_PROVIDER_ID, type NormalizedEvent } from "../types";
import { describeTwilioCode } from "./errors";

// A message status callback (../shared/wire/twilio.md §1b).
const statusSchema = z.looseObject({
  MessageSid: z.string().min(1, "is missing").max(MAX_PROVIDER_ID),
  MessageStatus: z.string().min(1).optional(),
  SmsStatus: z.string().min(1).optional(),
  ErrorCode: z.string().optional(),
  ErrorMessage: z.string().optional(),
});
export { statusSchema };
export type StatusParams = z.infer<typeof statusSchema>;

/**
 * Twilio's statuses in the outbox's terms. queued, accepted, scheduled and sending say the message has not
 * left Twilio yet: the outbox already holds it as queued, or as sent once the API accepted it, so they
 * change nothing (no event; the raw delivery is still stored). undelivered and canceled are failures.
 * A status Twilio adds later maps to nothing rather than to a 400 that Twilio would retry for a day.
 */
const outboxStatus: Record<string, "sent" | "delivered" | "read" | "failed" | undefined> = {
  sent: "sent",
  delivered: "delivered",
  // Delivered to some recipients of a group send; a WhatsApp conversation has one.
  partially_delivered: "delivered",
  read: "read",
  failed: "failed",
  undelivered: "failed",
  canceled: "failed",
};

export function toStatusEvents(p: StatusParams, occurredAt: Date): NormalizedEvent[] {
  const raw = p.MessageStatus ?? p.SmsStatus ?? "";
  const status = outboxStatus[raw];
  if (!status) return [];
  const failed = status === "failed";
  const code = p.ErrorCode || undefined;
  return [
    {
      kind: "status",
      providerMessageId: p.MessageSid,
      status,
      error: failed
        ? { code, message: describeTwilioCode(code, p.ErrorMessage || (raw === "canceled" ? "Canceled" : undefined)) }
        : undefined,
      occurredAt,
    },
  ];
}
