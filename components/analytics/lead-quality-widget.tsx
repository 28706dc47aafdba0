import { StackedWidget } from "./stacked-widget";

/** Hot, warm and cold leads over time, with the average score. */
export function LeadQualityWidget() {
  return (
    <StackedWidget
      id="lead-quality"
      report="lead-quality"
      ns="leadQuality"
      table="series"
      kpis={[
        { key: "leads", label: "leads" },
        { key: "hot", label: "hot" },
        { key: "avg_score", label: "avgScore" },
      ]}
      series={[
        { key: "hot", label: "hot", color: "var(--destructive)" },
        { key: "warm", label: "warm", color: "var(--warning)" },
        { key: "cold", label: "cold", color: "oklch(0.62 0.12 220)" },
      ]}
    />
  );
}
