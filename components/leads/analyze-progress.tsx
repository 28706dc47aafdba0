"use client";

import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { AnalyzeJob } from "./leads-api";

/** While a batch analysis runs: how far it is, as a bar and as "12 of 40", and a Cancel button. */
export function AnalyzeProgress({
  progress,
  onCancel,
  cancelling = false,
}: {
  progress: AnalyzeJob["progress"];
  onCancel?: () => void;
  cancelling?: boolean;
}) {
  const t = useTranslations("leads.analyze");
  const tStop = useTranslations("aiReliability.analysis");
  const total = progress?.total ?? 0;
  const done = Math.min(progress?.done ?? 0, total);
  const percent = total ? Math.round((done / total) * 100) : null;
  return (
    <div
      className="flex items-center gap-3 rounded-xl border border-primary/25 bg-accent/50 px-4 py-2.5"
      role="status"
      data-testid="analyze-progress"
    >
      <span className="shrink-0 text-[13px] font-medium">
        {total ? t("progress", { done, total }) : t("preparing")}
      </span>
      <div
        className="h-2 flex-1 overflow-hidden rounded-full bg-background"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total || 100}
        aria-valuenow={total ? done : undefined}
        aria-label={t("label")}
      >
        <div
          className={
            percent === null
              ? "h-full w-1/3 animate-pulse rounded-full bg-primary/60"
              : "h-full rounded-full bg-primary transition-[width] duration-500"
          }
          style={percent === null ? undefined : { width: `${Math.max(percent, 2)}%` }}
        />
      </div>
      {percent !== null && (
        <span className="w-10 text-right text-xs text-muted-foreground tabular-nums">{percent}%</span>
      )}
      {onCancel && (
        <Button
          type="button"
          variant="outline"
          size="sm"
          onClick={onCancel}
          loading={cancelling}
          data-testid="analyze-cancel"
        >
          {!cancelling && <X aria-hidden />}
          {tStop("cancel")}
        </Button>
      )}
    </div>
  );
}
