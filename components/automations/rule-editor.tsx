"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import type { Action, Condition, Trigger } from "@/lib/automation/schema";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { ApiRequestError } from "@/lib/client/api";
import {
  automationKeys,
  createRule,
  updateRule,
  type PipelineStage,
  type Rule,
  type RuleInput,
} from "./automations-api";
import { ActionFields, ConditionFields, Field, selectClass, TriggerFields } from "./rule-fields";

const TRIGGERS = [
  "message_received",
  "deal_created",
  "deal_stage_changed",
  "lead_scored",
  "task_overdue",
  "time_in_stage",
  "no_reply",
] as const;
const CONDITIONS = [
  "stage_is",
  "has_client_reply",
  "first_reply",
  "interest_is",
  "score_at_least",
  "has_tag",
  "no_owner",
  "amount_at_least",
  "channel_is",
] as const;
const ACTIONS = [
  "move_stage",
  "assign",
  "create_task",
  "notify",
  "send_message",
  "add_tag",
  "set_ai_mode",
  "webhook",
] as const;

/** A new trigger, condition or action of a type, with sensible values to edit from. */
function newTrigger(type: Trigger["type"], stages: PipelineStage[]): Trigger {
  if (type === "time_in_stage") return { type, stageId: stages[0]?.id ?? "", hours: 24 };
  if (type === "no_reply") return { type, hours: 48, waiting: "client" };
  if (type === "lead_scored") return { type, becameInterest: "hot" };
  return { type } as Trigger;
}
function newCondition(type: Condition["type"], stages: PipelineStage[]): Condition {
  switch (type) {
    case "stage_is":
      return { type, stageIds: [stages[0]?.id ?? ""] };
    case "interest_is":
      return { type, levels: ["hot"] };
    case "score_at_least":
      return { type, score: 70 };
    case "has_tag":
      return { type, tag: "vip" };
    case "amount_at_least":
      return { type, amount: 10000 };
    case "channel_is":
      return { type, channels: ["telegram"] };
    default:
      return { type } as Condition;
  }
}
function newAction(type: Action["type"], stages: PipelineStage[]): Action {
  switch (type) {
    case "move_stage":
      return { type, stageId: stages[1]?.id ?? stages[0]?.id ?? "" };
    case "assign":
      return { type, mode: "round_robin", userIds: [] };
    case "create_task":
      return { type, title: "", dueInHours: 24, kind: "follow_up" };
    case "notify":
      return { type, to: "owner", text: "" };
    case "send_message":
      return { type, text: "" };
    case "add_tag":
      return { type, tag: "" };
    case "set_ai_mode":
      return { type, mode: "draft" };
    case "webhook":
      return { type, url: "" };
  }
}

export type EditorState = { rule?: Rule; draft: RuleInput };

function RemoveButton({ onClick, label }: { onClick: () => void; label: string }) {
  return (
    <Button type="button" variant="ghost" size="icon-sm" aria-label={label} onClick={onClick} className="shrink-0">
      <X className="size-4" />
    </Button>
  );
}

/** "When <trigger> and <conditions> then <actions>": creates or edits a rule; a new one is saved switched off. */
export function RuleEditor({
  state,
  stages,
  onClose,
  onSecret,
}: {
  state: EditorState;
  stages: PipelineStage[];
  onClose: () => void;
  onSecret: (secret: string) => void;
}) {
  const t = useTranslations("automations");
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<RuleInput>(state.draft);
  const set = (patch: Partial<RuleInput>) => setDraft((d) => ({ ...d, ...patch }));
  const save = useMutation({
    mutationFn: () => {
      const body = { name: draft.name, trigger: draft.trigger, conditions: draft.conditions, actions: draft.actions };
      return state.rule
        ? updateRule(state.rule.id, body)
        : createRule({ ...body, template: draft.template, enabled: draft.enabled ?? false });
    },
    onSuccess: async (saved) => {
      toast.success(t("saved"));
      await queryClient.invalidateQueries({ queryKey: automationKeys.rules });
      onClose();
      if (!state.rule && saved.webhookSecret && draft.actions.some((a) => a.type === "webhook"))
        onSecret(saved.webhookSecret);
    },
    onError: (e) => toast.error(e instanceof ApiRequestError ? e.message : t("saveFailed")),
  });

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-h-[90dvh] max-w-2xl overflow-y-auto" closeLabel={t("close")}>
        <DialogHeader title={state.rule ? t("editor.editTitle") : t("editor.createTitle")} />
        <form
          className="grid gap-5"
          data-testid="rule-editor"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <Field label={t("editor.name")}>
            <Input
              required
              name="name"
              value={draft.name}
              placeholder={t("editor.namePlaceholder")}
              onChange={(e) => set({ name: e.target.value })}
            />
          </Field>

          <section className="grid gap-2 rounded-lg border p-3">
            <h3 className="text-sm font-semibold">{t("editor.trigger")}</h3>
            <select
              aria-label={t("editor.trigger")}
              name="trigger"
              className={selectClass}
              value={draft.trigger.type}
              onChange={(e) => set({ trigger: newTrigger(e.target.value as Trigger["type"], stages) })}
            >
              {TRIGGERS.map((x) => (
                <option key={x} value={x}>
                  {t(`triggerTypes.${x}`)}
                </option>
              ))}
            </select>
            <TriggerFields value={draft.trigger} stages={stages} onChange={(trigger) => set({ trigger })} />
          </section>

          <section className="grid gap-2 rounded-lg border p-3">
            <h3 className="text-sm font-semibold">{t("editor.conditions")}</h3>
            {draft.conditions.length === 0 && (
              <p className="text-xs text-muted-foreground">{t("editor.noConditions")}</p>
            )}
            {draft.conditions.map((c, i) => (
              <div key={i} className="flex items-end gap-2" data-testid="condition-row">
                <div className="grid min-w-0 flex-1 gap-2 sm:grid-cols-2">
                  <select
                    aria-label={t("editor.conditions")}
                    className={selectClass}
                    value={c.type}
                    onChange={(e) => {
                      const next = [...draft.conditions];
                      next[i] = newCondition(e.target.value as Condition["type"], stages);
                      set({ conditions: next });
                    }}
                  >
                    {CONDITIONS.map((x) => (
                      <option key={x} value={x}>
                        {t(`conditionTypes.${x}`)}
                      </option>
                    ))}
                  </select>
                  <ConditionFields
                    value={c}
                    stages={stages}
                    onChange={(v) => set({ conditions: draft.conditions.map((o, j) => (j === i ? v : o)) })}
                  />
                </div>
                <RemoveButton
                  label={t("editor.remove")}
                  onClick={() => set({ conditions: draft.conditions.filter((_, j) => j !== i) })}
                />
              </div>
            ))}
            <Button
              type="button"
              variant="outline"
              size="sm"
              className="justify-self-start"
              onClick={() => set({ conditions: [...draft.conditions, newCondition("stage_is", stages)] })}
            >
              <Plus className="size-4" aria-hidden />
              {t("editor.addCondition")}
            </Button>
          </section>

          <section className="grid gap-2 rounded-lg border p-3">
            <h3 className="text-sm font-semibold">{t("editor.actions")}</h3>
            {draft.actions.map((a, i) => (
              <div key={i} className="flex items-end gap-2" data-testid="action-row">
                <div className="grid min-w-0 flex-1 gap-2 sm:grid-cols-[12rem_1fr]">
                  <select
                    aria-label={t("editor.actions")}
                    className={selectClass}
                    value={a.type}
                    onChange={(e) => {
                      const next = [...draft.actions];
                      next[i] = newAction(e.target.value as Action["type"], stages);
                      set({ actions: next });
                    }}
                  >
                    {ACTIONS.map((x) => (
                      <option key={x} value={x}>
                        {t(`actionTypes.${x}`)}
                      </option>
                    ))}
                  </select>
                  <ActionFields
                    value={a}
                    stages={stages}
                    onChange={(v) => set({ actions: draft.actions.map((o, j) => (j === i ? v : o)) })}
                  />
                </div>
                {draft.actions.length > 1 && (
                  <RemoveButton
                    label={t("editor.remove")}
                    onClick={() => set({ actions: draft.actions.filter((_, j) => j !== i) })}
                  />
                )}
              </div>
            ))}
            <Button
              type="button"
              variant="outline"
              size="sm"
              className="justify-self-start"
              onClick={() => set({ actions: [...draft.actions, newAction("notify", stages)] })}
            >
              <Plus className="size-4" aria-hidden />
              {t("editor.addAction")}
            </Button>
          </section>

          {!state.rule && (
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="enabled"
                checked={draft.enabled ?? false}
                onChange={(e) => set({ enabled: e.target.checked })}
              />
              {t("editor.enabled")}
              <span className="text-xs text-muted-foreground">— {t("editor.saveDisabledHint")}</span>
            </label>
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {t("cancel")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("editor.save")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
