"use client";

import { useTranslations } from "next-intl";
import { useReport } from "./analytics-api";
import { ChartCard } from "./chart-card";
import { fillBuckets, TimeChart } from "./charts";
import { useDashboard } from "./dashboard-context";
import { Kpis } from "./kpi";

const PLATFORMS = ["telegram", "whatsapp", "instagram"];

/** Messages by platform over time (in and out), with active and new conversations. */
export function MessagesWidget() {
  const t = useTranslations("analytics.widgets.messages");
  const { filters } = useDashboard();
  const query = useReport("messages", filters);
  return (
    <ChartCard
      id="messages"
      title={t("title")}
      query={query}
      table="series"
      wide
      summary={(r) => (
        <Kpis
          report={r}
          items={[
            { key: "inbound", label: t("inbound") },
            { key: "outbound", label: t("outbound") },
            { key: "active_conversations", label: t("active") },
            { key: "new_conversations", label: t("new") },
            { key: "ai_replies", label: t("ai") },
            { key: "human_replies", label: t("human") },
          ]}
        />
      )}
    >
      {(table, report) => {
        // One bar per platform and bucket, in and out stacked.
        const rows = table.rows.map((r) => ({
          bucket: r.bucket,
          [`${r.platform}_in`]: r.inbound,
          [`${r.platform}_out`]: r.outbound,
        }));
        const present = PLATFORMS.filter((p) => table.rows.some((r) => r.platform === p));
        const keys = present.flatMap((p) => [`${p}_in`, `${p}_out`]);
        return (
          <TimeChart
            rows={fillBuckets(report.buckets, rows, keys)}
            stacked
            series={present.flatMap((p) => [
              { key: `${p}_in`, label: `${t(`platform.${p}`)} · ${t("in")}` },
              { key: `${p}_out`, label: `${t(`platform.${p}`)} · ${t("out")}` },
            ])}
          />
        );
      }}
    </ChartCard>
  );
}
