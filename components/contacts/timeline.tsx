"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { ArrowRight, CheckSquare, MessageSquare, StickyNote } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { api } from "@/lib/client/api";
import { contactKeys, type TimelineEntry } from "./contacts-api";

const ICONS = { message: MessageSquare, note: StickyNote, stage: ArrowRight, task: CheckSquare };

/** Everything that happened with the contact, newest first: messages, notes, their deals' stage moves, tasks. */
export function Timeline({ contactId }: { contactId: string }) {
  const t = useTranslations("contactsPage.timeline");
  const format = useFormatter();
  const list = useInfiniteQuery({
    queryKey: contactKeys.timeline(contactId),
    queryFn: ({ pageParam, signal }) =>
      api<{ entries: TimelineEntry[]; nextCursor: string | null }>(
        `/api/crm/clients/${contactId}/timeline?limit=30${pageParam ? `&cursor=${pageParam}` : ""}`,
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const entries = list.data?.pages.flatMap((p) => p.entries) ?? [];
  if (list.isPending) return <p className="text-sm text-muted-foreground">{t("loading")}</p>;
  if (!entries.length) return <p className="text-sm text-muted-foreground">{t("empty")}</p>;
  return (
    <div className="grid gap-3">
      <ol className="relative grid gap-3 border-l pl-4" data-testid="timeline">
        {entries.map((e) => {
          const Icon = ICONS[e.kind];
          const body =
            e.kind === "stage"
              ? t(e.fromStage ? "moved" : "created", { deal: e.text, from: e.fromStage ?? "", to: e.toStage ?? "" })
              : e.text;
          return (
            <li key={`${e.kind}:${e.id}`} className="relative text-sm">
              <span
                className={cn(
                  "absolute top-0.5 -left-[1.6rem] flex size-5 items-center justify-center rounded-full border bg-card",
                  e.kind === "message" && e.detail === "in" && "text-sky-600",
                  e.kind === "note" && "text-amber-600",
                  e.kind === "stage" && "text-violet-600",
                )}
              >
                <Icon className="size-3" aria-hidden />
              </span>
              <p className="text-xs text-muted-foreground">
                {t(`kinds.${e.kind === "message" ? (e.detail === "in" ? "in" : "out") : e.kind}`)}
                {e.who ? ` · ${e.who}` : ""} ·{" "}
                {format.dateTime(new Date(e.at), {
                  day: "numeric",
                  month: "short",
                  hour: "2-digit",
                  minute: "2-digit",
                })}
                {e.kind === "stage" && e.detail === "auto" ? ` · ${t("auto")}` : ""}
              </p>
              {e.conversationId && e.kind === "message" ? (
                <Link
                  href={`/inbox?c=${e.conversationId}&m=${e.id}`}
                  className="line-clamp-2 break-words hover:underline"
                >
                  {body}
                </Link>
              ) : (
                <p className="line-clamp-3 break-words">{body}</p>
              )}
            </li>
          );
        })}
      </ol>
      {list.hasNextPage && (
        <Button variant="outline" size="sm" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t("more")}
        </Button>
      )}
    </div>
  );
}
