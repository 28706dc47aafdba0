"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { BarChart3, Download, Table2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { exportUrl, type DashboardFilters, type Report, type Table } from "./analytics-api";
import { DataTable } from "./data-table";
import { useDashboard } from "./dashboard-context";
import { TableDownloads } from "./table-downloads";

/**
 * A widget's frame: its title, the chart or the table behind it (a toggle), the CSV of that same table under
 * the same filters, a skeleton while its report loads, and "no data for this period" when the table is empty.
 */
export function ChartCard({
  id,
  title,
  query,
  table,
  children,
  summary,
  wide,
  autoHeight,
  isEmpty = (t) => t.rows.length === 0,
}: {
  id: string;
  title: string;
  query: UseQueryResult<Report>;
  table: string;
  children: (table: Table, report: Report) => ReactNode;
  summary?: (report: Report) => ReactNode;
  wide?: boolean;
  /** The widget sizes its own content (a chart and a list) instead of the chart's fixed height. */
  autoHeight?: boolean;
  /** When the table has nothing to draw (a funnel's steps are there at zero). */
  isEmpty?: (table: Table) => boolean;
}) {
  const t = useTranslations("analytics");
  const { filters, sep } = useDashboard();
  const [view, setView] = useState<"chart" | "table">("chart");
  const report = query.data;
  const data = report?.tables[table];
  const empty = !!data && isEmpty(data);
  return (
    <section
      className={`flex min-w-0 flex-col gap-3 rounded-xl border bg-card p-4 shadow-xs ${wide ? "lg:col-span-2" : ""}`}
      aria-labelledby={`${id}-title`}
      data-testid={`widget-${id}`}
      aria-busy={query.isFetching}
    >
      <header className="flex items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="text-sm font-semibold">
          {title}
        </h2>
        <div className="flex items-center gap-1">
          <Button
            variant="ghost"
            size="sm"
            aria-pressed={view === "table"}
            onClick={() => setView(view === "chart" ? "table" : "chart")}
            disabled={!data || empty}
            data-testid="toggle-table"
          >
            {view === "chart" ? (
              <Table2 className="size-4" aria-hidden />
            ) : (
              <BarChart3 className="size-4" aria-hidden />
            )}
            {view === "chart" ? t("card.table") : t("card.chart")}
          </Button>
          <Button variant="ghost" size="sm" asChild>
            <a
              href={exportUrl(report?.report ?? id, table, filters as DashboardFilters, sep)}
              download
              data-testid="csv"
            >
              <Download className="size-4" aria-hidden />
              CSV
            </a>
          </Button>
          {report && <TableDownloads report={report} shown={table} filters={filters as DashboardFilters} sep={sep} />}
        </div>
      </header>
      {report && summary?.(report)}
      {query.isError ? (
        <p className="py-10 text-center text-sm text-destructive">{t("card.error")}</p>
      ) : !data ? (
        <Skeleton className="h-56 w-full" data-testid="widget-skeleton" />
      ) : empty ? (
        <p className="py-16 text-center text-sm text-muted-foreground" data-testid="widget-empty">
          {t("card.empty")}
        </p>
      ) : view === "table" ? (
        <DataTable table={data} />
      ) : (
        <div className={autoHeight ? "w-full" : "h-56 w-full"}>{children(data, report)}</div>
      )}
    </section>
  );
}
