"use client";

import { useTranslations } from "next-intl";
import type { Action, Condition, Trigger } from "@/lib/automation/schema";
import type { PipelineLite } from "./automations-api";

/** A rule in words, in the user's language: "When … and … then …", with stage names rather than ids. */
export function useRuleText(pipelines: PipelineLite[] | undefined) {
  const t = useTranslations("automations.text");
  const stageName = (id: string | undefined) =>
    pipelines?.flatMap((p) => p.stages).find((s) => s.id === id)?.name ?? t("unknownStage");
  const interest = (level: string) => t(`interest.${level}`);

  const trigger = (x: Trigger): string => {
    switch (x.type) {
      case "message_received":
        return t("trigger.message_received");
      case "deal_created":
        return t("trigger.deal_created");
      case "deal_stage_changed":
        return x.toStageId ? t("trigger.deal_moved_to", { stage: stageName(x.toStageId) }) : t("trigger.deal_moved");
      case "lead_scored":
        return x.becameInterest
          ? t("trigger.lead_became", { interest: interest(x.becameInterest) })
          : t("trigger.lead_score", { score: x.minScore ?? 0 });
      case "task_overdue":
        return t("trigger.task_overdue");
      case "time_in_stage":
        return t("trigger.time_in_stage", { stage: stageName(x.stageId), hours: x.hours });
      case "no_reply":
        return x.waiting === "team"
          ? t("trigger.no_reply_team", { hours: x.hours })
          : t("trigger.no_reply_client", { hours: x.hours });
    }
  };

  const condition = (c: Condition): string => {
    switch (c.type) {
      case "stage_is":
        return t("condition.stage_is", { stages: c.stageIds.map(stageName).join(", ") });
      case "pipeline_is":
        return t("condition.pipeline_is", {
          pipeline: pipelines?.find((p) => p.id === c.pipelineId)?.name ?? "—",
        });
      case "interest_is":
        return t("condition.interest_is", { levels: c.levels.map(interest).join(", ") });
      case "score_at_least":
        return t("condition.score_at_least", { score: c.score });
      case "has_tag":
        return t("condition.has_tag", { tag: c.tag });
      case "amount_at_least":
        return t("condition.amount_at_least", { amount: c.amount });
      case "channel_is":
        return t("condition.channel_is", { channels: c.channels.join(", ") });
      default:
        return t(`condition.${c.type}`);
    }
  };

  const action = (a: Action): string => {
    switch (a.type) {
      case "move_stage":
        return t("action.move_stage", { stage: stageName(a.stageId) });
      case "assign":
        return t(`action.assign_${a.mode}`);
      case "create_task":
        return t("action.create_task", { title: a.title, hours: a.dueInHours });
      case "notify":
        return t(`action.notify_${a.to}`, { text: a.text });
      case "send_message":
        return a.text ? t("action.send_message", { text: a.text }) : t("action.send_template");
      case "add_tag":
        return t("action.add_tag", { tag: a.tag });
      case "set_ai_mode":
        return t("action.set_ai_mode", { mode: t(`aiMode.${a.mode}`) });
      case "webhook":
        return t("action.webhook", { url: a.url });
    }
  };

  return { trigger, condition, action, stageName };
}
