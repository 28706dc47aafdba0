import { StackedWidget } from "./stacked-widget";

/** The assistant's drafts (sent as-is, edited, discarded) over time; replies, hand-offs, cost on top. */
export function AiWidget() {
  return (
    <StackedWidget
      id="ai"
      report="ai"
      ns="ai"
      table="drafts"
      kpis={[
        { key: "ai_replies", label: "replies" },
        { key: "handoffs", label: "handoffs" },
        { key: "errors", label: "errors", lowerIsBetter: true },
      ]}
      series={[
        { key: "as_is", label: "asIs", color: "var(--success)" },
        { key: "edited", label: "edited", color: "var(--warning)" },
        { key: "discarded", label: "discarded", color: "var(--destructive)" },
      ]}
    />
  );
}
