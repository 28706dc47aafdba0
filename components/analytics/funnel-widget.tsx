"use client";

import { useTranslations } from "next-intl";
import { useReport } from "./analytics-api";
import { ChartCard } from "./chart-card";
import { CategoryChart } from "./charts";
import { useDashboard } from "./dashboard-context";

/** Conversation → lead → qualified → deal → won, with the rate at each step. */
export function FunnelWidget() {
  const t = useTranslations("analytics.widgets.funnel");
  const { filters } = useDashboard();
  const query = useReport("conversion-rates", filters);
  return (
    <ChartCard id="funnel" title={t("title")} query={query} table="funnel">
      {(table) => (
        <CategoryChart
          category="label"
          rows={table.rows.map((r) => ({ ...r, label: t(`steps.${r.step}`) }))}
          series={[{ key: "count", label: t("count") }]}
        />
      )}
    </ChartCard>
  );
}
