"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Building2, Download, Plus } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useDeferredValue, useState } from "react";
import { toast } from "sonner";
import { LoadError, RowsSkeleton } from "@/components/settings/query-state";
import { Card } from "@/components/settings/section";
import { PageHeader } from "@/components/shell/page-header";
import { useMe } from "@/components/shell/use-me";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { SortHeader } from "@/components/ui/sort-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { api } from "@/lib/client/api";
import { roleAtLeast } from "@/lib/client/types";
import { contactKeys, exportCompaniesUrl, qs, type Company, type CompanySort } from "./contacts-api";
import { CompanyForm } from "./company-form";
import { SavedViews } from "./saved-views";
import { BackgroundExport } from "@/components/exports/background-export";

/** Companies: the same table as contacts for organisations (search, sort, pages), with a form to add one. */
export function CompaniesView() {
  const t = useTranslations("companiesPage");
  const me = useMe();
  const router = useRouter();
  const client = useQueryClient();
  const canWrite = roleAtLeast(me.role, "agent");
  const [search, setSearch] = useState("");
  const q = useDeferredValue(search.trim());
  const [sort, setSort] = useState<CompanySort>("name");
  const [order, setOrder] = useState<"asc" | "desc">("asc");
  const [adding, setAdding] = useState(false);
  const list = useInfiniteQuery({
    queryKey: contactKeys.companies(q, sort, order),
    queryFn: ({ pageParam, signal }) =>
      api<{ companies: Company[]; nextCursor: string | null }>(
        `/api/crm/companies?${qs({ q, sort, order, cursor: pageParam, limit: 50 })}`,
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
  });
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Company>("/api/crm/companies", { method: "POST", body }),
    onSuccess: (company) => {
      setAdding(false);
      void client.invalidateQueries({ queryKey: ["companies"] });
      router.push(`/contacts/companies/${company.id}`);
    },
    onError: (error: Error) => toast.error(error.message),
  });
  const rows = list.data?.pages.flatMap((p) => p.companies) ?? [];
  const onSort = (key: CompanySort) => {
    if (sort === key) setOrder(order === "asc" ? "desc" : "asc");
    else {
      setSort(key);
      setOrder(key === "name" ? "asc" : "desc");
    }
  };
  const header = (key: CompanySort, label: string, className?: string) => (
    <SortHeader label={label} sortKey={key} sort={sort} order={order} onSort={onSort} className={className} />
  );

  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          <>
            <Button variant="outline" size="sm" asChild>
              <a href={exportCompaniesUrl(q, sort, ";")} download data-testid="export-companies">
                <Download aria-hidden />
                {t("export")}
              </a>
            </Button>
            <BackgroundExport kind="companies" href={exportCompaniesUrl(q, sort, ";")} />
            {canWrite && (
              <Button size="sm" onClick={() => setAdding(true)} data-testid="company-new">
                <Plus aria-hidden />
                {t("new")}
              </Button>
            )}
          </>
        }
      />
      <Input
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder={t("search")}
        aria-label={t("search")}
      />
      <SavedViews
        kind="companies"
        current={{ filters: { q: q || undefined }, sort, order }}
        canShare={canWrite}
        onApply={(view) => {
          setSearch(view.filters.q ?? "");
          setSort(view.sort as CompanySort);
          setOrder(view.order);
        }}
      />
      <Card>
        {list.isPending ? (
          <RowsSkeleton rows={5} />
        ) : list.isError && !list.data ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState
            icon={Building2}
            title={q ? t("emptyFiltered") : t("emptyTitle")}
            description={t("emptyBody")}
            className="py-14"
          />
        ) : (
          <div className="overflow-x-auto">
            <table
              className={cn("w-full text-left text-sm", list.isPlaceholderData && "opacity-60")}
              data-testid="companies-table"
            >
              <thead className="border-b bg-muted/40 text-xs text-muted-foreground">
                <tr>
                  {header("name", t("name"), "pl-4")}
                  <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">
                    {t("website")}
                  </th>
                  {header("contacts", t("contacts"))}
                  {header("created", t("created"), "hidden sm:table-cell")}
                </tr>
              </thead>
              <tbody className="divide-y">
                {rows.map((c) => (
                  <tr key={c.id} className="hover:bg-muted/40">
                    <td className="px-3 py-2.5 pl-4 font-medium">
                      <Link href={`/contacts/companies/${c.id}`} className="hover:underline">
                        {c.name}
                      </Link>
                    </td>
                    <td className="hidden px-3 py-2.5 text-muted-foreground sm:table-cell">{c.website ?? "—"}</td>
                    <td className="px-3 py-2.5 tabular-nums">{c.contactCount}</td>
                    <td className="hidden px-3 py-2.5 text-muted-foreground sm:table-cell">
                      {new Date(c.createdAt).toLocaleDateString()}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {list.hasNextPage && (
        <Button
          variant="outline"
          className="justify-self-center"
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
        >
          {t("loadMore")}
        </Button>
      )}
      <CompanyForm
        open={adding}
        onOpenChange={setAdding}
        onSubmit={(body) => create.mutate(body)}
        pending={create.isPending}
      />
    </>
  );
}
