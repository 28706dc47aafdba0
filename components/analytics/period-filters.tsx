"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useChannels } from "@/components/channels/use-channels";
import { fetchPipelines } from "@/components/pipeline/pipeline-api";
import { Input } from "@/components/ui/input";
import { MemberOptions } from "@/components/shell/member-options";
import { presetRange, type DashboardFilters, type Period } from "./analytics-api";

const selectClass = "h-9 rounded-md border border-input bg-card px-2 text-sm shadow-xs";
const PERIODS: Period[] = ["today", "7", "30", "90", "custom"];

/** The period (a preset or custom days), the channel, pipeline and member, and the CSV separator. */
export function PeriodFilters({
  filters,
  onChange,
  sep,
  onSep,
}: {
  filters: DashboardFilters;
  onChange: (f: DashboardFilters) => void;
  sep: "," | ";";
  onSep: (s: "," | ";") => void;
}) {
  const t = useTranslations("analytics.filters");
  const channels = useChannels();
  const pipelines = useQuery({ queryKey: ["pipelines"], queryFn: ({ signal }) => fetchPipelines(signal) });
  return (
    <div className="flex flex-wrap items-end gap-2" data-testid="analytics-filters">
      <label className="flex flex-col gap-1 text-xs text-muted-foreground">
        {t("period")}
        <select
          className={selectClass}
          value={filters.period}
          data-testid="period"
          onChange={(e) => {
            const period = e.target.value as Period;
            onChange({ ...filters, period, ...(period === "custom" ? {} : presetRange(period)) });
          }}
        >
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {t(`periods.${p}`)}
            </option>
          ))}
        </select>
      </label>
      {filters.period === "custom" && (
        <>
          <label className="flex flex-col gap-1 text-xs text-muted-foreground">
            {t("from")}
            <Input
              type="date"
              className="h-9 w-40"
              value={filters.from}
              max={filters.to}
              data-testid="period-from"
              onChange={(e) => e.target.value && onChange({ ...filters, from: e.target.value })}
            />
          </label>
          <label className="flex flex-col gap-1 text-xs text-muted-foreground">
            {t("to")}
            <Input
              type="date"
              className="h-9 w-40"
              value={filters.to}
              min={filters.from}
              data-testid="period-to"
              onChange={(e) => e.target.value && onChange({ ...filters, to: e.target.value })}
            />
          </label>
        </>
      )}
      <label className="flex flex-col gap-1 text-xs text-muted-foreground">
        {t("channel")}
        <select
          className={selectClass}
          value={filters.channel}
          onChange={(e) => onChange({ ...filters, channel: e.target.value })}
        >
          <option value="">{t("allChannels")}</option>
          {["telegram", "whatsapp", "instagram"].map((p) => (
            <option key={p} value={p}>
              {t(`platforms.${p}`)}
            </option>
          ))}
          {(channels.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs text-muted-foreground">
        {t("pipeline")}
        <select
          className={selectClass}
          value={filters.pipelineId}
          onChange={(e) => onChange({ ...filters, pipelineId: e.target.value })}
        >
          <option value="">{t("allPipelines")}</option>
          {(pipelines.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs text-muted-foreground">
        {t("member")}
        <select
          className={selectClass}
          value={filters.memberId}
          onChange={(e) => onChange({ ...filters, memberId: e.target.value })}
        >
          <option value="">{t("allMembers")}</option>
          <MemberOptions />
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs text-muted-foreground">
        {t("separator")}
        <select className={selectClass} value={sep} onChange={(e) => onSep(e.target.value as "," | ";")}>
          <option value=",">{t("comma")}</option>
          <option value=";">{t("semicolon")}</option>
        </select>
      </label>
    </div>
  );
}
