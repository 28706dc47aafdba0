"use client";

import { useTranslations } from "next-intl";
import { useReport } from "./analytics-api";
import { ChartCard } from "./chart-card";
import { CategoryChart } from "./charts";
import { useDashboard } from "./dashboard-context";
import { useFormat } from "./format";

/** Conversation → lead → qualified → deal → won, with the rate at each step. */
export function FunnelWidget() {
  const t = useTranslations("analytics.widgets.funnel");
  const { filters } = useDashboard();
  const query = useReport("conversion-rates", filters);
  const f = useFormat();
  return (
    <ChartCard
      id="funnel"
      title={t("title")}
      query={query}
      table="funnel"
      isEmpty={(table) => table.rows.every((r) => !Number(r.count))}
    >
      {(table) => (
        <CategoryChart
          category="label"
          rows={table.rows.map((r) => ({
            ...r,
            label: t(`steps.${r.step}`),
            // The count and, after the first step, the share of the step before it.
            shown:
              r.rate_from_previous === null
                ? f.number(Number(r.count))
                : `${f.number(Number(r.count))} · ${f.cell("percent", r.rate_from_previous)}`,
          }))}
          series={[{ key: "count", label: t("count") }]}
          labelKey="shown"
        />
      )}
    </ChartCard>
  );
}
