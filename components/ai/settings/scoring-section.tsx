"use client";

import { RotateCcw } from "lucide-react";
import { useTranslations } from "next-intl";
import { Card, SettingsSection } from "@/components/settings/section";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { BUSINESS_KINDS, type BusinessKind } from "@/lib/ai/scoring/preset";
import { presetFor } from "@/lib/ai/scoring/presets";
import type { AiSettings } from "../ai-api";
import type { FieldErrors, Update } from "./use-settings-form";

type Preset = AiSettings["scoringPreset"];

function Points({
  value,
  onChange,
  label,
  min,
}: {
  value: number;
  onChange: (n: number) => void;
  label: string;
  min: number;
}) {
  return (
    <Input
      type="number"
      min={min}
      max={100}
      value={value}
      onChange={(e) => onChange(Math.round(Number(e.target.value) || 0))}
      aria-label={label}
      className="h-8 w-20 text-right tabular-nums"
    />
  );
}

/** Seed 004's table as editable data: base points per funnel stage, modifiers, and the hot/warm thresholds. */
export function ScoringSection({ value, update, errors }: { value: AiSettings; update: Update; errors: FieldErrors }) {
  const t = useTranslations("aiSettings.scoring");
  const tStage = useTranslations("leads.stages");
  const preset = value.scoringPreset;
  const set = (change: (p: Preset) => Preset) => update((s) => ({ ...s, scoringPreset: change(s.scoringPreset) }));
  const stageName = (id: string, label: string) => (tStage.has(id as never) ? tStage(id as never) : label);
  const kind = preset.kind;
  const ruleName = (id: string, label: string) => {
    const own = `kindRules.${kind}.${id}`;
    if (t.has(own as never)) return t(own as never);
    return t.has(`rules.${id}` as never) ? t(`rules.${id}` as never) : label;
  };
  const thresholdError = errors["scoringPreset.thresholds.warm"] ?? errors["scoringPreset.thresholds.hot"];
  return (
    <SettingsSection
      id="ai-scoring"
      title={t("title")}
      description={t("description")}
      actions={
        <Button variant="outline" size="sm" type="button" onClick={() => set(() => presetFor(kind))}>
          <RotateCcw aria-hidden />
          {t("reset")}
        </Button>
      }
    >
      <div className="mb-4 flex flex-wrap items-center gap-x-3 gap-y-2">
        <label htmlFor="scoring-kind" className="text-[13px] font-medium">
          {t("kind")}
        </label>
        <Select value={kind} onValueChange={(next) => set(() => presetFor(next as BusinessKind))}>
          <SelectTrigger id="scoring-kind" className="w-auto min-w-56" data-testid="scoring-kind">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {BUSINESS_KINDS.map((k) => (
              <SelectItem key={k} value={k}>
                {t(`kinds.${k}`)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <p className="basis-full text-xs text-muted-foreground">{t("kindHint")}</p>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <p className="border-b bg-muted/40 px-4 py-2 text-xs font-medium text-muted-foreground">{t("stages")}</p>
          <ul className="divide-y" data-testid="scoring-stages">
            {preset.stages.map((stage, i) => (
              <li key={stage.id} className="flex items-center justify-between gap-3 px-4 py-2">
                <span className="truncate text-[13px]">{stageName(stage.id, stage.label)}</span>
                <Points
                  value={stage.base}
                  min={0}
                  label={t("basePoints", { stage: stageName(stage.id, stage.label) })}
                  onChange={(base) =>
                    set((p) => ({ ...p, stages: p.stages.map((s, j) => (j === i ? { ...s, base } : s)) }))
                  }
                />
              </li>
            ))}
          </ul>
        </Card>
        <div className="grid content-start gap-4">
          <Card>
            <p className="border-b bg-muted/40 px-4 py-2 text-xs font-medium text-muted-foreground">{t("modifiers")}</p>
            <ul className="divide-y">
              {preset.modifiers.map((modifier, i) => (
                <li key={modifier.id} className="flex items-center justify-between gap-3 px-4 py-2">
                  <span className="truncate text-[13px]">{ruleName(modifier.id, modifier.label)}</span>
                  <Points
                    value={modifier.points}
                    min={-100}
                    label={t("modifierPoints", { rule: ruleName(modifier.id, modifier.label) })}
                    onChange={(points) =>
                      set((p) => ({ ...p, modifiers: p.modifiers.map((m, j) => (j === i ? { ...m, points } : m)) }))
                    }
                  />
                </li>
              ))}
            </ul>
          </Card>
          <Card className="grid gap-3 p-4">
            <p className="text-xs font-medium text-muted-foreground">{t("thresholds")}</p>
            <div className="flex flex-wrap items-center gap-x-5 gap-y-2 text-[13px]">
              <label className="flex items-center gap-2">
                <span className="size-2 rounded-full bg-red-500" aria-hidden />
                {t("hotFrom")}
                <Points
                  value={preset.thresholds.hot}
                  min={1}
                  label={t("hotFrom")}
                  onChange={(hot) => set((p) => ({ ...p, thresholds: { ...p.thresholds, hot } }))}
                />
              </label>
              <label className="flex items-center gap-2">
                <span className="size-2 rounded-full bg-amber-500" aria-hidden />
                {t("warmFrom")}
                <Points
                  value={preset.thresholds.warm}
                  min={1}
                  label={t("warmFrom")}
                  onChange={(warm) => set((p) => ({ ...p, thresholds: { ...p.thresholds, warm } }))}
                />
              </label>
            </div>
            <p className="text-xs text-muted-foreground">
              {t("thresholdsHint", {
                hot: preset.thresholds.hot,
                warm: preset.thresholds.warm,
                warmTo: preset.thresholds.hot - 1,
              })}
            </p>
            {thresholdError && <p className="text-xs text-destructive">{t("thresholdsError")}</p>}
          </Card>
        </div>
      </div>
    </SettingsSection>
  );
}
