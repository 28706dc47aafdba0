"use client";

import { useFormatter, useNow } from "next-intl";

/** Dates the way the user's language writes them; relative ones tick once a minute. */
export function useDates() {
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  return {
    now,
    date: (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium" }),
    dateTime: (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }),
    relative: (iso: string) => format.relativeTime(new Date(iso), now),
  };
}
