"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { fetchUnreadCount, workdayKeys } from "./workday-api";

/** Conversations waiting with unread client messages; live (the key is under "conversations"). */
export function useUnreadConversations() {
  const query = useQuery({ queryKey: workdayKeys.unread, queryFn: fetchUnreadCount, staleTime: 5_000 });
  return query.data?.conversations ?? 0;
}

const PREFIX = /^\(\d+\+?\) /;

/** "(3) Inbox · Relay CRM": the count in the browser tab's title, kept across page changes. */
export function useUnreadTitle() {
  const count = useUnreadConversations();
  const pathname = usePathname();
  useEffect(() => {
    const apply = () => {
      const base = document.title.replace(PREFIX, "");
      const next = count ? `(${count > 99 ? "99+" : count}) ${base}` : base;
      if (document.title !== next) document.title = next;
    };
    apply();
    // Next.js sets the page's own title after navigation: put the count back in front of it.
    const title = document.querySelector("title");
    const observer = title ? new MutationObserver(apply) : undefined;
    if (title) observer?.observe(title, { childList: true, characterData: true, subtree: true });
    return () => observer?.disconnect();
  }, [count, pathname]);
}
