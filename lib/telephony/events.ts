import { z } from "zod";
import { defineJob } from "@/lib/jobs/registry";
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

/** A module's reaction to a call event; runs as the service, retried with the job, so idempotent. */
export type CallEventStep = { name: string; run(event: CallEvent & { orgId: string }): Promise<void> };

// Listeners register here by hand (as lib/inbox/jobs.ts's afterInboundSteps), so no bundle can miss one.
export const callEventSteps: CallEventStep[] = [];
callEventSteps.push(retailcrmCallSync);

export const callEvent = defineJob({
  name: "telephony.call-event",
  schema: callEventPayload,
  maxAttempts: 8,
  async run(payload, ctx) {
    if (!ctx.orgId) throw new Error("telephony.call-event needs the organisation");
    const done: string[] = [];
    for (const step of callEventSteps) {
      await step.run({ ...payload, orgId: ctx.orgId });
      done.push(step.name);
    }
    return { steps: done };
  },
});
