"use client";

import { useTranslations } from "next-intl";
import type { Table } from "./analytics-api";
import { useFormat } from "./format";

/** The rows behind a chart, every column as the CSV has it. */
export function DataTable({ table, currency }: { table: Table; currency?: string | null }) {
  const t = useTranslations("analytics.columns");
  const f = useFormat();
  const columns = table.columns.filter((c) => c.kind !== "id");
  return (
    <div className="max-h-80 overflow-auto rounded-md border" tabIndex={0} role="region" aria-label={t("region")}>
      <table className="w-full text-sm" data-testid="chart-table">
        <thead className="sticky top-0 bg-muted/80 text-left text-xs text-muted-foreground backdrop-blur">
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                {t.has(c.key) ? t(c.key) : c.key}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i} className="border-t">
              {columns.map((c) => (
                <td
                  key={c.key}
                  className={
                    c.kind === "text" || c.kind === "date" ? "px-3 py-1.5" : "px-3 py-1.5 text-right tabular-nums"
                  }
                >
                  {f.cell(c.kind, r[c.key], (r.currency as string | null) ?? currency)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
