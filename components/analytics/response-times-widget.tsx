"use client";

import { useTranslations } from "next-intl";
import { useReport } from "./analytics-api";
import { ChartCard } from "./chart-card";
import { TimeChart } from "./charts";
import { useDashboard } from "./dashboard-context";
import { Kpis } from "./kpi";

/** AI and human first-reply times (median over time; median, p90 and the AI-only share on top). */
export function ResponseTimesWidget() {
  const t = useTranslations("analytics.widgets.responseTimes");
  const { filters } = useDashboard();
  const query = useReport("response-times", filters);
  return (
    <ChartCard
      id="response-times"
      title={t("title")}
      query={query}
      table="series"
      summary={(r) => (
        <Kpis
          report={r}
          items={[
            { key: "ai_median", label: t("aiMedian"), lowerIsBetter: true },
            { key: "human_median", label: t("humanMedian"), lowerIsBetter: true },
            { key: "human_p90", label: t("humanP90"), lowerIsBetter: true },
            { key: "ai_only_share", label: t("aiOnly") },
            { key: "unanswered", label: t("unanswered"), lowerIsBetter: true },
          ]}
        />
      )}
    >
      {(table, report) => (
        <TimeChart
          shape="line"
          kind="seconds"
          rows={report.buckets.map(
            (b) => table.rows.find((r) => r.bucket === b) ?? { bucket: b, ai_median: null, human_median: null },
          )}
          series={[
            { key: "ai_median", label: t("ai") },
            { key: "human_median", label: t("human") },
          ]}
        />
      )}
    </ChartCard>
  );
}
