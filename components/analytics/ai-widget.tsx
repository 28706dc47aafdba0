"use client";

import { useTranslations } from "next-intl";
import { useReport } from "./analytics-api";
import { ChartCard } from "./chart-card";
import { fillBuckets, TimeChart } from "./charts";
import { useDashboard } from "./dashboard-context";
import { Kpis } from "./kpi";

/** The assistant's drafts (sent as-is, edited, discarded) over time; replies, hand-offs, cost on top. */
export function AiWidget() {
  const t = useTranslations("analytics.widgets.ai");
  const { filters } = useDashboard();
  const query = useReport("ai", filters);
  return (
    <ChartCard
      id="ai"
      title={t("title")}
      query={query}
      table="drafts"
      summary={(r) => (
        <Kpis
          report={r}
          items={[
            { key: "ai_replies", label: t("replies") },
            { key: "handoffs", label: t("handoffs") },
            { key: "errors", label: t("errors"), lowerIsBetter: true },
          ]}
        />
      )}
    >
      {(table, report) => (
        <TimeChart
          stacked
          rows={fillBuckets(report.buckets, table.rows, ["as_is", "edited", "discarded"])}
          series={[
            { key: "as_is", label: t("asIs"), color: "var(--success)" },
            { key: "edited", label: t("edited"), color: "var(--warning)" },
            { key: "discarded", label: t("discarded"), color: "var(--destructive)" },
          ]}
        />
      )}
    </ChartCard>
  );
}
