"use client";

import { useFormatter, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import type { InterestLevel, LeadStats } from "./leads-api";

const dots: Record<InterestLevel, string> = { hot: "bg-red-500", warm: "bg-amber-500", cold: "bg-sky-500" };

/** Total, hot, warm, cold and the average score; a click on a level filters the table by it. */
export function LeadsStats({
  stats,
  loading,
  active,
  onPick,
}: {
  stats: LeadStats | undefined;
  loading: boolean;
  active: InterestLevel | undefined;
  onPick: (level: InterestLevel | undefined) => void;
}) {
  const t = useTranslations("leads.stats");
  const format = useFormatter();
  const tile = "flex min-w-0 flex-col gap-1 rounded-xl border bg-card px-4 py-3 text-left shadow-xs";
  const value = (n: number | null | undefined) =>
    loading ? (
      <Skeleton className="h-7 w-12" />
    ) : (
      <span className="text-2xl font-semibold tabular-nums">{n ?? "—"}</span>
    );
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="leads-stats">
      <button
        type="button"
        className={cn(tile, "cursor-pointer transition-colors hover:bg-muted/50", !active && "border-primary/40")}
        onClick={() => onPick(undefined)}
        aria-pressed={!active}
      >
        <span className="text-xs font-medium text-muted-foreground">{t("total")}</span>
        {value(stats?.total)}
      </button>
      {(["hot", "warm", "cold"] as const).map((level) => (
        <button
          key={level}
          type="button"
          className={cn(
            tile,
            "cursor-pointer transition-colors hover:bg-muted/50",
            active === level && "border-primary/60 ring-2 ring-primary/15",
          )}
          onClick={() => onPick(active === level ? undefined : level)}
          aria-pressed={active === level}
          data-testid={`stat-${level}`}
        >
          <span className="flex items-center gap-1.5 text-xs font-medium text-muted-foreground">
            <span className={cn("size-2 rounded-full", dots[level])} aria-hidden />
            {t(level)}
          </span>
          {value(stats?.[level])}
        </button>
      ))}
      <div className={cn(tile, "col-span-2 sm:col-span-1")}>
        <span className="text-xs font-medium text-muted-foreground">{t("average")}</span>
        {loading ? (
          <Skeleton className="h-7 w-12" />
        ) : (
          <span className="text-2xl font-semibold tabular-nums" data-testid="stat-average">
            {stats?.averageScore === null || stats?.averageScore === undefined
              ? "—"
              : format.number(stats.averageScore, { maximumFractionDigits: 0 })}
          </span>
        )}
      </div>
    </div>
  );
}
