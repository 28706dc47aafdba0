"use client";

import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { Row } from "./analytics-api";
import { useFormat } from "./format";

// The few chart shapes the widgets use, in the theme's colours (CSS variables switch with light/dark).

export const COLORS = [
  "var(--primary)",
  "var(--success)",
  "var(--warning)",
  "var(--destructive)",
  "oklch(0.62 0.12 220)",
  "oklch(0.6 0.15 320)",
];

export type Series = { key: string; label: string; color?: string };
type Kind = "seconds" | "money" | "number";

const axis = { fontSize: 11, fill: "var(--muted-foreground)" };
const tooltipStyle = {
  background: "var(--popover)",
  border: "1px solid var(--border)",
  borderRadius: 8,
  color: "var(--popover-foreground)",
  fontSize: 12,
};

function useValue(kind: Kind, currency?: string | null) {
  const f = useFormat();
  return (v: unknown) =>
    kind === "seconds" ? f.duration(Number(v)) : kind === "money" ? f.money(Number(v), currency) : f.number(Number(v));
}

/** Values over the period's buckets (every bucket, empty ones at zero): bars, stacked bars, lines or areas. */
export function TimeChart({
  rows,
  series,
  shape = "bar",
  stacked,
  kind = "number",
  currency,
}: {
  rows: Row[];
  series: Series[];
  shape?: "bar" | "line" | "area";
  stacked?: boolean;
  kind?: Kind;
  currency?: string | null;
}) {
  const f = useFormat();
  const value = useValue(kind, currency);
  const common = {
    data: rows,
    margin: { top: 4, right: 8, bottom: 0, left: 0 },
  };
  const children = [
    <CartesianGrid key="g" strokeDasharray="3 3" stroke="var(--border)" vertical={false} />,
    <XAxis key="x" dataKey="bucket" tickFormatter={(v) => f.date(String(v))} tick={axis} tickLine={false} />,
    <YAxis
      key="y"
      tickFormatter={value}
      tick={axis}
      tickLine={false}
      axisLine={false}
      width={56}
      allowDecimals={kind !== "number"}
    />,
    <Tooltip key="t" contentStyle={tooltipStyle} labelFormatter={(v) => f.date(String(v))} formatter={value} />,
    <Legend key="l" wrapperStyle={{ fontSize: 12 }} />,
  ];
  const color = (s: Series, i: number) => s.color ?? COLORS[i % COLORS.length];
  return (
    <ResponsiveContainer width="100%" height="100%">
      {shape === "line" ? (
        <LineChart {...common}>
          {children}
          {series.map((s, i) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={color(s, i)}
              dot={false}
              strokeWidth={2}
              connectNulls
            />
          ))}
        </LineChart>
      ) : shape === "area" ? (
        <AreaChart {...common}>
          {children}
          {series.map((s, i) => (
            <Area
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={color(s, i)}
              fill={color(s, i)}
              fillOpacity={0.2}
              stackId={stacked ? "a" : undefined}
            />
          ))}
        </AreaChart>
      ) : (
        <BarChart {...common}>
          {children}
          {series.map((s, i) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={color(s, i)}
              stackId={stacked ? "a" : undefined}
              radius={stacked ? 0 : [3, 3, 0, 0]}
            />
          ))}
        </BarChart>
      )}
    </ResponsiveContainer>
  );
}

/** Categories side by side (stages, members, sources): horizontal bars. */
export function CategoryChart({
  rows,
  category,
  series,
  stacked,
  kind = "number",
  currency,
  labelKey,
}: {
  rows: Row[];
  category: string;
  series: Series[];
  stacked?: boolean;
  kind?: Kind;
  currency?: string | null;
  /** A column printed at the end of each bar (e.g. "12 · 40 %"). */
  labelKey?: string;
}) {
  const value = useValue(kind, currency);
  // The axis wraps a label only between words, so it is as wide as the longest word ("проанализированы"), and
  // wide enough for a short label to stay on one line; beyond that it wraps.
  const labels = rows.map((r) => String(r[category] ?? ""));
  const longestWord = Math.max(0, ...labels.flatMap((l) => l.split(/\s+/).map((w) => w.length)));
  const longest = Math.max(0, ...labels.map((l) => l.length));
  const axisWidth = Math.min(160, Math.max(72, Math.ceil(Math.min(longest, Math.max(longestWord, 16)) * 6.4) + 24));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={rows} layout="vertical" margin={{ top: 4, right: labelKey ? 56 : 12, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" horizontal={false} />
        <XAxis type="number" tickFormatter={value} tick={axis} tickLine={false} allowDecimals={kind !== "number"} />
        <YAxis type="category" dataKey={category} tick={axis} tickLine={false} axisLine={false} width={axisWidth} />
        <Tooltip contentStyle={tooltipStyle} formatter={value} cursor={{ fill: "var(--muted)" }} />
        {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
        {series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            fill={s.color ?? COLORS[i % COLORS.length]}
            stackId={stacked ? "a" : undefined}
            radius={stacked ? 0 : [0, 3, 3, 0]}
          >
            {labelKey && i === series.length - 1 && (
              <LabelList dataKey={labelKey} position="right" style={{ ...axis, fill: "var(--foreground)" }} />
            )}
          </Bar>
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Every bucket of the period, each with the rows' values for it (zero where a bucket has none). */
export function fillBuckets(buckets: string[], rows: Row[], keys: string[]): Row[] {
  const by = new Map<string, Row>();
  for (const r of rows) {
    const b = String(r.bucket);
    const acc = by.get(b) ?? { bucket: b };
    for (const k of keys) acc[k] = Number(acc[k] ?? 0) + Number(r[k] ?? 0);
    by.set(b, acc);
  }
  return buckets.map((b) => by.get(b) ?? Object.fromEntries([["bucket", b], ...keys.map((k) => [k, 0])]));
}
