"use client";

import { useTranslations } from "next-intl";
import { useReport } from "./analytics-api";
import { ChartCard } from "./chart-card";
import { fillBuckets, TimeChart } from "./charts";
import { useDashboard } from "./dashboard-context";
import { Kpis } from "./kpi";

/** Hot, warm and cold leads over time, with the average score. */
export function LeadQualityWidget() {
  const t = useTranslations("analytics.widgets.leadQuality");
  const { filters } = useDashboard();
  const query = useReport("lead-quality", filters);
  return (
    <ChartCard
      id="lead-quality"
      title={t("title")}
      query={query}
      table="series"
      summary={(r) => (
        <Kpis
          report={r}
          items={[
            { key: "leads", label: t("leads") },
            { key: "hot", label: t("hot") },
            { key: "avg_score", label: t("avgScore") },
          ]}
        />
      )}
    >
      {(table, report) => (
        <TimeChart
          stacked
          rows={fillBuckets(report.buckets, table.rows, ["hot", "warm", "cold"])}
          series={[
            { key: "hot", label: t("hot"), color: "var(--destructive)" },
            { key: "warm", label: t("warm"), color: "var(--warning)" },
            { key: "cold", label: t("cold"), color: "oklch(0.62 0.12 220)" },
          ]}
        />
      )}
    </ChartCard>
  );
}
