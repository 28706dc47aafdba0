"use client";

import { useTranslations } from "next-intl";
import { useReport } from "./analytics-api";
import { ChartCard } from "./chart-card";
import { fillBuckets, TimeChart } from "./charts";
import { useDashboard } from "./dashboard-context";
import { Kpis } from "./kpi";

type Item = { key: string; label: string };

/**
 * A report drawn as stacked bars over the period's buckets with its headline numbers on top: the shape of the
 * calls, lead-quality and AI widgets, which differ only in what they name. Labels are keys of
 * `analytics.widgets.<ns>`.
 */
export function StackedWidget({
  id,
  report,
  ns,
  table,
  kpis,
  series,
}: {
  id: string;
  report: string;
  ns: string;
  table: string;
  kpis: (Item & { lowerIsBetter?: boolean })[];
  series: (Item & { color: string })[];
}) {
  const t = useTranslations(`analytics.widgets.${ns}`);
  const { filters } = useDashboard();
  const query = useReport(report, filters);
  return (
    <ChartCard
      id={id}
      title={t("title")}
      query={query}
      table={table}
      summary={(r) => <Kpis report={r} items={kpis.map((k) => ({ ...k, label: t(k.label) }))} />}
    >
      {(data, r) => (
        <TimeChart
          stacked
          rows={fillBuckets(
            r.buckets,
            data.rows,
            series.map((s) => s.key),
          )}
          series={series.map((s) => ({ ...s, label: t(s.label) }))}
        />
      )}
    </ChartCard>
  );
}
