import { StackedWidget } from "./stacked-widget";

/** Calls answered and missed over time, average talk and wait, calls that led to a deal. */
export function CallsWidget() {
  return (
    <StackedWidget
      id="calls"
      report="calls"
      ns="calls"
      table="series"
      kpis={[
        { key: "calls", label: "calls" },
        { key: "avg_duration", label: "avgDuration" },
        { key: "deal_conversion", label: "toDeal" },
      ]}
      series={[
        { key: "answered", label: "answered", color: "var(--success)" },
        { key: "missed", label: "missed", color: "var(--destructive)" },
        { key: "other", label: "other", color: "var(--muted-foreground)" },
      ]}
    />
  );
}
