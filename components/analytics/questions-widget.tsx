"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useReport } from "./analytics-api";
import { ChartCard } from "./chart-card";
import { CategoryChart } from "./charts";
import { useDashboard } from "./dashboard-context";

/** The questions clients asked most, grouped by topic, with an example and a link to its conversation. */
export function QuestionsWidget() {
  const t = useTranslations("analytics.widgets.questions");
  const { filters } = useDashboard();
  const query = useReport("popular-questions", filters);
  const examples = query.data?.tables.examples?.rows ?? [];
  return (
    <ChartCard id="questions" title={t("title")} query={query} table="topics" wide autoHeight>
      {(table) => (
        <div className="grid gap-4 md:grid-cols-2">
          <div className="h-56">
            <CategoryChart
              category="label"
              rows={table.rows.slice(0, 8)}
              series={[{ key: "questions", label: t("questions") }]}
            />
          </div>
          <ul className="max-h-56 space-y-2 overflow-auto text-sm" aria-label={t("examples")}>
            {table.rows.slice(0, 8).map((topic) => {
              const ex = examples.find((e) => e.topic === topic.topic);
              return (
                <li key={String(topic.topic)} className="min-w-0">
                  <span className="font-medium">{topic.label}</span>
                  {ex && (
                    <Link
                      href={`/inbox?c=${ex.conversation_id}`}
                      className="block truncate text-muted-foreground hover:text-foreground hover:underline"
                    >
                      «{ex.text}»
                    </Link>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </ChartCard>
  );
}
