"use client";

import { MessagesSquare } from "lucide-react";
import { useTranslations } from "next-intl";
import type { Ref } from "react";
import type { ConversationAi } from "@/components/ai/ai-api";
import { HandoffBanner } from "@/components/ai/handoff-banner";
import type { ChannelView } from "@/components/channels/use-channels";
import { LoadError } from "@/components/settings/query-state";
import { Kbd } from "@/components/ui/kbd";
import { Composer } from "./composer";
import type { InboxItem } from "./inbox-api";
import { MessageList } from "./message-list";
import { ThreadHeader } from "./thread-header";
import { TypingIndicator } from "./typing-indicator";
import { useConversation, usePatchConversation } from "./use-conversation";

/** Nothing selected: what to do next, and the keys that do it. */
export function NoThread() {
  const t = useTranslations("inbox.thread");
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-3 bg-muted/25 p-8 text-center">
      <div className="flex size-14 items-center justify-center rounded-2xl border bg-card shadow-sm">
        <MessagesSquare className="size-6 text-primary" aria-hidden />
      </div>
      <p className="text-sm font-medium">{t("noneTitle")}</p>
      <p className="flex flex-wrap items-center justify-center gap-1.5 text-xs text-muted-foreground">
        {t.rich("noneBody", { kbd: (chunks) => <Kbd>{chunks}</Kbd> })}
      </p>
    </div>
  );
}

/** The open conversation: header, messages, reply box. */
export function ThreadPane({
  id,
  listItem,
  channels,
  canWrite,
  canManage,
  canCurate,
  composerRef,
  highlightId,
  onResolve,
  onBack,
  panelOpen,
  onTogglePanel,
}: {
  id: string;
  /** The row from the list, shown while the conversation's own data loads. */
  listItem: InboxItem | undefined;
  channels: ChannelView[];
  canWrite: boolean;
  canManage: boolean;
  /** Managers: labels and the organisation's canned responses. */
  canCurate: boolean;
  composerRef: Ref<HTMLTextAreaElement>;
  /** A message to scroll to and mark (from a search result). */
  highlightId?: string;
  /** Resolving moves on to the next conversation. */
  onResolve: () => void;
  onBack: () => void;
  panelOpen: boolean;
  onTogglePanel: () => void;
}) {
  const detail = useConversation(id);
  const patch = usePatchConversation();
  const conversation = detail.data ?? listItem;

  if (!conversation) {
    if (detail.isError) return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
    return <div className="flex-1 bg-muted/25" aria-busy />;
  }
  const channel = channels.find((c) => c.id === conversation.channel.id);
  return (
    <>
      <ThreadHeader
        conversation={conversation}
        canWrite={canWrite}
        canManageLabels={canCurate}
        onChange={(changes) => (changes.status === "resolved" ? onResolve() : patch.mutate({ id, patch: changes }))}
        onMarkUnread={() => patch.mutate({ id, patch: { unread: true } }, { onSuccess: onBack })}
        onBack={onBack}
        panelOpen={panelOpen}
        onTogglePanel={onTogglePanel}
      />
      <HandoffBanner conversationId={id} ai={conversation as ConversationAi} canWrite={canWrite} />
      <MessageList
        key={id}
        conversationId={id}
        channelType={conversation.channel.type}
        canWrite={canWrite}
        highlightId={highlightId}
      />
      <TypingIndicator conversationId={id} />
      <Composer
        key={`composer-${id}`}
        conversation={conversation}
        optedOut={Boolean(detail.data?.contact.optedOutAt)}
        channelEnabled={channel?.enabled ?? true}
        canWrite={canWrite}
        canManage={canManage}
        canShareCanned={canCurate}
        inputRef={composerRef}
      />
    </>
  );
}
