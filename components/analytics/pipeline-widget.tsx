"use client";

import { useTranslations } from "next-intl";
import { useReport } from "./analytics-api";
import { ChartCard } from "./chart-card";
import { CategoryChart } from "./charts";
import { useDashboard } from "./dashboard-context";
import { Kpis } from "./kpi";

/** Open deal value by stage, weighted by the stage's probability; won and lost value on top. */
export function PipelineWidget() {
  const t = useTranslations("analytics.widgets.pipeline");
  const { filters } = useDashboard();
  const query = useReport("pipeline-value", filters);
  return (
    <ChartCard
      id="pipeline"
      title={t("title")}
      query={query}
      table="stages"
      summary={(r) => (
        <Kpis
          report={r}
          items={[
            { key: "open_value", label: t("open") },
            { key: "weighted_value", label: t("weighted") },
            { key: "won_value", label: t("won") },
          ]}
        />
      )}
    >
      {(table, report) => (
        <CategoryChart
          category="stage"
          kind="money"
          currency={(report.tables.totals?.rows[0]?.currency as string | null) ?? null}
          rows={table.rows}
          series={[
            { key: "value", label: t("value") },
            { key: "weighted", label: t("weightedShort") },
          ]}
        />
      )}
    </ChartCard>
  );
}
