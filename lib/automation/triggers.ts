import { asService, type Sql } from "@/lib/db";
import type { LeadAnalyzedStep } from "@/lib/dialogs/events";
import type { AfterInboundStep } from "@/lib/inbox/jobs";
import type { DealCreated, DealEventStep, DealMoved } from "@/lib/pipeline/events";
import type { TaskEventStep } from "@/lib/tasks/events";
import { enabledRules, type RuleRow } from "./rules";
import type { RuleEvent } from "./runner";
import type { TriggerType } from "./schema";

// The event triggers: one step in each emitting module's steps array (registered there by hand). Each asks
// for its organisation's enabled rules of one trigger type first, so an organisation without such rules
// pays one indexed query per event and nothing more.

const rulesOf = (orgId: string, type: TriggerType) => asService((sql) => enabledRules(sql, orgId, [type]));

/**
 * The engine, loaded when a rule is due rather than with this module: the emitters import these steps, and
 * the engine's actions import the emitters back (a move publishes a deal event), which must not be a cycle
 * at load time.
 */
async function runRules(orgId: string, pairs: { rule: RuleRow; event: RuleEvent }[]) {
  if (!pairs.length) return;
  const { runRules: run } = await import("./runner");
  await run(orgId, pairs);
}

/** The contact's open deal the event is about: the most recently active one. */
async function openDealOfContact(sql: Sql, orgId: string, contactId: string): Promise<string | null> {
  const [row] = await sql.query<{ id: string }>(
    `select id from public.deals where org_id = $1 and contact_id = $2 and closed_at is null
      order by updated_at desc, id desc limit 1`,
    [orgId, contactId],
  );
  return row?.id ?? null;
}

export const messageReceivedStep: AfterInboundStep = {
  name: "automation",
  async run({ orgId, messageId, conversationId }) {
    const rules = await rulesOf(orgId, "message_received");
    if (!rules.length) return;
    const dealId = await asService(async (sql) => {
      const [c] = await sql.query<{ contact_id: string }>(
        "select contact_id from public.conversations where org_id = $1 and id = $2",
        [orgId, conversationId],
      );
      return c ? openDealOfContact(sql, orgId, c.contact_id) : null;
    });
    if (!dealId) return;
    await runRules(
      orgId,
      rules.map((rule) => ({ rule, event: { key: `msg:${messageId}`, dealId, messageId } })),
    );
  },
};

export const dealCreatedStep: DealEventStep<DealCreated> = {
  name: "automation",
  async run(e) {
    const rules = (await rulesOf(e.orgId, "deal_created")).filter(
      (r) => r.trigger.type === "deal_created" && (!r.trigger.pipelineId || r.trigger.pipelineId === e.pipelineId),
    );
    await runRules(
      e.orgId,
      rules.map((rule) => ({ rule, event: { key: `dh:${e.historyId}`, dealId: e.dealId } })),
    );
  },
};

const movedMatches = (r: RuleRow, e: DealMoved) =>
  r.trigger.type === "deal_stage_changed" &&
  (!r.trigger.toStageId || r.trigger.toStageId === e.toStageId) &&
  (!r.trigger.fromStageId || r.trigger.fromStageId === e.fromStageId);

export const dealMovedStep: DealEventStep<DealMoved> = {
  name: "automation",
  async run(e) {
    const rules = (await rulesOf(e.orgId, "deal_stage_changed")).filter((r) => movedMatches(r, e));
    await runRules(
      e.orgId,
      rules.map((rule) => ({
        rule,
        event: { key: `dh:${e.historyId}`, dealId: e.dealId, causedByRuleId: e.ruleId },
      })),
    );
  },
};

export const leadScoredStep: LeadAnalyzedStep = {
  name: "automation",
  async run(e) {
    const rules = (await rulesOf(e.orgId, "lead_scored")).filter((r) => {
      if (r.trigger.type !== "lead_scored") return false;
      const { becameInterest, minScore } = r.trigger;
      const became =
        !becameInterest || (e.interestLevel === becameInterest && e.previousInterestLevel !== becameInterest);
      const reached =
        minScore === undefined ||
        (e.score !== null && e.score >= minScore && (e.previousScore === null || e.previousScore < minScore));
      return became && reached;
    });
    if (!rules.length || e.isSpam) return;
    const dealId = await asService((sql) => openDealOfContact(sql, e.orgId, e.contactId));
    if (!dealId) return;
    const key = `lead:${e.leadId}:${e.score}:${e.interestLevel}:${e.funnelStage}`;
    await runRules(
      e.orgId,
      rules.map((rule) => ({ rule, event: { key, dealId } })),
    );
  },
};

export const taskOverdueStep: TaskEventStep = {
  name: "automation",
  // A task's other phases (created, due, done) queue no job for automation.
  wants: async (e) => e.phase === "overdue",
  async run(e) {
    if (e.phase !== "overdue") return;
    const rules = await rulesOf(e.orgId, "task_overdue");
    if (!rules.length) return;
    const dealId =
      e.dealId ?? (e.contactId ? await asService((sql) => openDealOfContact(sql, e.orgId, e.contactId!)) : null);
    if (!dealId) return;
    await runRules(
      e.orgId,
      rules.map((rule) => ({ rule, event: { key: `task:${e.taskId}:overdue`, dealId } })),
    );
  },
};
