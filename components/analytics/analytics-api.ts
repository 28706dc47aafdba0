"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";

// The dashboard's side of /api/analytics: the filters it asks with, one react-query per report (so a slow
// report never holds up another), and the CSV link of a table under the same filters.

export type Cell = string | number | null;
export type Row = Record<string, Cell>;
export type ColumnKind = "text" | "id" | "date" | "number" | "percent" | "seconds" | "money";
export type Table = { columns: { key: string; kind: ColumnKind }[]; rows: Row[] };
export type Report = {
  report: string;
  from: string;
  to: string;
  tz: string;
  interval: "day" | "week" | "month";
  buckets: string[];
  tables: Record<string, Table>;
  previous?: { from: string; to: string; totals: Row | null };
};

export type Period = "today" | "7" | "30" | "90" | "custom";
export type DashboardFilters = {
  period: Period;
  from: string;
  to: string;
  channel: string;
  pipelineId: string;
  memberId: string;
};

const day = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

/** The period's first and last day (both included) for a preset, counted back from today. */
export function presetRange(period: Exclude<Period, "custom">, now = new Date()): { from: string; to: string } {
  const back = period === "today" ? 0 : Number(period) - 1;
  const from = new Date(now);
  from.setDate(from.getDate() - back);
  return { from: day(from), to: day(now) };
}

export function queryString(f: DashboardFilters, extra: Record<string, string> = {}) {
  // A preset goes as itself, so the server counts it from today in the organisation's zone.
  const q = new URLSearchParams(f.period === "custom" ? { from: f.from, to: f.to } : { period: f.period });
  if (f.channel) q.set("channel", f.channel);
  if (f.pipelineId) q.set("pipelineId", f.pipelineId);
  if (f.memberId) q.set("memberId", f.memberId);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

export const exportUrl = (report: string, table: string, f: DashboardFilters, sep: "," | ";") =>
  `/api/analytics/export?${queryString(f, { report, table, sep })}`;

/** Every conversation of the period with its messages (no report's table: `report=conversations`). */
export const conversationsExportUrl = (f: DashboardFilters, sep: "," | ";") =>
  `/api/analytics/export?${queryString(f, { report: "conversations", sep })}`;

/** One report under the dashboard's filters, with the previous period's totals. */
export function useReport(report: string, f: DashboardFilters) {
  return useQuery({
    queryKey: ["analytics", report, f.from, f.to, f.channel, f.pipelineId, f.memberId],
    queryFn: ({ signal }) => api<Report>(`/api/analytics/${report}?${queryString(f, { compare: "true" })}`, { signal }),
    placeholderData: (prev) => prev,
    staleTime: 60_000,
  });
}
