"use client";

import { useTranslations } from "next-intl";
import { useReport } from "./analytics-api";
import { ChartCard } from "./chart-card";
import { fillBuckets, TimeChart } from "./charts";
import { useDashboard } from "./dashboard-context";
import { Kpis } from "./kpi";

/** Calls answered and missed over time, average talk and wait, calls that led to a deal. */
export function CallsWidget() {
  const t = useTranslations("analytics.widgets.calls");
  const { filters } = useDashboard();
  const query = useReport("calls", filters);
  return (
    <ChartCard
      id="calls"
      title={t("title")}
      query={query}
      table="series"
      summary={(r) => (
        <Kpis
          report={r}
          items={[
            { key: "calls", label: t("calls") },
            { key: "avg_duration", label: t("avgDuration") },
            { key: "deal_conversion", label: t("toDeal") },
          ]}
        />
      )}
    >
      {(table, report) => (
        <TimeChart
          stacked
          rows={fillBuckets(report.buckets, table.rows, ["answered", "missed", "other"])}
          series={[
            { key: "answered", label: t("answered"), color: "var(--success)" },
            { key: "missed", label: t("missed"), color: "var(--destructive)" },
            { key: "other", label: t("other"), color: "var(--muted-foreground)" },
          ]}
        />
      )}
    </ChartCard>
  );
}
