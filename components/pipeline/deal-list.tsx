"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { ChannelIcon } from "@/components/channels/channel-icon";
import { InterestChip } from "@/components/leads/lead-badges";
import { LoadError } from "@/components/settings/query-state";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { SortHeader } from "@/components/ui/sort-header";
import type { ChannelType } from "@/lib/channels/types";
import { formatAmount } from "./deal-card";
import { fetchDealList, pipelineKeys, type Filters, type ListSort, type Stage } from "./pipeline-api";

const COLUMNS: { id: string; sort?: ListSort["sort"] }[] = [
  { id: "title", sort: "title" },
  { id: "stage" },
  { id: "client" },
  { id: "amount", sort: "amount" },
  { id: "interest" },
  { id: "owner" },
  { id: "inStage", sort: "stageEntered" },
  { id: "created", sort: "created" },
];

/** The same deals as the board, as a table: sortable columns, keyset pages ("Show more"). */
export function DealList({
  pipelineId,
  stages,
  filters,
  sort,
  onSort,
  onOpen,
}: {
  pipelineId: string;
  stages: Stage[];
  filters: Filters;
  /** Held by the page: the export in its header follows the same order. */
  sort: ListSort;
  onSort: (sort: ListSort) => void;
  onOpen: (id: string) => void;
}) {
  const t = useTranslations("dealList");
  const format = useFormatter();
  // relativeTime needs a "now" of its own, or next-intl reports an environment fallback.
  const now = useNow({ updateInterval: 60_000 });
  const list = useInfiniteQuery({
    queryKey: pipelineKeys.list(pipelineId, filters, sort),
    queryFn: ({ pageParam, signal }) => fetchDealList(pipelineId, filters, sort, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const deals = list.data?.pages.flatMap((p) => p.deals) ?? [];
  const stageOf = (id: string) => stages.find((s) => s.id === id);
  return (
    <div className="min-h-0 flex-1 overflow-auto rounded-xl border bg-card" data-testid="deal-list">
      <table className="w-full min-w-[760px] text-sm">
        <thead className="sticky top-0 bg-muted/60 text-left text-xs text-muted-foreground backdrop-blur">
          <tr>
            {COLUMNS.map((c) =>
              c.sort ? (
                <SortHeader
                  key={c.id}
                  label={t(`columns.${c.id}`)}
                  sortKey={c.sort}
                  sort={sort.sort}
                  order={sort.order}
                  onSort={(key) =>
                    onSort({ sort: key, order: sort.sort === key && sort.order === "desc" ? "asc" : "desc" })
                  }
                />
              ) : (
                <th key={c.id} scope="col" className="px-3 py-2 font-medium">
                  {t(`columns.${c.id}`)}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {!list.data &&
            Array.from({ length: 6 }, (_, i) => (
              <tr key={i}>
                <td colSpan={COLUMNS.length} className="px-3 py-2">
                  <Skeleton className="h-5" />
                </td>
              </tr>
            ))}
          {list.data && !deals.length && (
            <tr>
              <td colSpan={COLUMNS.length} className="px-3 py-10 text-center text-muted-foreground">
                {t("empty")}
              </td>
            </tr>
          )}
          {deals.map((d) => {
            const stage = stageOf(d.stageId);
            return (
              <tr key={d.id} className="border-t hover:bg-muted/40" data-testid="deal-row">
                <td className="px-3 py-2">
                  <button
                    type="button"
                    className="cursor-pointer text-left font-medium hover:text-primary hover:underline"
                    onClick={() => onOpen(d.id)}
                  >
                    {d.title}
                  </button>
                </td>
                <td className="px-3 py-2">
                  <span className="inline-flex items-center gap-1.5">
                    <span className="size-2 rounded-full" style={{ background: stage?.color }} aria-hidden />
                    {stage?.name}
                  </span>
                </td>
                <td className="px-3 py-2">
                  <span className="inline-flex items-center gap-1.5">
                    {d.channelType && <ChannelIcon type={d.channelType as ChannelType} className="size-4" />}
                    {d.contactName ?? "—"}
                  </span>
                </td>
                <td className="px-3 py-2 tabular-nums">
                  {d.amount ? formatAmount(format, d.amount, d.currency) : "—"}
                </td>
                <td className="px-3 py-2">
                  <InterestChip level={d.interestLevel} />
                </td>
                <td className="px-3 py-2 text-muted-foreground">{d.ownerName ?? "—"}</td>
                <td className="px-3 py-2 text-muted-foreground">
                  {format.relativeTime(new Date(d.stageEnteredAt), now)}
                </td>
                <td className="px-3 py-2 text-muted-foreground">
                  {format.dateTime(new Date(d.createdAt), { dateStyle: "medium" })}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {list.hasNextPage && (
        <div className="border-t p-2 text-center">
          <Button variant="ghost" size="sm" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t("more")}
          </Button>
        </div>
      )}
    </div>
  );
}
