"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { ArrowDownLeft, ArrowUpRight, ScrollText } from "lucide-react";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { LoadError, RowsSkeleton } from "@/components/settings/query-state";
import { Card, SettingsSection } from "@/components/settings/section";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { api } from "@/lib/client/api";
import { retailcrmKeys, type SyncLogEntry } from "./retailcrm-api";

const kindTone = {
  applied: "success",
  sent: "primary",
  conflict: "warning",
  error: "destructive",
  echo_skipped: "neutral",
} as const;

// A conflict's times are ISO instants, shown in the reader's locale and zone; a flag is a `select` argument.
function localTimes(
  values: SyncLogEntry["details"],
  format: ReturnType<typeof useFormatter>,
): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [
      k,
      k === "at" && typeof v === "string"
        ? format.dateTime(new Date(v), { dateStyle: "short", timeStyle: "short" })
        : typeof v === "boolean"
          ? String(v)
          : v,
    ]),
  );
}

/** The sync log, newest first, a page at a time. */
export function SyncLog() {
  const t = useTranslations("retailcrm");
  const format = useFormatter();
  const now = useNow({ updateInterval: 10_000 });
  const log = useInfiniteQuery({
    queryKey: retailcrmKeys.log,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api<{ items: SyncLogEntry[]; nextCursor: string | null }>(
        `/api/retailcrm/sync-log?limit=30${pageParam ? `&before=${encodeURIComponent(pageParam)}` : ""}`,
        { signal },
      ),
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 20_000,
  });
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <SettingsSection
      id="retailcrm-log"
      title={t("logTitle")}
      description={t("logDescription")}
      actions={
        <Button size="sm" variant="ghost" onClick={() => void log.refetch()} loading={log.isRefetching}>
          {t("refresh")}
        </Button>
      }
    >
      <Card>
        {log.isPending ? (
          <RowsSkeleton />
        ) : log.isError ? (
          <LoadError error={log.error} onRetry={() => void log.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState icon={ScrollText} title={t("logEmptyTitle")} description={t("logEmpty")} />
        ) : (
          <>
            <ol className="divide-y" data-testid="retailcrm-log">
              {items.map((e) => {
                const Icon = e.direction === "in" ? ArrowDownLeft : ArrowUpRight;
                return (
                  <li key={e.id} className="flex gap-3 px-4 py-2.5 text-sm">
                    <Icon
                      className="mt-0.5 size-4 shrink-0 text-muted-foreground"
                      aria-label={t(`direction.${e.direction === "in" ? "in" : "out"}`)}
                    />
                    <div className="grid min-w-0 flex-1 gap-0.5">
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="font-medium">{t(`entity.${e.entity}`)}</span>
                        <Badge tone={kindTone[e.kind as keyof typeof kindTone] ?? "neutral"}>
                          {t(`kind.${e.kind}`)}
                        </Badge>
                        {e.field && <span className="font-mono text-xs text-muted-foreground">{e.field}</span>}
                        {e.retailcrmId !== null && (
                          <span className="text-xs text-muted-foreground">#{e.retailcrmId}</span>
                        )}
                      </div>
                      {(e.event || e.message) && (
                        <p className="text-xs break-words text-muted-foreground">
                          {e.event ? t(`log.${e.event}`, localTimes(e.details, format)) : e.message}
                        </p>
                      )}
                    </div>
                    <time
                      dateTime={e.createdAt}
                      title={format.dateTime(new Date(e.createdAt), { dateStyle: "medium", timeStyle: "medium" })}
                      className="shrink-0 text-xs text-muted-foreground tabular-nums"
                    >
                      {format.relativeTime(new Date(e.createdAt), now)}
                    </time>
                  </li>
                );
              })}
            </ol>
            {log.hasNextPage && (
              <div className="border-t px-4 py-3 text-center">
                <Button
                  size="sm"
                  variant="outline"
                  onClick={() => void log.fetchNextPage()}
                  loading={log.isFetchingNextPage}
                >
                  {t("loadMore")}
                </Button>
              </div>
            )}
          </>
        )}
      </Card>
    </SettingsSection>
  );
}
