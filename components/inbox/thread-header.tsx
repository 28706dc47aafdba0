"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft, CircleCheck, MailOpen, PanelRight } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ConversationAi } from "@/components/ai/ai-api";
import { AiModeSelect } from "@/components/ai/ai-mode-select";
import { ChannelIcon } from "@/components/channels/channel-icon";
import { useMe } from "@/components/shell/use-me";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { fetchMembers, queryKeys } from "@/lib/client/queries";
import type { ConversationPatch, ConversationStatus, InboxItem } from "./inbox-api";
import { PresenceDot } from "./presence-dot";
import { LabelChips, LabelMenu, SnoozeMenu } from "./thread-actions";
import { useContactName } from "./use-contact-name";

const UNASSIGNED = "none";
const dot: Record<ConversationStatus, string> = {
  open: "bg-success",
  pending: "bg-warning",
  resolved: "bg-muted-foreground/50",
};

/** Who the conversation is with and through what; its status, its owner, mark unread and the contact panel. */
export function ThreadHeader({
  conversation,
  canWrite,
  canManageLabels,
  onChange,
  onMarkUnread,
  onBack,
  panelOpen,
  onTogglePanel,
}: {
  conversation: InboxItem;
  canWrite: boolean;
  /** Managers create labels. */
  canManageLabels: boolean;
  onChange: (patch: ConversationPatch) => void;
  onMarkUnread: () => void;
  onBack: () => void;
  panelOpen: boolean;
  onTogglePanel: () => void;
}) {
  const t = useTranslations("inbox.header");
  const contactName = useContactName();
  const tStatus = useTranslations("inbox.list.status");
  const me = useMe();
  const members = useQuery({ queryKey: queryKeys.members, queryFn: fetchMembers });
  const people = [...(members.data ?? [])].sort((a, b) =>
    a.user_id === me.user?.id ? -1 : b.user_id === me.user?.id ? 1 : a.full_name.localeCompare(b.full_name),
  );
  // The assignee is shown even before the members list has loaded.
  const assignee = conversation.assignee;
  const listed = !assignee || people.some((p) => p.user_id === assignee.id);

  return (
    // Narrower than ~670 px (a phone, or a thread between list and contact panel): the selects get a row of their
    // own, so the client's name is not squeezed to a few letters.
    <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b bg-background px-3 py-2.5 @lg:min-h-16 @lg:px-4">
      <Button variant="ghost" size="icon-sm" className="-ml-1 md:hidden" onClick={onBack} aria-label={t("back")}>
        <ArrowLeft aria-hidden />
      </Button>
      <Avatar name={conversation.contact.name} seed={conversation.contact.id} className="size-9 text-xs" />
      <div className="min-w-0 flex-1">
        <h2 className="truncate text-[15px] leading-tight font-semibold" data-testid="thread-title">
          {contactName(conversation.contact.name, conversation.channel.name)}
        </h2>
        <p className="flex items-center gap-1.5 text-xs text-muted-foreground">
          <ChannelIcon type={conversation.channel.type} className="size-3.5" />
          <span className="truncate">{conversation.channel.name}</span>
          <LabelChips labels={conversation.labels ?? []} className="ml-1 hidden @md:flex" />
        </p>
      </div>
      <div className="order-last flex w-full items-center gap-1.5 @2xl:order-none @2xl:w-auto">
        <Select
          value={conversation.status}
          onValueChange={(status) => onChange({ status: status as ConversationStatus })}
          disabled={!canWrite}
        >
          <SelectTrigger
            aria-label={t("status")}
            className="h-8 w-auto shrink-0 gap-1.5 text-[13px]"
            data-testid="status-select"
          >
            <SelectValue />
          </SelectTrigger>
          <SelectContent align="end">
            {(["open", "pending", "resolved"] as const).map((status) => (
              <SelectItem key={status} value={status}>
                <span className="flex items-center gap-2">
                  <span className={cn("size-2 rounded-full", dot[status])} aria-hidden />
                  {tStatus(status)}
                </span>
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Select
          value={assignee?.id ?? UNASSIGNED}
          onValueChange={(id) => onChange({ assigneeId: id === UNASSIGNED ? null : id })}
          disabled={!canWrite}
        >
          <SelectTrigger aria-label={t("assignee")} className="h-8 w-auto min-w-0 gap-1.5 text-[13px] @2xl:max-w-44">
            <SelectValue />
          </SelectTrigger>
          <SelectContent align="end">
            <SelectItem value={UNASSIGNED}>
              <span className="text-muted-foreground">{t("unassigned")}</span>
            </SelectItem>
            {!listed && assignee && (
              <SelectItem value={assignee.id}>
                <span className="flex items-center gap-2">
                  <Avatar name={assignee.name} seed={assignee.id} className="size-5 text-[9px]" />
                  {assignee.name}
                  <PresenceDot userId={assignee.id} />
                </span>
              </SelectItem>
            )}
            {people.map((person) => {
              const name = person.full_name || person.email;
              return (
                <SelectItem key={person.user_id} value={person.user_id}>
                  <span className="flex items-center gap-2">
                    <Avatar name={name} seed={person.user_id} className="size-5 text-[9px]" />
                    {person.user_id === me.user?.id ? t("me", { name }) : name}
                    <PresenceDot userId={person.user_id} />
                  </span>
                </SelectItem>
              );
            })}
          </SelectContent>
        </Select>
        <AiModeSelect conversationId={conversation.id} ai={conversation as ConversationAi} disabled={!canWrite} />
        {conversation.status !== "resolved" && (
          <Button
            variant="outline"
            size="sm"
            className="ml-auto @2xl:ml-0 @3xl:inline-flex @2xl:hidden"
            onClick={() => onChange({ status: "resolved" })}
            disabled={!canWrite}
            title={t("resolveHint")}
            aria-label={t("resolve")}
          >
            <CircleCheck aria-hidden />
            {/* Squeezed between list and contact panel, the icon alone leaves the assignee its name. */}
            <span className="hidden @md:inline">{t("resolve")}</span>
          </Button>
        )}
      </div>
      <div className="flex items-center">
        <LabelMenu conversation={conversation} disabled={!canWrite} canCreate={canManageLabels} />
        <SnoozeMenu
          conversation={conversation}
          disabled={!canWrite}
          onSnooze={(until) => onChange({ snoozedUntil: until ? until.toISOString() : null })}
        />
        <Button
          variant="ghost"
          size="icon-sm"
          onClick={onMarkUnread}
          disabled={!canWrite}
          aria-label={t("markUnread")}
          title={t("markUnread")}
        >
          <MailOpen aria-hidden />
        </Button>
        <Button
          variant="ghost"
          size="icon-sm"
          onClick={onTogglePanel}
          aria-pressed={panelOpen}
          aria-label={t("contactPanel")}
          title={t("contactPanel")}
          className={cn(panelOpen && "bg-muted")}
        >
          <PanelRight aria-hidden />
        </Button>
      </div>
    </header>
  );
}
