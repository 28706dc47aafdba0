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

/** A native select of fixed choices; `empty` adds a first "any" choice that stands for undefined. */
function ChoiceField<V extends string>({
  label,
  value,
  choices,
  onChange,
  empty,
  testId,
}: {
  label: string;
  value: V | undefined;
  choices: readonly (readonly [V, string])[];
  onChange: (value: V | undefined) => void;
  empty?: string;
  testId?: string;
}) {
  return (
    <Field label={label}>
      <select
        className={selectClass}
        value={value ?? ""}
        onChange={(e) => onChange((e.target.value || undefined) as V | undefined)}
        data-testid={testId}
      >
        {empty !== undefined && <option value="">{empty}</option>}
        {choices.map(([v, name]) => (
          <option key={v} value={v}>
            {name}
          </option>
        ))}
      </select>
    </Field>
  );
}

const num = (v: string, fallback: number) => (Number.isFinite(Number(v)) && v !== "" ? Number(v) : fallback);

function NumberField({
  label,
  value,
  onChange,
  min = 0,
  max,
}: {
  label: string;
  value: number;
  onChange: (value: number) => void;
  min?: number;
  max?: number;
}) {
  return (
    <Field label={label}>
      <Input type="number" min={min} max={max} value={value} onChange={(e) => onChange(num(e.target.value, value))} />
    </Field>
  );
}

function TextField({
  label,
  value,
  onChange,
  type,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: "url";
  placeholder?: string;
}) {
  return (
    <Field label={label}>
      <Input type={type} placeholder={placeholder} value={value} onChange={(e) => onChange(e.target.value)} />
    </Field>
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
    <ChoiceField
      label={t("stage")}
      value={value}
      choices={stages.map((s) => [s.id, s.name] as const)}
      onChange={onChange}
      empty={allowAny ? t("anyStage") : undefined}
      testId="stage-select"
    />
  );
}

type Level = "hot" | "warm" | "cold";
const levels = (t: (key: string) => string) => (["hot", "warm", "cold"] as const).map((l) => [l, t(l)] as const);
const NETWORKS = [
  ["telegram", "Telegram"],
  ["whatsapp", "WhatsApp"],
  ["instagram", "Instagram"],
] as const;

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
        <ChoiceField<Level>
          label={t("interest")}
          value={value.becameInterest}
          choices={levels(t)}
          empty={t("anyInterest")}
          onChange={(becameInterest) => onChange({ ...value, becameInterest })}
        />
      );
    case "time_in_stage":
      return (
        <div className="grid grid-cols-2 gap-2">
          <StageSelect
            stages={stages}
            value={value.stageId}
            onChange={(id) => id && onChange({ ...value, stageId: id })}
          />
          <NumberField
            label={t("hours")}
            min={1}
            value={value.hours}
            onChange={(hours) => onChange({ ...value, hours })}
          />
        </div>
      );
    case "no_reply":
      return (
        <div className="grid grid-cols-2 gap-2">
          <ChoiceField
            label={t("waiting")}
            value={value.waiting}
            choices={[
              ["client", t("waitingClient")],
              ["team", t("waitingTeam")],
            ]}
            onChange={(waiting) => waiting && onChange({ ...value, waiting })}
          />
          <NumberField
            label={t("hours")}
            min={1}
            value={value.hours}
            onChange={(hours) => onChange({ ...value, hours })}
          />
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
        <ChoiceField<Level>
          label={t("interest")}
          value={value.levels[0]}
          choices={levels(t)}
          onChange={(level) => level && onChange({ ...value, levels: [level] })}
        />
      );
    case "score_at_least":
      return (
        <NumberField
          label={t("score")}
          max={100}
          value={value.score}
          onChange={(score) => onChange({ ...value, score })}
        />
      );
    case "has_tag":
      return <TextField label={t("tag")} value={value.tag} onChange={(tag) => onChange({ ...value, tag })} />;
    case "amount_at_least":
      return (
        <NumberField label={t("amount")} value={value.amount} onChange={(amount) => onChange({ ...value, amount })} />
      );
    case "channel_is":
      return (
        <ChoiceField
          label={t("channel")}
          value={value.channels[0]}
          choices={NETWORKS}
          onChange={(channel) => channel && onChange({ ...value, channels: [channel] })}
        />
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
        <ChoiceField
          label={t("mode")}
          value={value.mode}
          choices={[
            ["round_robin", t("roundRobin")],
            ["least_loaded", t("leastLoaded")],
          ]}
          onChange={(mode) => mode && onChange({ ...value, mode })}
        />
      );
    case "create_task":
      return (
        <div className="grid grid-cols-[1fr_7rem] gap-2">
          <TextField label={t("taskTitle")} value={value.title} onChange={(title) => onChange({ ...value, title })} />
          <NumberField
            label={t("dueIn")}
            value={value.dueInHours}
            onChange={(dueInHours) => onChange({ ...value, dueInHours })}
          />
        </div>
      );
    case "notify":
      return (
        <div className="grid gap-2 sm:grid-cols-[12rem_1fr]">
          <ChoiceField
            label={t("to")}
            value={value.to}
            choices={[
              ["owner", t("toOwner")],
              ["team", t("toTeam")],
            ]}
            onChange={(to) => to && onChange({ ...value, to })}
          />
          <TextField label={t("text")} value={value.text} onChange={(v) => onChange({ ...value, text: v })} />
        </div>
      );
    case "send_message":
      return <TextField label={t("text")} value={value.text ?? ""} onChange={(v) => onChange({ ...value, text: v })} />;
    case "add_tag":
      return <TextField label={t("tag")} value={value.tag} onChange={(tag) => onChange({ ...value, tag })} />;
    case "set_ai_mode":
      return (
        <ChoiceField
          label={t("aiMode")}
          value={value.mode}
          choices={(["auto", "draft", "off"] as const).map((m) => [m, text(`aiMode.${m}`)] as const)}
          onChange={(mode) => mode && onChange({ ...value, mode })}
        />
      );
    case "webhook":
      return (
        <TextField
          label={t("url")}
          type="url"
          placeholder="https://"
          value={value.url}
          onChange={(url) => onChange({ ...value, url })}
        />
      );
  }
}
