"use client";

import { useFormatter, useNow, useTranslations } from "next-intl";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

/** How the inbox writes times: "now", "12 min", "14:05", "Yesterday", "Mon", "3 Nov"; ticking once a minute. */
export function useTimes() {
  const format = useFormatter();
  const t = useTranslations("inbox.time");
  const now = useNow({ updateInterval: 30_000 });

  const daysAgo = (date: Date) => Math.round((startOfDay(now) - startOfDay(date)) / DAY);

  return {
    /** For the conversation list: short, most recent most precise. */
    short(iso: string) {
      const date = new Date(iso);
      const ago = now.getTime() - date.getTime();
      if (ago < MINUTE) return t("now");
      if (ago < 60 * MINUTE) return t("minutes", { n: Math.floor(ago / MINUTE) });
      const days = daysAgo(date);
      if (days <= 0) return format.dateTime(date, { hour: "2-digit", minute: "2-digit" });
      if (days === 1) return t("yesterday");
      if (days < 7) return format.dateTime(date, { weekday: "short" });
      return format.dateTime(date, {
        day: "numeric",
        month: "short",
        year: date.getFullYear() === now.getFullYear() ? undefined : "numeric",
      });
    },
    /** A message's time in its bubble. */
    clock: (iso: string) => format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit" }),
    full: (iso: string) => format.dateTime(new Date(iso), { dateStyle: "full", timeStyle: "short" }),
    /** The day separator of a thread. */
    day(iso: string) {
      const date = new Date(iso);
      const days = daysAgo(date);
      if (days === 0) return t("today");
      if (days === 1) return t("yesterday");
      return format.dateTime(date, {
        weekday: "long",
        day: "numeric",
        month: "long",
        year: date.getFullYear() === now.getFullYear() ? undefined : "numeric",
      });
    },
    dayKey: (iso: string) => new Date(startOfDay(new Date(iso))).toISOString(),
    relative: (iso: string) => format.relativeTime(new Date(iso), now),
  };
}
