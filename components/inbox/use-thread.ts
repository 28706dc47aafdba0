"use client";

import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useMemo } from "react";
import { toast } from "sonner";
import { useErrorMessage } from "@/lib/client/use-error-message";
import {
  fetchMessages,
  inboxKeys,
  resendMessage,
  sendMessage,
  type MessagesPage,
  type MessageView,
  type SendInput,
} from "./inbox-api";

type Pages = InfiniteData<MessagesPage, string | undefined>;

/** A thread, newest page first from the API, handed out oldest first for display. */
export function useMessages(conversationId: string) {
  const query = useInfiniteQuery({
    queryKey: inboxKeys.messages(conversationId),
    queryFn: ({ pageParam, signal }) => fetchMessages(conversationId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 10_000,
  });
  const messages = useMemo(() => (query.data?.pages ?? []).flatMap((p) => p.items).toReversed(), [query.data]);
  return { ...query, messages };
}

let optimisticSeq = 0;

function optimistic(input: SendInput): MessageView {
  const now = new Date().toISOString();
  return {
    id: `optimistic-${++optimisticSeq}`,
    conversationId: input.conversationId,
    direction: "out",
    senderType: "agent",
    senderUserId: null,
    type: input.media?.length ? "document" : input.templateId ? "template" : "text",
    text: input.text ?? null,
    media: input.media ?? [],
    status: "queued",
    error: null,
    attempts: 0,
    templateId: input.templateId ?? null,
    occurredAt: now,
    createdAt: now,
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    editedAt: null,
    transcript: null,
  };
}

/** Puts `message` at the newest end of the thread, replacing `replacing` (and any copy realtime brought in). */
function upsertNewest(data: Pages | undefined, message: MessageView, replacing?: string): Pages | undefined {
  if (!data) return data;
  const pages = data.pages.map((page) => ({
    ...page,
    items: page.items.filter((m) => m.id !== replacing && m.id !== message.id),
  }));
  pages[0] = { ...pages[0], items: [message, ...pages[0].items] };
  return { ...data, pages };
}

/**
 * Sending with an optimistic bubble: shown queued at once, swapped for the stored message when the API
 * answers, removed again if it refuses (the caller gets the error to explain it, e.g. window_closed).
 */
export function useSend(conversationId: string, onRefused: (error: unknown, input: SendInput) => void) {
  const queryClient = useQueryClient();
  const key = inboxKeys.messages(conversationId);
  return useMutation({
    mutationFn: sendMessage,
    onMutate: async (input) => {
      await queryClient.cancelQueries({ queryKey: key });
      const temp = optimistic(input);
      queryClient.setQueryData<Pages>(key, (data) => upsertNewest(data, temp));
      return { tempId: temp.id };
    },
    onSuccess: (message, _input, context) => {
      queryClient.setQueryData<Pages>(key, (data) => upsertNewest(data, message, context?.tempId));
      void queryClient.invalidateQueries({ queryKey: inboxKeys.lists });
    },
    onError: (error, input, context) => {
      queryClient.setQueryData<Pages>(
        key,
        (data) =>
          data && {
            ...data,
            pages: data.pages.map((p) => ({ ...p, items: p.items.filter((m) => m.id !== context?.tempId) })),
          },
      );
      onRefused(error, input);
    },
  });
}

export function useResend(conversationId: string) {
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  return useMutation({
    mutationFn: resendMessage,
    onSuccess: (message) =>
      queryClient.setQueryData<Pages>(
        inboxKeys.messages(conversationId),
        (data) =>
          data && {
            ...data,
            pages: data.pages.map((p) => ({ ...p, items: p.items.map((m) => (m.id === message.id ? message : m)) })),
          },
      ),
    onError: (error) => toast.error(errorMessage(error)),
  });
}
