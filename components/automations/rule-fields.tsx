"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { Action, Condition, Trigger } from "@/lib/automation/schema";
import { Input } from "@/components/ui/input";
import type { PipelineStage } from "./automations-api";

// The editor's fields for one trigger, condition or action: native selects and inputs, so the editor is
// keyboard friendly and works on a phone without custom popovers.

export const selectClass = "h-9 w-full rounded-md border border-input bg-card px-2 text-sm shadow-xs";

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="grid min-w-0 gap-1 text-xs text-muted-foreground">
      <span>{label}</span>
      {children}
    </label>
  );
}

function StageSelect({
  stages,
  value,
  onChange,
  allowAny,
}: {
  stages: PipelineStage[];
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  allowAny?: boolean;
}) {
  const t = useTranslations("automations.editor");
  return (
    <Field label={t("stage")}>
      <select
        className={selectClass}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value || undefined)}
        data-testid="stage-select"
      >
        {allowAny && <option value="">{t("anyStage")}</option>}
        {stages.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

const num = (v: string, fallback: number) => (Number.isFinite(Number(v)) && v !== "" ? Number(v) : fallback);

export function TriggerFields({
  value,
  onChange,
  stages,
}: {
  value: Trigger;
  onChange: (t: Trigger) => void;
  stages: PipelineStage[];
}) {
  const t = useTranslations("automations.editor");
  switch (value.type) {
    case "deal_stage_changed":
      return (
        <StageSelect
          allowAny
          stages={stages}
          value={value.toStageId}
          onChange={(id) => onChange({ ...value, toStageId: id })}
        />
      );
    case "lead_scored":
      return (
        <Field label={t("interest")}>
          <select
            className={selectClass}
            value={value.becameInterest ?? ""}
            onChange={(e) =>
              onChange({
                ...value,
                becameInterest: (e.target.value || undefined) as "hot" | "warm" | "cold" | undefined,
              })
            }
          >
            <option value="">{t("anyInterest")}</option>
            <option value="hot">{t("hot")}</option>
            <option value="warm">{t("warm")}</option>
            <option value="cold">{t("cold")}</option>
          </select>
        </Field>
      );
    case "time_in_stage":
      return (
        <div className="grid grid-cols-2 gap-2">
          <StageSelect
            stages={stages}
            value={value.stageId}
            onChange={(id) => id && onChange({ ...value, stageId: id })}
          />
          <Field label={t("hours")}>
            <Input
              type="number"
              min={1}
              value={value.hours}
              onChange={(e) => onChange({ ...value, hours: num(e.target.value, value.hours) })}
            />
          </Field>
        </div>
      );
    case "no_reply":
      return (
        <div className="grid grid-cols-2 gap-2">
          <Field label={t("waiting")}>
            <select
              className={selectClass}
              value={value.waiting}
              onChange={(e) => onChange({ ...value, waiting: e.target.value as "client" | "team" })}
            >
              <option value="client">{t("waitingClient")}</option>
              <option value="team">{t("waitingTeam")}</option>
            </select>
          </Field>
          <Field label={t("hours")}>
            <Input
              type="number"
              min={1}
              value={value.hours}
              onChange={(e) => onChange({ ...value, hours: num(e.target.value, value.hours) })}
            />
          </Field>
        </div>
      );
    default:
      return null;
  }
}

export function ConditionFields({
  value,
  onChange,
  stages,
}: {
  value: Condition;
  onChange: (c: Condition) => void;
  stages: PipelineStage[];
}) {
  const t = useTranslations("automations.editor");
  switch (value.type) {
    case "stage_is":
      return (
        <StageSelect
          stages={stages}
          value={value.stageIds[0]}
          onChange={(id) => id && onChange({ ...value, stageIds: [id] })}
        />
      );
    case "interest_is":
      return (
        <Field label={t("interest")}>
          <select
            className={selectClass}
            value={value.levels[0]}
            onChange={(e) => onChange({ ...value, levels: [e.target.value as "hot" | "warm" | "cold"] })}
          >
            <option value="hot">{t("hot")}</option>
            <option value="warm">{t("warm")}</option>
            <option value="cold">{t("cold")}</option>
          </select>
        </Field>
      );
    case "score_at_least":
      return (
        <Field label={t("score")}>
          <Input
            type="number"
            min={0}
            max={100}
            value={value.score}
            onChange={(e) => onChange({ ...value, score: num(e.target.value, value.score) })}
          />
        </Field>
      );
    case "has_tag":
      return (
        <Field label={t("tag")}>
          <Input value={value.tag} onChange={(e) => onChange({ ...value, tag: e.target.value })} />
        </Field>
      );
    case "amount_at_least":
      return (
        <Field label={t("amount")}>
          <Input
            type="number"
            min={0}
            value={value.amount}
            onChange={(e) => onChange({ ...value, amount: num(e.target.value, value.amount) })}
          />
        </Field>
      );
    case "channel_is":
      return (
        <Field label={t("channel")}>
          <select
            className={selectClass}
            value={value.channels[0]}
            onChange={(e) =>
              onChange({ ...value, channels: [e.target.value as "telegram" | "whatsapp" | "instagram"] })
            }
          >
            <option value="telegram">Telegram</option>
            <option value="whatsapp">WhatsApp</option>
            <option value="instagram">Instagram</option>
          </select>
        </Field>
      );
    default:
      return null;
  }
}

export function ActionFields({
  value,
  onChange,
  stages,
}: {
  value: Action;
  onChange: (a: Action) => void;
  stages: PipelineStage[];
}) {
  const t = useTranslations("automations.editor");
  const text = useTranslations("automations.text");
  switch (value.type) {
    case "move_stage":
      return (
        <StageSelect
          stages={stages}
          value={value.stageId}
          onChange={(id) => id && onChange({ ...value, stageId: id })}
        />
      );
    case "assign":
      return (
        <Field label={t("mode")}>
          <select
            className={selectClass}
            value={value.mode}
            onChange={(e) => onChange({ ...value, mode: e.target.value as "round_robin" | "least_loaded" })}
          >
            <option value="round_robin">{t("roundRobin")}</option>
            <option value="least_loaded">{t("leastLoaded")}</option>
          </select>
        </Field>
      );
    case "create_task":
      return (
        <div className="grid grid-cols-[1fr_7rem] gap-2">
          <Field label={t("taskTitle")}>
            <Input value={value.title} onChange={(e) => onChange({ ...value, title: e.target.value })} />
          </Field>
          <Field label={t("dueIn")}>
            <Input
              type="number"
              min={0}
              value={value.dueInHours}
              onChange={(e) => onChange({ ...value, dueInHours: num(e.target.value, value.dueInHours) })}
            />
          </Field>
        </div>
      );
    case "notify":
      return (
        <div className="grid gap-2 sm:grid-cols-[12rem_1fr]">
          <Field label={t("to")}>
            <select
              className={selectClass}
              value={value.to}
              onChange={(e) => onChange({ ...value, to: e.target.value as "owner" | "team" })}
            >
              <option value="owner">{t("toOwner")}</option>
              <option value="team">{t("toTeam")}</option>
            </select>
          </Field>
          <Field label={t("text")}>
            <Input value={value.text} onChange={(e) => onChange({ ...value, text: e.target.value })} />
          </Field>
        </div>
      );
    case "send_message":
      return (
        <Field label={t("text")}>
          <Input value={value.text ?? ""} onChange={(e) => onChange({ ...value, text: e.target.value })} />
        </Field>
      );
    case "add_tag":
      return (
        <Field label={t("tag")}>
          <Input value={value.tag} onChange={(e) => onChange({ ...value, tag: e.target.value })} />
        </Field>
      );
    case "set_ai_mode":
      return (
        <Field label={t("aiMode")}>
          <select
            className={selectClass}
            value={value.mode}
            onChange={(e) => onChange({ ...value, mode: e.target.value as "auto" | "draft" | "off" })}
          >
            <option value="auto">{text("aiMode.auto")}</option>
            <option value="draft">{text("aiMode.draft")}</option>
            <option value="off">{text("aiMode.off")}</option>
          </select>
        </Field>
      );
    case "webhook":
      return (
        <Field label={t("url")}>
          <Input
            type="url"
            placeholder="https://"
            value={value.url}
            onChange={(e) => onChange({ ...value, url: e.target.value })}
          />
        </Field>
      );
  }
}
