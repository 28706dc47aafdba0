"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AlarmClock, Plus, Tag } from "lucide-react";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import {
  DropdownMenu,
  DropdownMenuCheckItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { inboxKeys, type InboxItem } from "./inbox-api";
import { LabelDialog } from "./label-dialog";
import { changeConversationLabels, fetchLabels, labelDot, labelTone, workdayKeys, type LabelView } from "./workday-api";

export const useLabels = () => useQuery({ queryKey: workdayKeys.labels, queryFn: fetchLabels, staleTime: 60_000 });

/** The labels on a conversation, as small coloured chips (the list's rows and the thread header). */
export function LabelChips({ labels, className }: { labels: LabelView[]; className?: string }) {
  if (!labels.length) return null;
  return (
    <span className={cn("flex min-w-0 flex-wrap gap-1", className)}>
      {labels.map((l) => (
        <span
          key={l.id}
          className={cn("truncate rounded px-1.5 py-px text-[10px] leading-4 font-medium", labelTone[l.color])}
          data-testid="label-chip"
        >
          {l.name}
        </span>
      ))}
    </span>
  );
}

/** Puts labels on the conversation or takes them off; managers may create one from here. */
export function LabelMenu({
  conversation,
  disabled,
  canCreate,
}: {
  conversation: Pick<InboxItem, "id" | "labels">;
  disabled: boolean;
  canCreate: boolean;
}) {
  const t = useTranslations("inbox.workday");
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const labels = useLabels();
  const [creating, setCreating] = useState(false);
  const on = new Set((conversation.labels ?? []).map((l) => l.id));
  const change = useMutation({
    mutationFn: (body: { add?: string[]; remove?: string[] }) => changeConversationLabels(conversation.id, body),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: inboxKeys.lists });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.detail(conversation.id) });
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild disabled={disabled}>
          <Button variant="ghost" size="icon-sm" aria-label={t("labels")} title={t("labels")} data-testid="label-menu">
            <Tag aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuLabel>{t("labels")}</DropdownMenuLabel>
          {(labels.data ?? []).map((l) => (
            <DropdownMenuCheckItem
              key={l.id}
              checked={on.has(l.id)}
              onSelect={(e) => {
                e.preventDefault();
                change.mutate(on.has(l.id) ? { remove: [l.id] } : { add: [l.id] });
              }}
            >
              <span className={cn("size-2.5 rounded-full", labelDot[l.color])} aria-hidden />
              {l.name}
            </DropdownMenuCheckItem>
          ))}
          {labels.data?.length === 0 && <p className="px-2 py-1.5 text-xs text-muted-foreground">{t("labelsNone")}</p>}
          {canCreate && (
            <>
              <DropdownMenuSeparator />
              <DropdownMenuItem onSelect={() => setCreating(true)}>
                <Plus aria-hidden />
                {t("labelNew")}
              </DropdownMenuItem>
            </>
          )}
        </DropdownMenuContent>
      </DropdownMenu>
      <LabelDialog open={creating} onOpenChange={setCreating} onCreated={(l) => change.mutate({ add: [l.id] })} />
    </>
  );
}

/** 9:00 local time `days` days after `now` (1: tomorrow), or next Monday's with days = "monday". */
function morning(now: Date, days: number | "monday") {
  const d = new Date(now);
  const add = days === "monday" ? (8 - d.getDay()) % 7 || 7 : days;
  d.setDate(d.getDate() + add);
  d.setHours(9, 0, 0, 0);
  return d;
}

/** Snooze until a time (it comes back unread), or wake it now. */
export function SnoozeMenu({
  conversation,
  disabled,
  onSnooze,
}: {
  conversation: Pick<InboxItem, "snoozedUntil">;
  disabled: boolean;
  onSnooze: (until: Date | null) => void;
}) {
  const t = useTranslations("inbox.workday");
  const format = useFormatter();
  const [custom, setCustom] = useState("");
  const now = useNow({ updateInterval: 60_000 });
  const snoozed = conversation.snoozedUntil && new Date(conversation.snoozedUntil) > now;
  const options: [string, Date][] = [
    ["snoozeHour", new Date(now.getTime() + 60 * 60_000)],
    ["snoozeEvening", new Date(now.getTime() + 4 * 60 * 60_000)],
    ["snoozeTomorrow", morning(now, 1)],
    ["snoozeMonday", morning(now, "monday")],
  ];
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild disabled={disabled}>
        <Button
          variant="ghost"
          size="icon-sm"
          aria-label={t("snooze")}
          title={
            snoozed
              ? t("snoozedUntil", {
                  time: format.dateTime(new Date(conversation.snoozedUntil!), {
                    dateStyle: "medium",
                    timeStyle: "short",
                  }),
                })
              : t("snooze")
          }
          className={cn(snoozed && "text-primary")}
          data-testid="snooze-menu"
        >
          <AlarmClock aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>{t("snooze")}</DropdownMenuLabel>
        {options.map(([key, at]) => (
          <DropdownMenuItem key={key} onSelect={() => onSnooze(at)}>
            <span className="flex-1">{t(key)}</span>
            <span className="text-xs text-muted-foreground tabular-nums">
              {format.dateTime(at, { weekday: "short", hour: "2-digit", minute: "2-digit" })}
            </span>
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <div className="flex items-center gap-1.5 px-2 py-1.5" onKeyDown={(e) => e.stopPropagation()}>
          <input
            type="datetime-local"
            aria-label={t("snoozeCustom")}
            value={custom}
            onChange={(e) => setCustom(e.target.value)}
            className="h-7 min-w-0 flex-1 rounded-md border border-input bg-card px-1.5 text-xs"
          />
          <Button
            size="sm"
            variant="outline"
            className="h-7"
            disabled={!custom || new Date(custom) <= now}
            onClick={() => onSnooze(new Date(custom))}
          >
            {t("snoozeSet")}
          </Button>
        </div>
        {snoozed && (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={() => onSnooze(null)}>{t("unsnooze")}</DropdownMenuItem>
          </>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
