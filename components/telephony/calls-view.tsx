"use client";

import { Download, Phone, Search } from "lucide-react";
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useDeferredValue, useState } from "react";
import { LoadError, RowsSkeleton } from "@/components/settings/query-state";
import { Card } from "@/components/settings/section";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { fetchMembers, queryKeys } from "@/lib/client/queries";
import { CallDrawer } from "./call-drawer";
import { CallList } from "./call-list";
import { filterQuery, NO_FILTERS, type CallFilters } from "./telephony-api";
import { useCalls } from "./use-calls";
import { NativeSelect } from "@/components/ui/native-select";
import { BackgroundExport } from "@/components/exports/background-export";

/** The Calls page: the log with filters and search, pages as you scroll, one call in a drawer, CSV export. */
export function CallsView() {
  const t = useTranslations("calls");
  const locale = useLocale();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const openId = params.get("call");
  const [filters, setFilters] = useState<CallFilters>(NO_FILTERS);
  const q = useDeferredValue(filters.q.trim());
  const effective = { ...filters, q };
  const calls = useCalls(effective);
  const members = useQuery({ queryKey: queryKeys.members, queryFn: fetchMembers });
  const rows = calls.data?.pages.flatMap((p) => p.calls) ?? [];
  const filtered = JSON.stringify(effective) !== JSON.stringify(NO_FILTERS);
  const set = <K extends keyof CallFilters>(key: K, value: CallFilters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));
  const open = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set("call", id);
    else next.delete("call");
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };

  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-8 sm:py-8">
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          <span className="flex items-center gap-2">
            <Button variant="outline" size="sm" asChild>
              <a href={`/api/calls/export?${filterQuery(effective, { locale })}`} download data-testid="calls-export">
                <Download aria-hidden />
                {t("export")}
              </a>
            </Button>
            <BackgroundExport kind="calls" href={`/api/calls/export?${filterQuery(effective, { locale })}`} />
          </span>
        }
      />
      <div className="mt-6 flex flex-wrap items-center gap-2" role="search">
        <div className="relative min-w-52 flex-1">
          <Search className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-muted-foreground" aria-hidden />
          <Input
            value={filters.q}
            onChange={(e) => set("q", e.target.value)}
            placeholder={t("searchPlaceholder")}
            aria-label={t("searchPlaceholder")}
            className="pl-8"
            data-testid="calls-search"
          />
        </div>
        <NativeSelect
          aria-label={t("filters.direction")}
          value={filters.direction}
          onChange={(e) => set("direction", e.target.value as CallFilters["direction"])}
          any={t("filters.anyDirection")}
          choices={(["inbound", "outbound"] as const).map((d) => [d, t(`direction.${d}`)] as const)}
        />
        <NativeSelect
          aria-label={t("filters.status")}
          value={filters.status}
          onChange={(e) => set("status", e.target.value as CallFilters["status"])}
          data-testid="calls-status-filter"
          any={t("filters.anyStatus")}
          choices={(["answered", "missed", "busy", "failed", "ringing", "unknown"] as const).map(
            (s) => [s, t(`status.${s}`)] as const,
          )}
        />
        <NativeSelect
          aria-label={t("filters.source")}
          value={filters.source}
          onChange={(e) => set("source", e.target.value as CallFilters["source"])}
          any={t("filters.anySource")}
          choices={(["asterisk_bridge", "asterisk_ami", "twilio", "retell"] as const).map(
            (s) => [s, t(`source.${s}`)] as const,
          )}
        />
        <NativeSelect
          aria-label={t("filters.member")}
          value={filters.member}
          onChange={(e) => set("member", e.target.value)}
          any={t("filters.anyMember")}
          choices={(members.data ?? []).map((m) => [m.user_id, m.full_name || m.email] as const)}
        />
        <Input
          type="date"
          aria-label={t("filters.from")}
          value={filters.from}
          onChange={(e) => set("from", e.target.value)}
          className="w-auto"
        />
        <Input
          type="date"
          aria-label={t("filters.to")}
          value={filters.to}
          onChange={(e) => set("to", e.target.value)}
          className="w-auto"
        />
        {filtered && (
          <Button variant="ghost" size="sm" onClick={() => setFilters(NO_FILTERS)}>
            {t("filters.clear")}
          </Button>
        )}
      </div>
      <Card className="mt-4">
        {calls.isPending ? (
          <RowsSkeleton rows={6} />
        ) : calls.isError ? (
          <LoadError error={calls.error} onRetry={() => void calls.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState
            icon={Phone}
            title={filtered ? t("empty.filteredTitle") : t("empty.title")}
            description={filtered ? t("empty.filteredDescription") : t("empty.description")}
          />
        ) : (
          <CallList calls={rows} onOpen={open} />
        )}
      </Card>
      {calls.hasNextPage && (
        <div className="mt-4 flex justify-center">
          <Button
            variant="outline"
            size="sm"
            onClick={() => void calls.fetchNextPage()}
            disabled={calls.isFetchingNextPage}
          >
            {t("loadMore")}
          </Button>
        </div>
      )}
      <CallDrawer id={openId} onClose={() => open(null)} />
    </div>
  );
}
