"use client";

import { Inbox, SearchX } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { LoadError } from "@/components/settings/query-state";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { ConversationRow } from "./conversation-row";
import type { InboxItem } from "./inbox-api";

export function ListSkeleton({ rows = 7 }: { rows?: number }) {
  return (
    <div aria-hidden>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex gap-3 px-3 py-3">
          <Skeleton className="size-10 shrink-0 rounded-full" />
          <div className="grid flex-1 gap-2 pt-0.5">
            <div className="flex justify-between gap-4">
              <Skeleton className="h-3.5" style={{ width: `${40 + ((i * 17) % 35)}%` }} />
              <Skeleton className="h-3 w-8" />
            </div>
            <Skeleton className="h-3" style={{ width: `${60 + ((i * 23) % 30)}%` }} />
          </div>
        </div>
      ))}
    </div>
  );
}

/** The conversations, with the next page fetched when its end scrolls into view (or by the button). */
export function ConversationList({
  items,
  isPending,
  error,
  onRetry,
  filtered,
  hasMore,
  loadingMore,
  onLoadMore,
  selectedId,
  onSelect,
  checked,
  onCheck,
}: {
  items: InboxItem[];
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  /** Search or filters narrow the list: an empty list means "no results", not "no conversations". */
  filtered: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  selectedId: string | null;
  onSelect: (id: string, messageId?: string) => void;
  /** Bulk selection (agents); absent for viewers. */
  checked?: ReadonlySet<string>;
  onCheck?: (id: string, on: boolean) => void;
}) {
  const t = useTranslations("inbox.list");
  const end = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const node = end.current;
    if (!node || !hasMore) return;
    const observer = new IntersectionObserver(
      (entries) => entries.some((e) => e.isIntersecting) && !loadingMore && onLoadMore(),
      { rootMargin: "200px" },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasMore, loadingMore, onLoadMore]);

  if (isPending) return <ListSkeleton />;
  if (error && !items.length) return <LoadError error={error} onRetry={onRetry} />;
  if (!items.length) {
    const Icon = filtered ? SearchX : Inbox;
    return (
      <div className="flex flex-col items-center px-6 py-16 text-center" data-testid="inbox-list-empty">
        <div className="mb-4 flex size-12 items-center justify-center rounded-2xl border bg-card shadow-xs">
          <Icon className="size-5 text-muted-foreground" aria-hidden />
        </div>
        <p className="text-sm font-medium">{t(filtered ? "noResultsTitle" : "emptyTitle")}</p>
        <p className="mt-1 max-w-64 text-xs text-balance text-muted-foreground">
          {t(filtered ? "noResultsBody" : "emptyBody")}
        </p>
      </div>
    );
  }
  return (
    <>
      <ul aria-label={t("label")} data-testid="conversation-list">
        {items.map((item) => (
          <ConversationRow
            key={item.id}
            item={item}
            selected={item.id === selectedId}
            onSelect={onSelect}
            checked={checked?.has(item.id) ?? false}
            selecting={Boolean(checked?.size)}
            onCheck={onCheck}
          />
        ))}
      </ul>
      {hasMore && (
        <div ref={end} className="flex justify-center p-3">
          <Button variant="ghost" size="sm" loading={loadingMore} onClick={onLoadMore}>
            {t("loadMore")}
          </Button>
        </div>
      )}
    </>
  );
}
