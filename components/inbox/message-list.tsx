"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowDown, Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { Fragment, useEffect, useRef, useState, useSyncExternalStore, type RefObject } from "react";
import { LoadError } from "@/components/settings/query-state";
import { useMe } from "@/components/shell/use-me";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { ChannelType } from "@/lib/channels/types";
import { roleAtLeast } from "@/lib/client/types";
import { inboxKeys, markRead } from "./inbox-api";
import { MessageBubble } from "./message-bubble";
import { NoteBubble } from "./note-bubble";
import { useTimes } from "./use-times";
import { useMessages, useResend } from "./use-thread";
import { fetchNotes, workdayKeys, type NoteView } from "./workday-api";
import type { MessageView } from "./inbox-api";

const GROUP_MS = 5 * 60_000;

function subscribeVisibility(onChange: () => void) {
  document.addEventListener("visibilitychange", onChange);
  return () => document.removeEventListener("visibilitychange", onChange);
}
const usePageVisible = () =>
  useSyncExternalStore(
    subscribeVisibility,
    () => document.visibilityState === "visible",
    () => false,
  );

function ThreadSkeleton() {
  return (
    <div className="flex flex-col gap-3 p-4" aria-hidden>
      {[48, 64, 36, 56, 42].map((w, i) => (
        <Skeleton
          key={i}
          className={i % 2 ? "ml-auto h-10 rounded-2xl" : "h-12 rounded-2xl"}
          style={{ width: `${w}%` }}
        />
      ))}
    </div>
  );
}

/**
 * The thread. The scroller is flex-col-reverse, so it opens at the newest message and stays there as
 * messages arrive, and older pages loaded above do not move what the agent is reading.
 */
type Entry = { kind: "message"; at: string; message: MessageView } | { kind: "note"; at: string; note: NoteView };

/** Messages and notes in time order; notes older than the loaded messages wait until those pages load. */
function timeline(messages: MessageView[], notes: NoteView[], complete: boolean): Entry[] {
  const oldest = messages[0]?.occurredAt;
  const entries: Entry[] = [
    ...messages.map((message) => ({ kind: "message" as const, at: message.occurredAt, message })),
    ...notes
      .filter((note) => complete || (oldest !== undefined && note.createdAt >= oldest))
      .map((note) => ({ kind: "note" as const, at: note.createdAt, note })),
  ];
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/**
 * Scrolls to a message (a search result) and marks it for a moment, loading older pages until it is there
 * (at most ten).
 */
function useHighlight(
  scroller: RefObject<HTMLDivElement | null>,
  id: string | undefined,
  thread: { messages: MessageView[]; hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown },
) {
  const done = useRef<string>(undefined);
  const pages = useRef(0);
  const present = Boolean(id && thread.messages.some((m) => m.id === id));
  useEffect(() => {
    if (!id || done.current === id) return;
    if (!present) {
      if (thread.hasNextPage && !thread.isFetchingNextPage && pages.current++ < 10) void thread.fetchNextPage();
      return;
    }
    const node = scroller.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(id)}"]`);
    if (!node) return;
    done.current = id;
    node.scrollIntoView({ block: "center" });
    node.dataset.highlight = "true";
    const timer = setTimeout(() => delete node.dataset.highlight, 4_000);
    return () => clearTimeout(timer);
  }, [id, present, thread, scroller]);
}

export function MessageList({
  conversationId,
  channelType,
  canWrite,
  highlightId,
}: {
  conversationId: string;
  channelType: ChannelType;
  canWrite: boolean;
  /** A message to scroll to and mark (opened from a search result). */
  highlightId?: string;
}) {
  const t = useTranslations("inbox.thread");
  const times = useTimes();
  const queryClient = useQueryClient();
  const thread = useMessages(conversationId);
  const resend = useResend(conversationId);
  const isAdmin = roleAtLeast(useMe().role, "admin");
  const scroller = useRef<HTMLDivElement>(null);
  const top = useRef<HTMLDivElement>(null);
  const [away, setAway] = useState(false);
  const { messages, hasNextPage, isFetchingNextPage, fetchNextPage } = thread;
  const notes = useQuery({ queryKey: workdayKeys.notes(conversationId), queryFn: () => fetchNotes(conversationId) });
  const entries = timeline(messages, notes.data ?? [], !hasNextPage);
  useHighlight(scroller, highlightId, thread);

  // Older pages when the top comes into view.
  useEffect(() => {
    const root = scroller.current;
    const node = top.current;
    if (!root || !node || !hasNextPage) return;
    const observer = new IntersectionObserver(
      (entries) => entries.some((e) => e.isIntersecting) && !isFetchingNextPage && void fetchNextPage(),
      { root, rootMargin: "300px 0px 0px 0px" },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, messages.length]);

  // Read up to the newest client message once it is on a visible screen (agents; a viewer's look changes
  // nothing). Keyed by that message, so "mark unread" is not undone while the thread stays open.
  const newestInbound = messages.findLast((m) => m.direction === "in")?.id;
  const visible = usePageVisible();
  const marked = useRef<string>(undefined);
  useEffect(() => {
    if (!canWrite || !visible || !newestInbound || marked.current === newestInbound) return;
    marked.current = newestInbound;
    markRead(newestInbound)
      .then(() => {
        void queryClient.invalidateQueries({ queryKey: inboxKeys.lists });
        void queryClient.invalidateQueries({ queryKey: inboxKeys.detail(conversationId) });
      })
      .catch(() => {
        marked.current = undefined;
      });
  }, [canWrite, visible, newestInbound, conversationId, queryClient]);

  // A message of ours goes to the bottom even if the agent had scrolled up.
  const newest = messages[messages.length - 1];
  useEffect(() => {
    if (newest?.direction === "out" && newest.status === "queued") scroller.current?.scrollTo({ top: 0 });
  }, [newest?.id, newest?.direction, newest?.status]);

  let body;
  if (thread.isPending) body = <ThreadSkeleton />;
  else if (thread.isError && !messages.length)
    body = <LoadError error={thread.error} onRetry={() => void thread.refetch()} />;
  else if (!entries.length) body = <p className="py-16 text-center text-sm text-muted-foreground">{t("empty")}</p>;
  else
    body = (
      <div
        className="flex flex-col px-3 pt-2 pb-4 sm:px-6 [&_[data-highlight]>div]:ring-2 [&_[data-highlight]>div]:ring-amber-400 [&_[data-highlight]>div]:ring-offset-2 [&_[data-highlight]>div]:ring-offset-background"
        data-testid="thread"
      >
        <div ref={top} className="flex h-8 items-center justify-center">
          {isFetchingNextPage && (
            <Loader2 className="size-4 animate-spin text-muted-foreground" aria-label={t("loadingOlder")} />
          )}
          {!hasNextPage && <span className="text-[11px] text-muted-foreground/70">{t("start")}</span>}
        </div>
        {entries.map((entry, i) => {
          const previous = entries[i - 1];
          const newDay = !previous || times.dayKey(previous.at) !== times.dayKey(entry.at);
          const separator = newDay && (
            // A solid band the messages scroll under, not a floating pill over the top message's text.
            <div
              className="sticky top-0 z-10 -mx-3 my-1 flex justify-center bg-background py-2 sm:-mx-6"
              role="separator"
            >
              <span className="absolute inset-0 bg-muted/25" aria-hidden />
              <span className="relative rounded-full border bg-background px-3 py-1 text-[11px] font-medium text-muted-foreground shadow-xs">
                {times.day(entry.at)}
              </span>
            </div>
          );
          if (entry.kind === "note")
            return (
              <Fragment key={entry.note.id}>
                {separator}
                <NoteBubble note={entry.note} />
              </Fragment>
            );
          const message = entry.message;
          const grouped =
            !newDay &&
            previous.kind === "message" &&
            previous.message.direction === message.direction &&
            new Date(message.occurredAt).getTime() - new Date(previous.at).getTime() < GROUP_MS;
          return (
            <Fragment key={message.id}>
              {separator}
              <MessageBubble
                message={message}
                grouped={grouped}
                channelType={channelType}
                showErrorDetail={isAdmin}
                onResend={resend.mutate}
                resending={resend.isPending && resend.variables === message.id}
              />
            </Fragment>
          );
        })}
      </div>
    );

  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={scroller}
        onScroll={(e) => setAway(e.currentTarget.scrollTop < -400)}
        className="flex h-full flex-col-reverse overflow-y-auto overscroll-contain bg-muted/25"
        aria-label={t("label")}
        role="log"
        aria-live="polite"
      >
        {body}
      </div>
      {away && (
        <Button
          variant="outline"
          size="icon-sm"
          className="absolute right-5 bottom-4 rounded-full shadow-md"
          aria-label={t("toLatest")}
          onClick={() => scroller.current?.scrollTo({ top: 0, behavior: "smooth" })}
        >
          <ArrowDown aria-hidden />
        </Button>
      )}
    </div>
  );
}
