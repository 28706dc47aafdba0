"use client";

import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useRef, useState, useSyncExternalStore } from "react";
import { useChannels } from "@/components/channels/use-channels";
import { useMe } from "@/components/shell/use-me";
import { cn } from "@/components/ui/cn";
import { roleAtLeast } from "@/lib/client/types";
import { useInboundAlerts, useAlertsSetting } from "./alerts";
import { BulkBar } from "./bulk-bar";
import { ContactPanel } from "./contact-panel";
import { useSheetDismiss } from "./use-sheet-dismiss";
import { ConversationList, ListSkeleton } from "./conversation-list";
import { ListHeader } from "./list-header";
import { NoChannels } from "./no-channels";
import { NoThread, ThreadPane } from "./thread-pane";
import { useConversation, usePatchConversation } from "./use-conversation";
import { useInboxList } from "./use-inbox-list";
import { useInboxShortcuts } from "./use-inbox-shortcuts";
import { usePresenceReporter } from "./use-presence";

// The open conversation lives in the URL (?c=…) so it can be shared and the phone's back button returns to
// the list; the History API keeps that a client-side change (Next.js syncs useSearchParams with it).
// ?m=… is a message to scroll to (a search result's).
function useSelection() {
  const search = useSearchParams();
  const selectedId = search.get("c");
  const messageId = search.get("m") ?? undefined;
  const select = useCallback((id: string | null, replace = false, message?: string) => {
    const url = id ? `/inbox?c=${id}${message ? `&m=${message}` : ""}` : "/inbox";
    if (replace) window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
  }, []);
  return [selectedId, select, messageId] as const;
}

const WIDE = "(min-width: 1280px)";
function subscribeWide(onChange: () => void) {
  const query = window.matchMedia(WIDE);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}
/** Wide screens show the contact panel beside the thread; narrower ones slide it over when asked. */
const useWide = () =>
  useSyncExternalStore(
    subscribeWide,
    () => window.matchMedia(WIDE).matches,
    () => true,
  );

/** The inbox: conversations on the left, the open thread in the middle, the contact on the right. */
export function InboxView() {
  const me = useMe();
  const t = useTranslations("inbox");
  const canWrite = roleAtLeast(me.role, "agent");
  const channels = useChannels();
  const list = useInboxList();
  const [selectedId, select, messageId] = useSelection();
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  usePresenceReporter(selectedId);
  const wide = useWide();
  const [panelChoice, setPanelChoice] = useState<boolean>();
  const panelOpen = panelChoice ?? wide;
  const sheetGestures = useSheetDismiss(!wide && panelOpen, () => setPanelChoice(false));
  const searchRef = useRef<HTMLInputElement>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const detail = useConversation(selectedId);
  const patch = usePatchConversation();
  const [alerts] = useAlertsSetting();
  const open = useCallback((id: string, message?: string) => select(id, false, message), [select]);
  useInboundAlerts(list.items, alerts, open);

  const items = list.items ?? [];
  // Resolving moves on: to the next conversation in the list, or the previous one at its end.
  const resolveAndNext = () => {
    if (!selectedId || !canWrite) return;
    const index = items.findIndex((i) => i.id === selectedId);
    const next = index === -1 ? items.find((i) => i.id !== selectedId) : (items[index + 1] ?? items[index - 1]);
    patch.mutate({ id: selectedId, patch: { status: "resolved" } });
    select(next?.id ?? null, true);
  };
  useInboxShortcuts({
    move: (step) => {
      if (!items.length) return;
      const index = items.findIndex((i) => i.id === selectedId);
      const next = items[Math.min(items.length - 1, Math.max(0, index === -1 ? 0 : index + step))];
      select(next.id, true);
      document.querySelector(`[data-conversation-id="${next.id}"]`)?.scrollIntoView({ block: "nearest" });
    },
    reply: () => composerRef.current?.focus(),
    resolve: resolveAndNext,
    search: () => searchRef.current?.focus(),
  });

  if (channels.data?.length === 0) return <NoChannels canManage={roleAtLeast(me.role, "admin")} />;

  const listItem = items.find((i) => i.id === selectedId);
  return (
    <div className="flex h-[calc(100dvh-3rem)] min-h-0 md:h-dvh" data-testid="inbox">
      <section
        className={cn(
          "flex min-h-0 w-full flex-col border-r bg-background md:w-[320px] md:shrink-0 2xl:w-[360px]",
          selectedId && "hidden md:flex",
        )}
        aria-label={t("list.label")}
      >
        <ListHeader
          search={list.search}
          onSearch={list.setSearch}
          searchRef={searchRef}
          filters={list.filters}
          onFilters={list.setFilters}
          channels={channels.data ?? []}
        />
        {checked.size > 0 && (
          <BulkBar
            ids={[...checked]}
            total={items.length}
            onSelectAll={() => setChecked(new Set(items.map((i) => i.id)))}
            onClear={() => setChecked(new Set())}
          />
        )}
        <div className="min-h-0 flex-1 overflow-y-auto">
          {channels.isPending ? (
            <ListSkeleton />
          ) : (
            <ConversationList
              items={items}
              isPending={list.query.isPending}
              error={list.query.error}
              onRetry={() => void list.query.refetch()}
              filtered={list.filtered}
              hasMore={Boolean(list.query.hasNextPage)}
              loadingMore={list.query.isFetchingNextPage}
              onLoadMore={() => void list.query.fetchNextPage()}
              selectedId={selectedId}
              onSelect={open}
              checked={canWrite ? checked : undefined}
              onCheck={
                canWrite
                  ? (id, on) =>
                      setChecked((set) => {
                        const next = new Set(set);
                        if (on) next.add(id);
                        else next.delete(id);
                        return next;
                      })
                  : undefined
              }
            />
          )}
        </div>
      </section>
      <section className={cn("@container min-w-0 flex-1 flex-col", selectedId ? "flex" : "hidden md:flex")}>
        {selectedId ? (
          <ThreadPane
            id={selectedId}
            listItem={listItem}
            channels={channels.data ?? []}
            canWrite={canWrite}
            canManage={roleAtLeast(me.role, "admin")}
            canCurate={roleAtLeast(me.role, "manager")}
            composerRef={composerRef}
            highlightId={messageId}
            onResolve={resolveAndNext}
            onBack={() => select(null)}
            panelOpen={panelOpen}
            onTogglePanel={() => setPanelChoice(!panelOpen)}
          />
        ) : (
          <NoThread />
        )}
      </section>
      {selectedId && panelOpen && (
        <>
          {!wide && (
            <div className="fixed inset-0 z-40 bg-black/30" onClick={() => setPanelChoice(false)} aria-hidden />
          )}
          <aside
            {...(!wide && sheetGestures)}
            className={cn(
              "flex flex-col border-l bg-background",
              wide ? "w-[320px] shrink-0" : "fixed inset-y-0 right-0 z-50 w-[min(340px,100vw)] shadow-2xl",
            )}
            aria-label={t("contact.label")}
          >
            <ContactPanel
              key={selectedId}
              conversation={detail.data}
              canWrite={canWrite}
              onClose={() => setPanelChoice(false)}
            />
          </aside>
        </>
      )}
    </div>
  );
}
