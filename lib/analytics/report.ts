import { z } from "zod";
import type { Sql } from "@/lib/db";
import type { Filters, Interval } from "./filters";

// A report is defined once: its tables' columns and one function computing their rows. The API returns the
// tables as JSON, the dashboard draws a chart from one table and shows the same rows as its table view, and
// the CSV export writes the same rows with the same columns. Nothing is computed twice.

export const columnKinds = ["text", "id", "date", "number", "percent", "seconds", "money"] as const;
export type ColumnKind = (typeof columnKinds)[number];
export type Column = { key: string; kind: ColumnKind };
export type Cell = string | number | null;
export type Row = Record<string, Cell>;

export type TableDef = { columns: Column[] };
export type ReportDef<T extends string = string> = {
  id: string;
  tables: Record<T, TableDef>;
  /** The table whose first row is the report's headline numbers (compared with the previous period). */
  totals?: T;
  /** totalsOnly: only the `totals` table is read (the previous period's); a report may leave the others empty. */
  run(sql: Sql, f: Filters, opts?: { totalsOnly?: boolean }): Promise<Record<T, Row[]>>;
};

export const defineReport = <T extends string>(def: ReportDef<T>) => def;

export const cellSchema = z.union([z.string(), z.number(), z.null()]);
export const tableSchema = z.object({
  columns: z.array(z.object({ key: z.string(), kind: z.enum(columnKinds) })),
  rows: z.array(z.record(z.string(), cellSchema)),
});
export const reportSchema = z.object({
  report: z.string(),
  from: z.string().describe("First day, in `tz`"),
  to: z.string().describe("Last day, in `tz`, included"),
  tz: z.string(),
  interval: z.enum(["day", "week", "month"]),
  buckets: z.array(z.string()).describe("Every bucket of the period, so a series can show empty ones"),
  tables: z.record(z.string(), tableSchema),
  previous: z
    .object({ from: z.string(), to: z.string(), totals: z.record(z.string(), cellSchema).nullable() })
    .optional(),
});
export type ReportResult = z.infer<typeof reportSchema>;

/** Postgres numeric and bigint arrive as strings; a report's numbers are numbers. */
export function numeric(rows: Record<string, unknown>[], columns: Column[]): Row[] {
  const numbers = columns.filter((c) => c.kind !== "text" && c.kind !== "id" && c.kind !== "date").map((c) => c.key);
  return rows.map((r) => {
    const out: Row = {};
    for (const c of columns) {
      const v = r[c.key];
      out[c.key] =
        v === null || v === undefined
          ? null
          : numbers.includes(c.key)
            ? Math.round(Number(v) * 1000) / 1000
            : v instanceof Date
              ? v.toISOString()
              : String(v);
    }
    return out;
  });
}

const cols = (spec: string): Column[] =>
  spec
    .trim()
    .split(/\s+/)
    .map((s) => {
      const [key, kind = "number"] = s.split(":");
      return { key, kind: kind as ColumnKind };
    });
/** Columns written as "bucket:date channel:text inbound outbound" (kind defaults to number). */
export { cols };

/** The labels of every bucket from `fromDay` to `toDay`, as date_trunc names them (weeks start on Monday). */
export function bucketsOf(fromDay: string, toDay: string, interval: Interval): string[] {
  const out: string[] = [];
  const start = new Date(`${fromDay}T00:00:00Z`);
  if (interval === "week") start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  if (interval === "month") start.setUTCDate(1);
  const end = Date.parse(`${toDay}T00:00:00Z`);
  for (const d = start; d.getTime() <= end && out.length < 1000;) {
    out.push(d.toISOString().slice(0, 10));
    if (interval === "day") d.setUTCDate(d.getUTCDate() + 1);
    else if (interval === "week") d.setUTCDate(d.getUTCDate() + 7);
    else d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}
