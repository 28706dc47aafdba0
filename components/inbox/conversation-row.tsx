"use client";

import { useTranslations } from "next-intl";
import { memo } from "react";
import type { ConversationAi } from "@/components/ai/ai-api";
import { NeedsHumanMark } from "@/components/ai/needs-human-dot";
import { ChannelIcon } from "@/components/channels/channel-icon";
import { Avatar } from "@/components/ui/avatar";
import { cn } from "@/components/ui/cn";
import type { InboxItem } from "./inbox-api";
import { LabelChips } from "./thread-actions";
import { useTimes } from "./use-times";
import { useContactName } from "./use-contact-name";

/** One conversation in the list: who, through which channel, the last words, when, unread and assignee. */
export const ConversationRow = memo(function ConversationRow({
  item,
  selected,
  onSelect,
  checked,
  selecting,
  onCheck,
}: {
  item: InboxItem;
  selected: boolean;
  /** With a search result's matching message, to scroll to it. */
  onSelect: (id: string, messageId?: string) => void;
  /** Bulk selection: this row is in it; any row is (checkboxes stay visible); toggles this row. */
  checked: boolean;
  selecting: boolean;
  onCheck?: (id: string, on: boolean) => void;
}) {
  const t = useTranslations("inbox.list");
  const tw = useTranslations("inbox.workday");
  const times = useTimes();
  const contactName = useContactName();
  const unread = item.unreadCount > 0;
  const preview = item.match?.text || item.lastMessage.preview || t("noMessages");
  return (
    <li className="group relative">
      {onCheck && (
        <input
          type="checkbox"
          checked={checked}
          onChange={(e) => onCheck(item.id, e.target.checked)}
          aria-label={tw("selectRow", { name: item.contact.name })}
          data-testid="row-check"
          className={cn(
            "absolute top-2 left-2 z-10 size-4 cursor-pointer accent-primary opacity-0 group-hover:opacity-100 focus-visible:opacity-100",
            (selecting || checked) && "opacity-100",
          )}
        />
      )}
      <button
        type="button"
        onClick={() => onSelect(item.id, item.match?.messageId)}
        aria-current={selected ? "true" : undefined}
        data-testid="conversation-row"
        data-conversation-id={item.id}
        data-unread={unread || undefined}
        data-checked={checked || undefined}
        className={cn(
          "relative flex w-full cursor-pointer gap-3 px-3 py-3 text-left transition-colors outline-none hover:bg-muted/60 focus-visible:bg-muted/60",
          selected && "bg-accent hover:bg-accent focus-visible:bg-accent",
          checked && "bg-primary/5",
        )}
      >
        {selected && <span className="absolute inset-y-2 left-0 w-0.5 rounded-full bg-primary" aria-hidden />}
        <span className="relative flex size-10 shrink-0">
          <Avatar name={item.contact.name} seed={item.contact.id} className="size-10 text-xs" />
          <ChannelIcon
            type={item.channel.type}
            className="absolute -right-1 -bottom-1 size-[18px] rounded-full ring-2 ring-background"
          />
        </span>
        <span className="min-w-0 flex-1">
          <span className="flex items-baseline gap-2">
            <span className={cn("flex-1 truncate text-sm", unread ? "font-semibold" : "font-medium")}>
              {contactName(item.contact.name, item.channel.name)}
            </span>
            <time
              dateTime={item.lastMessage.at}
              title={times.full(item.lastMessage.at)}
              className={cn("shrink-0 text-[11px] tabular-nums", unread ? "text-primary" : "text-muted-foreground")}
            >
              {times.short(item.lastMessage.at)}
            </time>
          </span>
          <span className="mt-0.5 flex items-center gap-2">
            <span className={cn("flex-1 truncate text-[13px]", unread ? "text-foreground" : "text-muted-foreground")}>
              {!item.match && item.lastMessage.direction === "out" && (
                <span className="text-muted-foreground">{t("you")} </span>
              )}
              {preview}
            </span>
            {unread && (
              <span
                className="inline-flex h-[18px] min-w-[18px] shrink-0 items-center justify-center rounded-full bg-primary px-1 text-[10px] font-semibold text-primary-foreground tabular-nums"
                aria-label={t("unread", { count: item.unreadCount })}
                data-testid="unread-badge"
              >
                {item.unreadCount > 99 ? "99+" : item.unreadCount}
              </span>
            )}
            {item.assignee && (
              <span title={t("assignedTo", { name: item.assignee.name })} className="shrink-0">
                <Avatar name={item.assignee.name} seed={item.assignee.id} className="size-[18px] text-[8px]" />
              </span>
            )}
          </span>
          <span className="mt-1 flex items-center gap-1.5 text-[11px] text-muted-foreground/80">
            <span className="shrink-0 truncate">{item.channel.name}</span>
            <LabelChips labels={item.labels ?? []} className="max-h-4 overflow-hidden" />
            {(item as ConversationAi).needsHuman && <NeedsHumanMark />}
            {item.status !== "open" && (
              <span className="rounded bg-muted px-1 py-px text-[10px] font-medium">{t(`status.${item.status}`)}</span>
            )}
          </span>
        </span>
      </button>
    </li>
  );
});
