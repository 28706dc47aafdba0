"use client";

import { useTranslations } from "next-intl";
import { useRef } from "react";
import { Composer } from "@/components/inbox/composer";
import { MessageList } from "@/components/inbox/message-list";
import { useConversation } from "@/components/inbox/use-conversation";
import { Skeleton } from "@/components/ui/skeleton";

/**
 * The client's latest conversation inside the deal drawer: the inbox's own message list and composer over the
 * same queries, so a reply from here is the inbox's reply (outbox, 24-hour window, templates) and shows there too.
 */
export function DealConversation({
  conversationId,
  canWrite,
  canManage,
}: {
  conversationId: string;
  canWrite: boolean;
  canManage: boolean;
}) {
  const t = useTranslations("dealDrawer");
  const detail = useConversation(conversationId);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  if (!detail.data) return <Skeleton className="h-64" aria-busy />;
  const conversation = detail.data;
  return (
    <div
      className="flex h-[28rem] min-h-0 flex-col overflow-hidden rounded-lg border bg-background"
      data-testid="deal-conversation"
    >
      <a
        href={`/inbox?c=${conversationId}`}
        className="border-b px-3 py-1.5 text-xs text-muted-foreground hover:text-primary"
      >
        {t("openInInbox")}
      </a>
      <MessageList conversationId={conversationId} channelType={conversation.channel.type} canWrite={canWrite} />
      <Composer
        conversation={conversation}
        optedOut={Boolean(conversation.contact.optedOutAt)}
        channelEnabled
        canWrite={canWrite}
        canManage={canManage}
        canShareCanned={canManage}
        inputRef={composerRef}
      />
    </div>
  );
}
