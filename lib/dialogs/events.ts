import { z } from "zod";
import type { Sql } from "@/lib/db";
import { enqueue } from "@/lib/jobs/enqueue";
import { defineEvent, type EventStep } from "@/lib/events/define";
import { dealsFromLeadsStep } from "@/lib/pipeline/from-leads";
import { leadScoredStep } from "@/lib/automation/triggers";

// The dialog analysis's event for other modules: a lead was created or its score, interest or funnel stage
// changed (the pipeline makes or moves a deal, automation's "lead scored" rules fire, analytics counts). One
// `dialogs.lead-analyzed` job per changed lead, queued in the transaction that wrote it; a listener adds a step
// below, as inbox.after-inbound's listeners do, and never reaches into this module's tables to be told.

const interest = z.enum(["hot", "warm", "cold"]).nullable();

export const leadAnalyzedPayload = z.object({
  leadId: z.uuid(),
  contactId: z.uuid(),
  channelId: z.uuid().nullable(),
  /** The lead row was made by this analysis. */
  created: z.boolean(),
  score: z.number().int().nullable(),
  previousScore: z.number().int().nullable(),
  interestLevel: interest,
  previousInterestLevel: interest,
  /** Seed 004's funnel stage (new_lead … deal_lost); a stage's funnel_stage names the matching column. */
  funnelStage: z.string().nullable(),
  previousFunnelStage: z.string().nullable(),
  qualificationComplete: z.boolean(),
  isSpam: z.boolean(),
});
export type LeadAnalyzed = z.infer<typeof leadAnalyzedPayload>;

export type LeadAnalyzedStep = EventStep<LeadAnalyzed>;

// The pipeline first, so a "lead scored" rule finds the deal the analysis just made.
export const leadAnalyzedSteps: LeadAnalyzedStep[] = [dealsFromLeadsStep, leadScoredStep];

export const leadAnalyzed = defineEvent({
  name: "dialogs.lead-analyzed",
  schema: leadAnalyzedPayload,
  steps: leadAnalyzedSteps,
});

const changed = (e: LeadAnalyzed) =>
  e.created ||
  e.score !== e.previousScore ||
  e.interestLevel !== e.previousInterestLevel ||
  e.funnelStage !== e.previousFunnelStage;

/**
 * Queues the event of each lead the analysis changed, in the caller's service transaction (in-process jobs
 * commit with the lead; on Trigger.dev the run is requested at once and its payload carries what it needs).
 */
export async function publishLeadChanges(sql: Sql, orgId: string, events: LeadAnalyzed[]): Promise<void> {
  for (const event of events.filter(changed)) {
    await enqueue(leadAnalyzed, event, {
      sql,
      orgId,
      dedupeKey: `${event.leadId}:${event.score}:${event.interestLevel}:${event.funnelStage}`,
    });
  }
}
