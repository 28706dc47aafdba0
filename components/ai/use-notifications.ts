"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { aiKeys, fetchNotifications, markNotificationsRead, type Notification } from "./ai-api";

type Page = { notifications: Notification[]; unread: number };

/** The bell's list (kept live by realtime on notifications) and marking read, shown at once. */
export function useNotifications() {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: aiKeys.notifications,
    queryFn: ({ signal }) => fetchNotifications(signal),
    staleTime: 30_000,
  });
  const markRead = useMutation({
    mutationFn: (ids?: string[]) => markNotificationsRead(ids),
    onMutate: (ids) => {
      const now = new Date().toISOString();
      queryClient.setQueryData<Page>(aiKeys.notifications, (page) => {
        if (!page) return page;
        const notifications = page.notifications.map((n) =>
          !n.readAt && (!ids || ids.includes(n.id)) ? { ...n, readAt: now } : n,
        );
        return { notifications, unread: ids ? Math.max(0, page.unread - ids.length) : 0 };
      });
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: aiKeys.notifications }),
  });
  return { query, markRead };
}
