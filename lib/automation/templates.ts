import type { Action, Condition, Trigger } from "./schema";

// Seed 003's examples as ready-made rules. A template is filled in with the organisation's pipeline (its
// columns found by seed 004's funnel stage) and the texts in the user's language; the editor opens with it,
// and the user saves it (disabled) after trying it on a deal.

export const TEMPLATE_IDS = [
  "time_in_stage",
  "first_reply",
  "stage_changed",
  "lead_hot",
  "task_overdue",
  "no_reply",
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export type TemplateStage = { id: string; funnelStage?: string | null };

/** The texts a template writes into its tasks and notices, in the user's language. */
export type TemplateTexts = {
  name: string;
  replied: string;
  prepare: string;
  hot: string;
  overdue: string;
  followUp: string;
};

export type RuleDraft = {
  name: string;
  template: TemplateId;
  trigger: Trigger;
  conditions: Condition[];
  actions: Action[];
};

/** The template as a rule for this pipeline; null when the pipeline lacks the columns it needs. */
export function buildTemplate(id: TemplateId, stages: TemplateStage[], text: TemplateTexts): RuleDraft | null {
  const by = (funnel: string, fallback: number) =>
    stages.find((s) => s.funnelStage === funnel)?.id ?? stages[fallback]?.id;
  const lead = by("new_lead", 0);
  const qualified = by("qualified", 1);
  const booked = by("consultation_booked", 2);
  if (!lead || !qualified || !booked) return null;
  const base = { name: text.name, template: id };
  switch (id) {
    case "time_in_stage":
      return {
        ...base,
        trigger: { type: "time_in_stage", stageId: lead, hours: 24 },
        conditions: [{ type: "has_client_reply" }],
        actions: [{ type: "move_stage", stageId: qualified }],
      };
    case "first_reply":
      return {
        ...base,
        trigger: { type: "message_received" },
        conditions: [{ type: "first_reply" }, { type: "stage_is", stageIds: [lead] }],
        actions: [
          { type: "move_stage", stageId: qualified },
          { type: "notify", to: "owner", text: text.replied },
        ],
      };
    case "stage_changed":
      return {
        ...base,
        trigger: { type: "deal_stage_changed", toStageId: booked },
        conditions: [],
        actions: [{ type: "create_task", title: text.prepare, dueInHours: 24, kind: "meeting" }],
      };
    case "lead_hot":
      return {
        ...base,
        trigger: { type: "lead_scored", becameInterest: "hot" },
        conditions: [],
        actions: [
          { type: "notify", to: "team", text: text.hot },
          { type: "add_tag", tag: "hot" },
        ],
      };
    case "task_overdue":
      return {
        ...base,
        trigger: { type: "task_overdue" },
        conditions: [],
        actions: [{ type: "notify", to: "owner", text: text.overdue }],
      };
    case "no_reply":
      return {
        ...base,
        trigger: { type: "no_reply", hours: 48, waiting: "client" },
        conditions: [],
        actions: [{ type: "create_task", title: text.followUp, dueInHours: 0, kind: "follow_up" }],
      };
  }
}
