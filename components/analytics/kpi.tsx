"use client";

import { useTranslations } from "next-intl";
import type { ColumnKind, Report } from "./analytics-api";
import { useFormat } from "./format";

/** Headline numbers of a report's totals, each with its change from the previous period. */
export function Kpis({
  report,
  table = "totals",
  items,
}: {
  report: Report;
  table?: string;
  items: { key: string; label: string; lowerIsBetter?: boolean }[];
}) {
  const t = useTranslations("analytics.card");
  const f = useFormat();
  const data = report.tables[table];
  const row = data?.rows[0];
  if (!row) return null;
  const kind = (key: string): ColumnKind => data.columns.find((c) => c.key === key)?.kind ?? "number";
  const currency = (row.currency as string | null) ?? null;
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
      {items.map(({ key, label, lowerIsBetter }) => {
        const now = row[key];
        const before = report.previous?.totals?.[key];
        const change =
          typeof now === "number" && typeof before === "number" && before !== 0
            ? Math.round(((now - before) / Math.abs(before)) * 1000) / 10
            : null;
        const good = change !== null && (lowerIsBetter ? change < 0 : change > 0);
        return (
          <div key={key} className="min-w-0" data-testid={`kpi-${key}`}>
            <dt className="truncate text-xs text-muted-foreground">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{f.cell(kind(key), now ?? null, currency)}</dd>
            {change !== null && (
              <dd
                className={`text-xs tabular-nums ${change === 0 ? "text-muted-foreground" : good ? "text-success" : "text-destructive"}`}
                title={t("previous", { value: f.cell(kind(key), before ?? null, currency) })}
              >
                {change > 0 ? "+" : ""}
                {f.number(change)} %
              </dd>
            )}
          </div>
        );
      })}
    </dl>
  );
}
