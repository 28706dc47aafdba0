"use client";

import { ChevronDown, Download, Sparkles, Target } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useDeferredValue, useMemo, useRef, useState } from "react";
import { useChannels } from "@/components/channels/use-channels";
import { LoadError, RowsSkeleton } from "@/components/settings/query-state";
import { Card } from "@/components/settings/section";
import { PageHeader } from "@/components/shell/page-header";
import { useMe } from "@/components/shell/use-me";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { roleAtLeast } from "@/lib/client/types";
import { AnalyzeProgress } from "./analyze-progress";
import { LeadDrawer } from "./lead-drawer";
import { LeadsFilters } from "./leads-filters";
import { LeadsStats } from "./leads-stats";
import { LeadsTable } from "./leads-table";
import { DEFAULT_FILTERS, exportUrl, type LeadFilters, type SortKey } from "./leads-api";
import { NewLeadDialog } from "./new-lead-dialog";
import { useAnalyzeJob } from "./use-analyze-job";
import { useLeads, useLeadStats, useOpenLead } from "./use-leads";
import { useLeadsShortcuts } from "./use-leads-shortcuts";
import { BackgroundExport } from "@/components/exports/background-export";

/** Leads: stats on top, filters, the scored table, the analysis in a drawer; batch analysis and CSV export. */
export function LeadsView() {
  const t = useTranslations("leads");
  const locale = useLocale();
  const me = useMe();
  const canAnalyze = roleAtLeast(me.role, "agent");
  const [filters, setFilters] = useState<LeadFilters>(DEFAULT_FILTERS);
  const [search, setSearch] = useState("");
  const query = useDeferredValue(search.trim().toLowerCase());
  const leads = useLeads(filters);
  const stats = useLeadStats();
  const channels = useChannels();
  const analyze = useAnalyzeJob();
  const [openId, open] = useOpenLead();
  const [cursor, setCursor] = useState<string | null>(null);
  const [statsOpen, setStatsOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  const rows = useMemo(() => {
    const all = leads.data?.results ?? [];
    if (!query) return all;
    return all.filter((l) =>
      [l.name, l.contactName, l.phone, l.instanceName].some((v) => v?.toLowerCase().includes(query)),
    );
  }, [leads.data, query]);

  const sort = (key: SortKey) =>
    setFilters((f) => ({
      ...f,
      sort: key,
      order: f.sort === key ? (f.order === "desc" ? "asc" : "desc") : key === "name" ? "asc" : "desc",
    }));

  useLeadsShortcuts({
    move: (step) => {
      if (!rows.length) return;
      const index = rows.findIndex((l) => l.id === cursor);
      const next = rows[Math.min(rows.length - 1, Math.max(0, index === -1 ? 0 : index + step))];
      setCursor(next.id);
      document.querySelector<HTMLElement>(`[data-lead-id="${next.id}"]`)?.focus();
    },
    open: () => cursor && open(cursor),
    search: () => searchRef.current?.focus(),
  });

  const filtered = rows.length !== (leads.data?.results.length ?? 0) || filters !== DEFAULT_FILTERS;
  const actions = (
    <>
      <Button variant="outline" size="sm" asChild>
        <a href={exportUrl(filters, locale)} download data-testid="export-csv">
          <Download aria-hidden />
          {t("export")}
        </a>
      </Button>
      <BackgroundExport kind="leads" href={exportUrl(filters, locale)} />
      {canAnalyze && <NewLeadDialog onCreated={(id) => open(id)} />}
      {canAnalyze && (
        <Button size="sm" onClick={() => analyze.start()} loading={analyze.running} data-testid="analyze">
          {!analyze.running && <Sparkles aria-hidden />}
          {analyze.running ? t("analyze.running") : t("analyze.start")}
        </Button>
      )}
    </>
  );

  return (
    <div className="mx-auto grid w-full max-w-7xl gap-5 px-4 py-6 sm:px-8 sm:py-8 [&>*]:min-w-0">
      <PageHeader title={t("title")} subtitle={t("subtitle")} actions={actions} />
      {analyze.running && (
        <AnalyzeProgress
          progress={analyze.progress}
          onCancel={canAnalyze ? analyze.cancel : undefined}
          cancelling={analyze.cancelling}
        />
      )}
      {/* On a phone the table comes first: the summary cards fold away behind one line. */}
      <button
        type="button"
        className="-my-2 flex cursor-pointer items-center gap-1 justify-self-start text-xs font-medium text-muted-foreground hover:text-foreground sm:hidden"
        aria-expanded={statsOpen}
        aria-controls="leads-stats"
        onClick={() => setStatsOpen((o) => !o)}
        data-testid="stats-toggle"
      >
        <ChevronDown className={cn("size-3.5 transition-transform", statsOpen && "rotate-180")} aria-hidden />
        {t(statsOpen ? "hideSummary" : "showSummary")}
      </button>
      <div id="leads-stats" className={cn(!statsOpen && "hidden sm:block")}>
        <LeadsStats
          stats={stats.data}
          loading={stats.isPending}
          active={filters.interestLevel}
          onPick={(interestLevel) => setFilters((f) => ({ ...f, interestLevel }))}
        />
      </div>
      <LeadsFilters
        filters={filters}
        onChange={setFilters}
        search={search}
        onSearch={setSearch}
        searchRef={searchRef}
        channels={channels.data ?? []}
      />
      <Card>
        {leads.isPending ? (
          <RowsSkeleton rows={6} />
        ) : leads.isError && !leads.data ? (
          <LoadError error={leads.error} onRetry={() => void leads.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState
            icon={Target}
            title={filtered ? t("emptyFiltered") : t("emptyTitle")}
            description={filtered ? t("emptyFilteredBody") : t("emptyBody")}
            className="py-14"
          >
            {!filtered && canAnalyze && (
              <Button onClick={() => analyze.start()} loading={analyze.running}>
                {!analyze.running && <Sparkles aria-hidden />}
                {t("analyze.start")}
              </Button>
            )}
          </EmptyState>
        ) : (
          <LeadsTable
            leads={rows}
            filters={filters}
            onSort={sort}
            cursor={cursor ?? null}
            onOpen={(id) => {
              setCursor(id);
              open(id);
            }}
            dimmed={leads.isPlaceholderData}
          />
        )}
      </Card>
      {rows.length > 0 && (
        <p className="-mt-2 text-xs text-muted-foreground">
          {t("shown", { shown: rows.length, total: leads.data?.count ?? rows.length })}
        </p>
      )}
      <LeadDrawer id={openId} onClose={() => open(null)} />
    </div>
  );
}
