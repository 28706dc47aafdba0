import { z } from "zod";
import type { Sql } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueue } from "@/lib/jobs/enqueue";
import { defineEvent, type EventStep } from "@/lib/events/define";
import { dealCreatedStep, dealMovedStep } from "@/lib/automation/triggers";
import { retailcrmDealCreated, retailcrmDealMoved } from "@/lib/retailcrm/sync-out";

// The pipeline's events for other modules (automation, analytics, RetailCRM sync). One job per stage_history
// row, queued with the move (private.publish_deal_event builds the payload from that row); a listener adds a
// step below, as inbox.after-inbound's listeners do, and never reaches into this module's tables to be told.

export const dealCreatedPayload = z.object({
  dealId: z.uuid(),
  historyId: z.uuid(),
  pipelineId: z.uuid(),
  stageId: z.uuid(),
  createdBy: z.uuid().nullable(),
  autoMoved: z.boolean(),
});
export type DealCreated = z.infer<typeof dealCreatedPayload>;

export const dealMovedPayload = z.object({
  dealId: z.uuid(),
  historyId: z.uuid(),
  pipelineId: z.uuid(),
  fromStageId: z.uuid(),
  toStageId: z.uuid(),
  movedBy: z.uuid().nullable(),
  /** Moved by an automation rule (ruleId) or another module, not by a person. */
  autoMoved: z.boolean(),
  ruleId: z.uuid().nullable(),
  movedAt: z.string(),
});
export type DealMoved = z.infer<typeof dealMovedPayload>;

export type DealEventStep<E> = EventStep<E>;

export const dealCreatedSteps: DealEventStep<DealCreated>[] = [dealCreatedStep, retailcrmDealCreated];
export const dealMovedSteps: DealEventStep<DealMoved>[] = [dealMovedStep, retailcrmDealMoved];

export const dealCreated = defineEvent({
  name: "pipeline.deal-created",
  schema: dealCreatedPayload,
  steps: dealCreatedSteps,
});

export const dealMoved = defineEvent({ name: "pipeline.deal-moved", schema: dealMovedPayload, steps: dealMovedSteps });

/**
 * Publishes the event of one stage_history row. In-process jobs: queued in the caller's transaction (the
 * move and its event commit together). Trigger.dev: the returned function requests the run after commit,
 * because a run started earlier could look for a deal that is not visible yet.
 */
export async function publishStageChange(
  sql: Sql,
  orgId: string,
  historyId: string,
): Promise<(() => Promise<void>) | undefined> {
  const local = queueEventsLocally();
  const [row] = await sql.query<{ event: PublishedEvent }>("select private.publish_deal_event($1, $2) as event", [
    historyId,
    local,
  ]);
  return local ? undefined : requestAfterCommit(orgId, historyId, row.event);
}

/** What private.publish_deal_event answers: the job's name and payload. */
export type PublishedEvent = { name: string; payload: unknown };

/** In-process jobs are queued by private.publish_deal_event itself; Trigger.dev runs are requested after commit. */
export const queueEventsLocally = () => !env().TRIGGER_SECRET_KEY;

/** The Trigger.dev request for an event published in the database (publish_deal_event with queue_locally off). */
export function requestAfterCommit(orgId: string, historyId: string, event: PublishedEvent) {
  const { name, payload } = event;
  return async () => {
    if (name === dealCreated.name)
      await enqueue(dealCreated, dealCreatedPayload.parse(payload), { orgId, dedupeKey: historyId });
    else await enqueue(dealMoved, dealMovedPayload.parse(payload), { orgId, dedupeKey: historyId });
  };
}
