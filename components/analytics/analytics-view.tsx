"use client";

import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { AiWidget } from "./ai-widget";
import { ExportButtons } from "@/components/exports/export-buttons";
import { conversationsExportUrl, presetRange, type DashboardFilters } from "./analytics-api";
import { CallsWidget } from "./calls-widget";
import { DashboardContext } from "./dashboard-context";
import { FunnelWidget } from "./funnel-widget";
import { LeadQualityWidget } from "./lead-quality-widget";
import { MessagesWidget } from "./messages-widget";
import { PeriodFilters } from "./period-filters";
import { PipelineWidget } from "./pipeline-widget";
import { QuestionsWidget } from "./questions-widget";
import { ResponseTimesWidget } from "./response-times-widget";
import { TeamWidget } from "./team-widget";

/** The analytics dashboard: the filters, then every widget, each loading its own report. */
export function AnalyticsView() {
  const t = useTranslations("analytics");
  const locale = useLocale();
  const [filters, setFilters] = useState<DashboardFilters>(() => ({
    period: "30",
    ...presetRange("30"),
    channel: "",
    pipelineId: "",
    memberId: "",
  }));
  // Excel in Russian reads `;` as the separator; the user can change it.
  const [sep, setSep] = useState<"," | ";">(locale === "ru" ? ";" : ",");
  const dashboard = useMemo(() => ({ filters, sep }), [filters, sep]);
  return (
    <DashboardContext.Provider value={dashboard}>
      <div className="mx-auto flex w-full max-w-7xl flex-col gap-4 p-4 md:p-6">
        <header className="flex flex-col gap-3">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0">
              <h1 className="text-xl font-semibold">{t("title")}</h1>
              <p className="text-sm text-muted-foreground">{t("subtitle")}</p>
            </div>
            {/* Each widget has its table's CSV; the conversations with their messages belong to no widget. */}
            <div className="flex flex-wrap items-center gap-2">
              <ExportButtons
                kind="analytics"
                href={conversationsExportUrl(filters, sep)}
                label={t("conversationsExport")}
                title={t("conversationsExportHint")}
                testId="conversations-export"
              />
            </div>
          </div>
          <PeriodFilters filters={filters} onChange={setFilters} sep={sep} onSep={setSep} />
          <p className="text-xs text-muted-foreground" data-testid="comparison-note">
            {t("comparison")}
          </p>
        </header>
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <MessagesWidget />
          <ResponseTimesWidget />
          <FunnelWidget />
          <LeadQualityWidget />
          <PipelineWidget />
          <TeamWidget />
          <CallsWidget />
          <AiWidget />
          <QuestionsWidget />
        </div>
      </div>
    </DashboardContext.Provider>
  );
}
