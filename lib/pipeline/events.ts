import { z } from "zod";
import type { Sql } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueue } from "@/lib/jobs/enqueue";
import { defineJob } from "@/lib/jobs/registry";
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

/**
 * A module's reaction to a deal event. Steps run in order as the service with the organisation; one that
 * throws retries the job, so a step must be idempotent (keyed on historyId).
 */
export type DealEventStep<E> = { name: string; run(event: E & { orgId: string }): Promise<void> };

// Listeners register here by hand (as lib/inbox/jobs.ts's afterInboundSteps), so no bundle can miss one.
export const dealCreatedSteps: DealEventStep<DealCreated>[] = [dealCreatedStep, retailcrmDealCreated];
export const dealMovedSteps: DealEventStep<DealMoved>[] = [dealMovedStep, retailcrmDealMoved];

async function runSteps<E>(steps: DealEventStep<E>[], event: E, orgId: string | null, job: string) {
  if (!orgId) throw new Error(`${job} needs the organisation`);
  const done: string[] = [];
  for (const step of steps) {
    await step.run({ ...event, orgId });
    done.push(step.name);
  }
  return { steps: done };
}

export const dealCreated = defineJob({
  name: "pipeline.deal-created",
  schema: dealCreatedPayload,
  maxAttempts: 5,
  run: (payload, ctx) => runSteps(dealCreatedSteps, payload, ctx.orgId, "pipeline.deal-created"),
});

export const dealMoved = defineJob({
  name: "pipeline.deal-moved",
  schema: dealMovedPayload,
  maxAttempts: 5,
  run: (payload, ctx) => runSteps(dealMovedSteps, payload, ctx.orgId, "pipeline.deal-moved"),
});

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
  const local = !env().TRIGGER_SECRET_KEY;
  const [row] = await sql.query<{ event: { name: string; payload: unknown } }>(
    "select private.publish_deal_event($1, $2) as event",
    [historyId, local],
  );
  if (local) return undefined;
  const { name, payload } = row.event;
  return async () => {
    if (name === dealCreated.name)
      await enqueue(dealCreated, dealCreatedPayload.parse(payload), { orgId, dedupeKey: historyId });
    else await enqueue(dealMoved, dealMovedPayload.parse(payload), { orgId, dedupeKey: historyId });
  };
}
