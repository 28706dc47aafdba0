"use client";

import { Flame, Snowflake, Sun, WifiOff } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { InterestLevel } from "./leads-api";

const chip: Record<InterestLevel, { className: string; icon: typeof Flame }> = {
  hot: { className: "bg-red-500/12 text-red-700 ring-red-500/25 dark:text-red-300", icon: Flame },
  warm: { className: "bg-amber-500/15 text-amber-800 ring-amber-500/30 dark:text-amber-300", icon: Sun },
  cold: { className: "bg-sky-500/12 text-sky-800 ring-sky-500/25 dark:text-sky-300", icon: Snowflake },
};

/** Hot, warm or cold, in the colours a sales team reads at a glance. */
export function InterestChip({ level, className }: { level: InterestLevel | null; className?: string }) {
  const t = useTranslations("leads.interest");
  if (!level) return <span className="text-xs text-muted-foreground">—</span>;
  const { className: tone, icon: Icon } = chip[level];
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-[11px] leading-4 font-semibold whitespace-nowrap ring-1 ring-inset",
        tone,
        className,
      )}
      data-testid="interest-chip"
      data-level={level}
    >
      <Icon className="size-3" aria-hidden />
      {t(level)}
    </span>
  );
}

const bar: Record<InterestLevel, string> = { hot: "bg-red-500", warm: "bg-amber-500", cold: "bg-sky-500" };

/** The score as a number and a thin bar, coloured by its level. */
export function ScoreMeter({ score, level }: { score: number | null; level: InterestLevel | null }) {
  if (score === null) return <span className="text-xs text-muted-foreground">—</span>;
  return (
    <span className="flex items-center gap-2" data-testid="lead-score">
      <span className="w-7 text-right text-sm font-semibold tabular-nums">{score}</span>
      <span className="h-1.5 w-14 overflow-hidden rounded-full bg-muted" aria-hidden>
        <span
          className={cn("block h-full rounded-full", level ? bar[level] : "bg-muted-foreground")}
          style={{ width: `${Math.max(score, 3)}%` }}
        />
      </span>
    </span>
  );
}

/** Marks results of the offline engine, which reads dialogs with simple rules instead of a model. */
export function OfflineBadge({ className }: { className?: string }) {
  const t = useTranslations("leads");
  return (
    <span
      title={t("offlineHint")}
      className={cn(
        "inline-flex items-center gap-1 rounded-md border border-dashed px-1.5 py-px text-[10px] font-medium text-muted-foreground",
        className,
      )}
      data-testid="offline-badge"
    >
      <WifiOff className="size-3" aria-hidden />
      {t("offline")}
    </span>
  );
}
