"use client";

import { AlarmClock, Tag, UserRound } from "lucide-react";
import { useTranslations } from "next-intl";
import { ChannelIcon } from "@/components/channels/channel-icon";
import type { ChannelView } from "@/components/channels/use-channels";
import { cn } from "@/components/ui/cn";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { ConversationStatus, InboxFilters } from "./inbox-api";
import { useLabels } from "./thread-actions";
import { labelDot } from "./workday-api";

const statuses: (ConversationStatus | "all")[] = ["open", "pending", "resolved", "all"];
const ANY = "any";

/** Status as tabs (the usual way through a queue); channel, assignee and unread as compact controls. */
export function InboxFiltersBar({
  filters,
  channels,
  onChange,
}: {
  filters: InboxFilters;
  channels: ChannelView[];
  onChange: (filters: InboxFilters) => void;
}) {
  const t = useTranslations("inbox.filters");
  const tw = useTranslations("inbox.workday");
  const labels = useLabels();
  const set = (patch: Partial<InboxFilters>) => onChange({ ...filters, ...patch });
  const trigger = "h-7 w-auto max-w-40 shrink-0 gap-1 rounded-full border-dashed px-2.5 text-xs shadow-none";
  return (
    <div className="grid gap-2.5">
      <div
        role="tablist"
        aria-label={t("status")}
        className="flex gap-0.5 overflow-x-auto rounded-lg bg-muted p-0.5 [scrollbar-width:none]"
      >
        {statuses.map((status) => {
          const active = (filters.status ?? "all") === status;
          return (
            <button
              key={status}
              type="button"
              role="tab"
              aria-selected={active}
              onClick={() => set({ status: status === "all" ? undefined : status })}
              className={cn(
                "flex-auto cursor-pointer rounded-md px-1.5 py-1 text-xs font-medium whitespace-nowrap text-muted-foreground transition-colors hover:text-foreground",
                active && "bg-card text-foreground shadow-xs",
              )}
            >
              {t(`statuses.${status}`)}
            </button>
          );
        })}
      </div>
      {/* One line that scrolls sideways rather than wrapping into a ragged second row (long Russian labels). */}
      <div className="-mx-1 flex items-center gap-1.5 overflow-x-auto px-1 pb-0.5 [scrollbar-width:none]">
        <Select value={filters.channel ?? ANY} onValueChange={(v) => set({ channel: v === ANY ? undefined : v })}>
          <SelectTrigger aria-label={t("channel")} className={cn(trigger, filters.channel && "border-solid bg-accent")}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ANY}>{t("allChannels")}</SelectItem>
            {channels.map((channel) => (
              <SelectItem key={channel.id} value={channel.id}>
                <span className="flex items-center gap-2">
                  <ChannelIcon type={channel.type} className="size-4" />
                  {channel.name}
                </span>
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Select
          value={filters.assignee ?? ANY}
          onValueChange={(v) => set({ assignee: v === ANY ? undefined : (v as InboxFilters["assignee"]) })}
        >
          <SelectTrigger
            aria-label={t("assignee")}
            className={cn(trigger, filters.assignee && "border-solid bg-accent")}
          >
            <UserRound className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ANY}>{t("anyone")}</SelectItem>
            <SelectItem value="me">{t("mine")}</SelectItem>
            <SelectItem value="unassigned">{t("unassigned")}</SelectItem>
          </SelectContent>
        </Select>
        {(labels.data?.length ?? 0) > 0 && (
          <Select value={filters.label ?? ANY} onValueChange={(v) => set({ label: v === ANY ? undefined : v })}>
            <SelectTrigger
              aria-label={tw("labelFilter")}
              className={cn(trigger, filters.label && "border-solid bg-accent")}
              data-testid="label-filter"
            >
              <Tag className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ANY}>{tw("anyLabel")}</SelectItem>
              {(labels.data ?? []).map((l) => (
                <SelectItem key={l.id} value={l.id}>
                  <span className="flex items-center gap-2">
                    <span className={cn("size-2.5 rounded-full", labelDot[l.color])} aria-hidden />
                    {l.name}
                  </span>
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        )}
        <button
          type="button"
          aria-pressed={Boolean(filters.snoozed)}
          onClick={() => set({ snoozed: filters.snoozed ? undefined : true })}
          title={tw("snoozedFilter")}
          aria-label={tw("snoozedFilter")}
          className={cn(
            "flex h-7 cursor-pointer items-center gap-1 rounded-full border border-dashed border-input px-2 text-xs text-muted-foreground transition-colors hover:text-foreground",
            filters.snoozed && "border-solid border-primary/40 bg-accent text-accent-foreground",
          )}
        >
          <AlarmClock className="size-3.5" aria-hidden />
          {/* Icon only until it is on: the chips should fit the list's width. */}
          {filters.snoozed && tw("snoozedFilter")}
        </button>
        <button
          type="button"
          aria-pressed={Boolean(filters.unread)}
          onClick={() => set({ unread: filters.unread ? undefined : true })}
          className={cn(
            "h-7 shrink-0 cursor-pointer rounded-full border border-dashed border-input px-2.5 text-xs whitespace-nowrap text-muted-foreground transition-colors hover:text-foreground",
            filters.unread && "border-solid border-primary/40 bg-accent text-accent-foreground",
          )}
        >
          {t("unreadOnly")}
        </button>
      </div>
    </div>
  );
}
