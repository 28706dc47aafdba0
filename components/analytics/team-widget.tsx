"use client";

import { useTranslations } from "next-intl";
import { useReport } from "./analytics-api";
import { ChartCard } from "./chart-card";
import { CategoryChart } from "./charts";
import { useDashboard } from "./dashboard-context";

/** Per member: conversations handled and deals won (the table has replies, calls and tasks too). */
export function TeamWidget() {
  const t = useTranslations("analytics.widgets.team");
  const { filters } = useDashboard();
  const query = useReport("team-performance", filters);
  return (
    <ChartCard id="team" title={t("title")} query={query} table="members" wide>
      {(table) => (
        <CategoryChart
          category="name"
          rows={table.rows.map((r) => ({ ...r, name: r.removed ? `${r.member ?? "—"} (${t("removed")})` : r.member }))}
          series={[
            { key: "conversations", label: t("conversations") },
            { key: "deals_won", label: t("dealsWon") },
            { key: "tasks_done", label: t("tasksDone") },
          ]}
        />
      )}
    </ChartCard>
  );
}
