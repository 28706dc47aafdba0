import { z } from "zod";
import { defineEvent, type EventStep } from "@/lib/events/define";
import { retailcrmCallSync } from "@/lib/retailcrm/calls";

// The telephony module's event for other modules: a call rang, was answered, ended or was missed (RetailCRM
// sends its call event and uploads the finished call, automation and the pipeline react, analytics counts).
// One `telephony.call-event` job per stored call state change, queued in the transaction that stored it; the
// payload carries what a listener needs so none reads this module's tables. A listener adds a step below.

export const CALL_SOURCES = ["asterisk_bridge", "asterisk_ami", "twilio", "retell"] as const;
export const CALL_PHASES = ["ringing", "answered", "ended", "missed"] as const;

export const callEventPayload = z.object({
  callId: z.uuid(),
  /** ringing → answered → ended, or ringing → missed; each phase is published once per call. */
  phase: z.enum(CALL_PHASES),
  source: z.enum(CALL_SOURCES),
  connectionId: z.uuid(),
  direction: z.enum(["inbound", "outbound"]),
  /** The client's number, E.164 (null when the PBX withheld it). */
  clientPhone: z.string().nullable(),
  contactId: z.uuid().nullable(),
  /** The organisation member who took or made the call, and their extension / manager code. */
  memberId: z.uuid().nullable(),
  extension: z.string().nullable(),
  status: z.enum(["ringing", "in_progress", "answered", "missed", "busy", "failed", "unknown"]),
  startedAt: z.string(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationSeconds: z.number().int().nonnegative().nullable(),
  waitSeconds: z.number().int().nonnegative().nullable(),
  /** A URL the recording can be fetched from by a third party (RetailCRM), when there is one. */
  recordingUrl: z.string().nullable(),
  /** An AI (Retell) call. */
  ai: z.boolean(),
});
export type CallEvent = z.infer<typeof callEventPayload>;

export type CallEventStep = EventStep<CallEvent>;

export const callEventSteps: CallEventStep[] = [retailcrmCallSync];

export const callEvent = defineEvent({
  name: "telephony.call-event",
  schema: callEventPayload,
  steps: callEventSteps,
  maxAttempts: 8,
});
