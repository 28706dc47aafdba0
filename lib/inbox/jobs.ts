import { z } from "zod";
import { asService } from "@/lib/db";
import { defineEvent } from "@/lib/events/define";
import { defineJob, type JobHandle } from "@/lib/jobs/registry";
import { statusUpdateSchema } from "@/lib/channels/types";
import { analyzeAfterInbound } from "@/lib/dialogs/jobs";
import { assistantStep } from "@/lib/assistant/respond";
import { messageReceivedStep } from "@/lib/automation/triggers";

export const afterInboundPayload = z.object({ messageId: z.uuid(), conversationId: z.uuid() });
export type AfterInbound = z.infer<typeof afterInboundPayload> & {
  orgId: string;
  /** The job doing it: AI runs record its id, and model calls stop when it is cancelled or times out. */
  job?: JobHandle;
};

/**
 * A module's follow-up to a stored inbound message (AI reply, dialog analysis, automations, RetailCRM sync).
 * Steps run in order as the service; one that throws makes the job retry, so steps must be idempotent.
 */
export type AfterInboundStep = { name: string; run(message: AfterInbound): Promise<void> };

// Modules add their step here, by hand, so no Next.js bundle can miss one (as lib/jobs/catalog.ts does).
export const afterInboundSteps: AfterInboundStep[] = [assistantStep, analyzeAfterInbound, messageReceivedStep];

/** Enqueued by ingest in the transaction that stores each inbound message. */
export const afterInbound = defineEvent({
  name: "inbox.after-inbound",
  schema: afterInboundPayload,
  steps: afterInboundSteps,
});

export const lateStatusPayload = z.object({
  channelId: z.uuid(),
  // The normalized event as JSON: dates travel as ISO strings and are coerced back.
  event: statusUpdateSchema,
});

/**
 * A delivery status that arrived before the send's answer recorded the provider's id (Twilio can call back
 * within milliseconds). Tried again a few times; a status for a message we never sent is dropped in the end.
 */
export const applyLateStatus = defineJob({
  name: "inbox.apply-late-status",
  schema: lateStatusPayload,
  maxAttempts: 6,
  async run({ channelId, event }, ctx) {
    const outcome = await asService(async (sql) => {
      const [row] = await sql.query<{ outcome: string }>(
        `select private.apply_status(c.id, $2::jsonb) as outcome from public.channels c
          where c.id = $1 and ($3::uuid is null or c.org_id = $3)`,
        [channelId, JSON.stringify(event), ctx.orgId],
      );
      return row?.outcome ?? "unknown";
    });
    if (outcome === "unknown" && ctx.attempt < ctx.maxAttempts) {
      throw new Error(`no outbound message ${event.providerMessageId} yet`);
    }
    return { outcome };
  },
});
