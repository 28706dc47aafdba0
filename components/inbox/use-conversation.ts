"use client";

import { useMutation, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { useErrorMessage } from "@/lib/client/use-error-message";
import {
  fetchConversation,
  inboxKeys,
  patchConversation,
  type ConversationDetail,
  type ConversationPatch,
  type InboxPage,
} from "./inbox-api";

export function useConversation(id: string | null) {
  return useQuery({
    queryKey: inboxKeys.detail(id ?? ""),
    queryFn: ({ signal }) => fetchConversation(id!, signal),
    enabled: Boolean(id),
    staleTime: 10_000,
  });
}

/**
 * Status, assignee and read state, shown at once in the thread header and the list, then confirmed by the
 * server (and by the realtime refetch that follows it).
 */
export function usePatchConversation() {
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const t = useTranslations("inbox.header");
  const tw = useTranslations("inbox.workday");
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: ConversationPatch }) => patchConversation(id, patch),
    onMutate: ({ id, patch }) => {
      const apply = <T extends { status: ConversationDetail["status"]; unreadCount: number }>(item: T): T => ({
        ...item,
        ...(patch.status ? { status: patch.status } : {}),
        ...(patch.unread !== undefined ? { unreadCount: patch.unread ? Math.max(item.unreadCount, 1) : 0 } : {}),
      });
      queryClient.setQueryData<ConversationDetail>(inboxKeys.detail(id), (d) => d && apply(d));
      queryClient.setQueriesData<InfiniteData<InboxPage>>(
        { queryKey: inboxKeys.lists },
        (data) =>
          data && {
            ...data,
            pages: data.pages.map((p) => ({ ...p, items: p.items.map((i) => (i.id === id ? apply(i) : i)) })),
          },
      );
    },
    onSuccess: (item, { id, patch }) => {
      queryClient.setQueryData<ConversationDetail>(
        inboxKeys.detail(id),
        (d) => d && { ...d, ...item, contact: d.contact },
      );
      if (patch.status === "resolved") toast.success(t("resolved", { name: item.contact.name }));
      if (patch.unread) toast.success(t("markedUnread", { name: item.contact.name }));
      if (patch.snoozedUntil) toast.success(tw("snoozedToast", { name: item.contact.name }));
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: (_data, _error, { id }) => {
      void queryClient.invalidateQueries({ queryKey: inboxKeys.lists });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.detail(id) });
    },
  });
}
