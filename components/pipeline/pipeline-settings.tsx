"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogHeader } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { useErrorMessage } from "@/lib/client/use-error-message";
import {
  createLostReason,
  createStage,
  deleteLostReason,
  deletePipeline,
  deleteStage,
  fetchLostReasons,
  fetchPipelineSettings,
  patchPipeline,
  patchPipelineSettings,
  patchStage,
  pipelineKeys,
  reorderStage,
  type Pipeline,
  type Stage,
  type StageKind,
} from "./pipeline-api";

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="grid gap-2 border-t pt-4">
      <h3 className="text-[11px] font-semibold tracking-wide text-muted-foreground uppercase">{title}</h3>
      {children}
    </section>
  );
}

/** Managers shape a pipeline here: its name, automation from the AI, its stages, and the organisation's lost reasons. */
export function PipelineSettingsDialog({
  pipeline,
  open,
  onOpenChange,
  onDeleted,
}: {
  pipeline: Pipeline;
  open: boolean;
  onOpenChange: (o: boolean) => void;
  onDeleted: () => void;
}) {
  const t = useTranslations("pipelineSettings");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: pipelineKeys.pipelines }),
      queryClient.invalidateQueries({ queryKey: ["deals"] }),
    ]);
  const run = useMutation({
    mutationFn: (fn: () => Promise<unknown>) => fn(),
    onError: (e) => toast.error(errorMessage(e)),
    onSettled: refresh,
  });
  const [name, setName] = useState(pipeline.name);
  const [newStage, setNewStage] = useState("");
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        closeLabel={t("close")}
        className="max-h-[90vh] max-w-2xl overflow-y-auto"
        data-testid="pipeline-settings"
      >
        <DialogHeader title={t("title", { name: pipeline.name })} description={t("description")} />
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) run.mutate(() => patchPipeline(pipeline.id, { name: name.trim() }));
          }}
        >
          <Input aria-label={t("name")} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
          <Button type="submit" variant="outline">
            {t("rename")}
          </Button>
        </form>
        <div className="grid gap-2 text-sm">
          <Toggle
            key={`create-${pipeline.autoCreateDeals}`}
            label={t("autoCreate")}
            hint={t("autoCreateHint")}
            checked={pipeline.autoCreateDeals}
            onChange={(v) => run.mutate(() => patchPipeline(pipeline.id, { autoCreateDeals: v }))}
            testId="auto-create"
          />
          <Toggle
            key={`move-${pipeline.autoMoveDeals}`}
            label={t("autoMove")}
            hint={t("autoMoveHint")}
            checked={pipeline.autoMoveDeals}
            onChange={(v) => run.mutate(() => patchPipeline(pipeline.id, { autoMoveDeals: v }))}
            testId="auto-move"
          />
          {!pipeline.isDefault && (
            <Button
              variant="outline"
              size="sm"
              className="justify-self-start"
              onClick={() => run.mutate(() => patchPipeline(pipeline.id, { isDefault: true }))}
            >
              {t("makeDefault")}
            </Button>
          )}
        </div>
        <Block title={t("stages")}>
          <ul className="grid gap-2" data-testid="stage-editor">
            {pipeline.stages.map((s, i) => (
              <StageRow key={s.id} stage={s} stages={pipeline.stages} index={i} run={(fn) => run.mutate(fn)} />
            ))}
          </ul>
          <form
            className="flex gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (!newStage.trim()) return;
              run.mutate(() => createStage(pipeline.id, newStage.trim()));
              setNewStage("");
            }}
          >
            <Input
              aria-label={t("newStage")}
              placeholder={t("newStage")}
              value={newStage}
              onChange={(e) => setNewStage(e.target.value)}
            />
            <Button type="submit" variant="outline">
              <Plus aria-hidden />
              {t("addStage")}
            </Button>
          </form>
        </Block>
        <OrgSettings />
        <Block title={t("danger")}>
          <Button
            variant="destructive"
            size="sm"
            className="justify-self-start"
            disabled={pipeline.isDefault}
            title={pipeline.isDefault ? t("defaultCannotGo") : undefined}
            onClick={() =>
              run.mutate(async () => {
                await deletePipeline(pipeline.id);
                onOpenChange(false);
                onDeleted();
              })
            }
          >
            <Trash2 aria-hidden />
            {t("deletePipeline")}
          </Button>
        </Block>
      </DialogContent>
    </Dialog>
  );
}

function Toggle({
  label,
  hint,
  checked,
  onChange,
  testId,
}: {
  label: string;
  hint: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  testId: string;
}) {
  // Shown at once; the parent keys this on the stored value, so the server's answer resets it.
  const [on, setOn] = useState(checked);
  return (
    <label className="flex cursor-pointer items-start gap-2.5 rounded-md border px-3 py-2">
      <input
        type="checkbox"
        className="mt-0.5 accent-primary"
        checked={on}
        onChange={(e) => {
          setOn(e.target.checked);
          onChange(e.target.checked);
        }}
        data-testid={testId}
      />
      <span>
        <span className="font-medium">{label}</span>
        <span className="block text-xs text-muted-foreground">{hint}</span>
      </span>
    </label>
  );
}

function StageRow({
  stage,
  stages,
  index,
  run,
}: {
  stage: Stage;
  stages: Stage[];
  index: number;
  run: (fn: () => Promise<unknown>) => void;
}) {
  const t = useTranslations("pipelineSettings");
  const [name, setName] = useState(stage.name);
  const [moveTo, setMoveTo] = useState("");
  const others = stages.filter((s) => s.id !== stage.id && s.kind !== "lost");
  return (
    <li
      className="grid gap-2 rounded-md border p-2 sm:grid-cols-[auto_1fr_auto_auto_auto_auto]"
      data-testid="stage-row"
    >
      <input
        type="color"
        aria-label={t("color")}
        value={stage.color}
        className="size-9 cursor-pointer rounded border bg-card"
        onChange={(e) => run(() => patchStage(stage.id, { color: e.target.value }))}
      />
      <Input
        aria-label={t("stageName")}
        value={name}
        maxLength={100}
        onChange={(e) => setName(e.target.value)}
        onBlur={() => name.trim() && name !== stage.name && run(() => patchStage(stage.id, { name: name.trim() }))}
      />
      <Input
        type="number"
        aria-label={t("probability")}
        className="w-20"
        min={0}
        max={100}
        defaultValue={stage.probability}
        onBlur={(e) => {
          const p = Number(e.target.value);
          if (Number.isInteger(p) && p !== stage.probability) run(() => patchStage(stage.id, { probability: p }));
        }}
      />
      <select
        aria-label={t("kind")}
        className="h-9 rounded-md border border-input bg-card px-2 text-sm"
        value={stage.kind}
        onChange={(e) => run(() => patchStage(stage.id, { kind: e.target.value as StageKind }))}
      >
        {(["open", "won", "lost"] as const).map((k) => (
          <option key={k} value={k}>
            {t(`kinds.${k}`)}
          </option>
        ))}
      </select>
      <div className="flex gap-1">
        <Button
          variant="ghost"
          size="icon-sm"
          aria-label={t("moveLeft")}
          disabled={index === 0}
          onClick={() => run(() => reorderStage(stage.id, { beforeId: stages[index - 1].id }))}
        >
          <ArrowUp aria-hidden />
        </Button>
        <Button
          variant="ghost"
          size="icon-sm"
          aria-label={t("moveRight")}
          disabled={index === stages.length - 1}
          onClick={() => run(() => reorderStage(stage.id, { afterId: stages[index + 1].id }))}
        >
          <ArrowDown aria-hidden />
        </Button>
      </div>
      <div className="flex gap-1">
        <select
          aria-label={t("moveDealsTo")}
          className="h-9 max-w-36 rounded-md border border-input bg-card px-2 text-xs"
          value={moveTo}
          onChange={(e) => setMoveTo(e.target.value)}
        >
          <option value="">{t("onlyIfEmpty")}</option>
          {others.map((s) => (
            <option key={s.id} value={s.id}>
              {t("moveDealsToStage", { stage: s.name })}
            </option>
          ))}
        </select>
        <Button
          variant="ghost"
          size="icon-sm"
          aria-label={t("deleteStage", { stage: stage.name })}
          onClick={() => run(() => deleteStage(stage.id, moveTo || undefined))}
        >
          <Trash2 aria-hidden />
        </Button>
      </div>
    </li>
  );
}

/** The organisation's lost reasons and the default currency of new deals. */
function OrgSettings() {
  const t = useTranslations("pipelineSettings");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const reasons = useQuery({ queryKey: pipelineKeys.lostReasons, queryFn: ({ signal }) => fetchLostReasons(signal) });
  const settings = useQuery({
    queryKey: pipelineKeys.settings,
    queryFn: ({ signal }) => fetchPipelineSettings(signal),
  });
  const [label, setLabel] = useState("");
  const [currency, setCurrency] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (fn: () => Promise<unknown>) => fn(),
    onError: (e) => toast.error(errorMessage(e)),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: pipelineKeys.lostReasons }),
        queryClient.invalidateQueries({ queryKey: pipelineKeys.settings }),
      ]),
  });
  return (
    <>
      <Block title={t("lostReasons")}>
        <ul className="flex flex-wrap gap-1.5" data-testid="lost-reasons">
          {(reasons.data ?? []).map((r) => (
            <li
              key={r.id}
              className="flex items-center gap-1 rounded-full border bg-muted/40 py-0.5 pr-1 pl-2.5 text-xs"
            >
              {r.label}
              <button
                type="button"
                aria-label={t("deleteReason", { reason: r.label })}
                className="cursor-pointer rounded-full p-0.5 text-muted-foreground hover:bg-muted hover:text-foreground"
                onClick={() => run.mutate(() => deleteLostReason(r.id))}
              >
                <Trash2 className="size-3" aria-hidden />
              </button>
            </li>
          ))}
        </ul>
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!label.trim()) return;
            run.mutate(() => createLostReason(label.trim()));
            setLabel("");
          }}
        >
          <Input
            aria-label={t("newReason")}
            placeholder={t("newReason")}
            value={label}
            maxLength={200}
            onChange={(e) => setLabel(e.target.value)}
          />
          <Button type="submit" variant="outline">
            <Plus aria-hidden />
            {t("addReason")}
          </Button>
        </form>
      </Block>
      <Block title={t("currency")}>
        <form
          className="flex items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (currency) run.mutate(() => patchPipelineSettings(currency.trim().toUpperCase()));
          }}
        >
          <Input
            aria-label={t("currency")}
            className="w-24 uppercase"
            maxLength={3}
            value={currency ?? settings.data?.defaultCurrency ?? ""}
            onChange={(e) => setCurrency(e.target.value)}
          />
          <Button type="submit" variant="outline" disabled={!currency}>
            {t("saveCurrency")}
          </Button>
          <span className="text-xs text-muted-foreground">{t("currencyHint")}</span>
        </form>
      </Block>
    </>
  );
}
