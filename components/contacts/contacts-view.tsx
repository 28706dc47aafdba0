"use client";

import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { Contact, Download } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useDeferredValue, useEffect, useRef, useState } from "react";
import { LoadError, RowsSkeleton } from "@/components/settings/query-state";
import { Card } from "@/components/settings/section";
import { PageHeader } from "@/components/shell/page-header";
import { useMe } from "@/components/shell/use-me";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { fetchMembers, queryKeys } from "@/lib/client/queries";
import { roleAtLeast } from "@/lib/client/types";
import { BulkActions } from "./bulk-actions";
import { CompaniesView } from "./companies-view";
import {
  contactKeys,
  DEFAULT_TABLE,
  exportClientsUrl,
  fetchClients,
  type ClientFilters,
  type ClientSort,
  type TableState,
} from "./contacts-api";
import { ContactsFilters, selectClass } from "./contacts-filters";
import { ContactsTable } from "./contacts-table";
import { ImportDialog } from "./import-dialog";
import { MergeSuggestions } from "./merge-suggestions";
import { SavedViews } from "./saved-views";
import { BackgroundExport } from "@/components/exports/background-export";

const TABS = ["contacts", "companies", "duplicates"] as const;
type Tab = (typeof TABS)[number];

/** Contacts: every client in one table (search, filters, sort, saved views, bulk actions), Companies, Duplicates. */
export function ContactsView() {
  const t = useTranslations("contactsPage");
  const params = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get("tab") ?? "")
    ? (params.get("tab") as Tab)
    : "contacts";
  return (
    <div className="mx-auto grid w-full max-w-7xl gap-5 px-4 py-6 sm:px-8 sm:py-8 [&>*]:min-w-0">
      <nav className="-mb-2 flex gap-1 border-b text-sm" aria-label={t("tabs.label")}>
        {TABS.map((id) => (
          <Link
            key={id}
            href={id === "contacts" ? "/contacts" : `/contacts?tab=${id}`}
            aria-current={tab === id ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 font-medium text-muted-foreground hover:text-foreground",
              tab === id ? "border-primary text-foreground" : "border-transparent",
            )}
            data-testid={`tab-${id}`}
          >
            {t(`tabs.${id}`)}
          </Link>
        ))}
      </nav>
      {tab === "contacts" && <ContactsTab />}
      {tab === "companies" && <CompaniesView />}
      {tab === "duplicates" && <MergeSuggestions />}
    </div>
  );
}

function ContactsTab() {
  const t = useTranslations("contactsPage");
  const me = useMe();
  const client = useQueryClient();
  const canWrite = roleAtLeast(me.role, "agent");
  const [state, setState] = useState<TableState>(DEFAULT_TABLE);
  const [search, setSearch] = useState("");
  const q = useDeferredValue(search.trim());
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [delimiter, setDelimiter] = useState(";");
  const searchRef = useRef<HTMLInputElement>(null);
  const query: TableState = { ...state, filters: { ...state.filters, q: q || undefined } };
  const members = useQuery({ queryKey: queryKeys.members, queryFn: fetchMembers });
  const list = useInfiniteQuery({
    queryKey: contactKeys.list(query),
    queryFn: ({ pageParam, signal }) => fetchClients(query, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
  });

  useEffect(() => {
    // "/" focuses the search, as in the inbox and Leads.
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key === "/" && !/input|textarea|select/i.test(target.tagName) && !target.isContentEditable) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const rows = list.data?.pages.flatMap((p) => p.clients) ?? [];
  const total = list.data?.pages[0]?.total ?? null;
  const filtered = Object.values(query.filters).some(Boolean);
  const sort = (key: ClientSort) =>
    setState((s) => ({
      ...s,
      sort: key,
      order: s.sort === key ? (s.order === "desc" ? "asc" : "desc") : key === "name" ? "asc" : "desc",
    }));
  const select = (ids: string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids)
        if (on) next.add(id);
        else next.delete(id);
      return next;
    });

  const actions = (
    <>
      <span className="flex items-center">
        <Button variant="outline" size="sm" asChild className="rounded-r-none">
          <a href={exportClientsUrl(query, delimiter)} download data-testid="export-csv">
            <Download aria-hidden />
            {t("export")}
          </a>
        </Button>
        <select
          aria-label={t("separator")}
          className={cn(selectClass, "h-8 rounded-l-none border-l-0 text-xs")}
          value={delimiter}
          onChange={(e) => setDelimiter(e.target.value)}
        >
          <option value=";">;</option>
          <option value=",">,</option>
        </select>
      </span>
      <BackgroundExport kind="contacts" href={exportClientsUrl(query, delimiter)} />
      {canWrite && <ImportDialog />}
    </>
  );

  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={total === null ? t("subtitle") : t("count", { n: total })}
        actions={actions}
      />
      <ContactsFilters
        filters={state.filters}
        onChange={(filters: ClientFilters) => setState((s) => ({ ...s, filters }))}
        search={search}
        onSearch={setSearch}
        searchRef={searchRef}
        members={members.data ?? []}
      />
      <SavedViews
        kind="contacts"
        current={{ filters: query.filters, sort: state.sort, order: state.order }}
        canShare={canWrite}
        onApply={(view) => {
          const { q: viewQ, ...filters } = view.filters;
          setSearch(viewQ ?? "");
          setState({ filters, sort: view.sort as ClientSort, order: view.order });
        }}
      />
      {selected.size > 0 && canWrite && (
        <BulkActions
          ids={[...selected]}
          members={members.data ?? []}
          canDelete={roleAtLeast(me.role, "manager")}
          onClear={() => setSelected(new Set())}
          onDone={() => {
            setSelected(new Set());
            void client.invalidateQueries({ queryKey: ["contacts"] });
          }}
        />
      )}
      <Card>
        {list.isPending ? (
          <RowsSkeleton rows={6} />
        ) : list.isError && !list.data ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState
            icon={Contact}
            title={filtered ? t("emptyFiltered") : t("emptyTitle")}
            description={filtered ? t("emptyFilteredBody") : t("emptyBody")}
            className="py-14"
          />
        ) : (
          <ContactsTable
            clients={rows}
            state={state}
            onSort={sort}
            selected={selected}
            onSelect={select}
            dimmed={list.isPlaceholderData}
          />
        )}
      </Card>
      {list.hasNextPage && (
        <Button
          variant="outline"
          className="justify-self-center"
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
          data-testid="load-more"
        >
          {t("loadMore")}
        </Button>
      )}
    </>
  );
}
