"use client";

import { useLocale } from "next-intl";
import { useMemo } from "react";
import type { Cell, ColumnKind } from "./analytics-api";

/** Numbers, durations, money and days as the user's language writes them. */
export function useFormat() {
  const locale = useLocale();
  return useMemo(() => {
    const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const money = (v: number, currency?: string | null) =>
      currency
        ? new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 }).format(v)
        : number.format(Math.round(v));
    const duration = (s: number) => {
      const unit = (value: number, u: "second" | "minute" | "hour" | "day") =>
        new Intl.NumberFormat(locale, {
          style: "unit",
          unit: u,
          unitDisplay: "narrow",
          maximumFractionDigits: 1,
        }).format(value);
      if (s < 60) return unit(Math.round(s), "second");
      if (s < 3600) return unit(s / 60, "minute");
      if (s < 86400) return unit(s / 3600, "hour");
      return unit(s / 86400, "day");
    };
    const date = (iso: string) => {
      const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
      return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" }).format(d);
    };
    const cell = (kind: ColumnKind, v: Cell, currency?: string | null): string => {
      if (v === null || v === undefined || v === "") return "—";
      if (kind === "text" || kind === "id") return String(v);
      if (kind === "date") return date(String(v));
      const n = Number(v);
      if (kind === "percent") return `${number.format(n)} %`;
      if (kind === "seconds") return duration(n);
      if (kind === "money") return money(n, currency);
      return number.format(n);
    };
    return { number: (v: number) => number.format(v), money, duration, date, cell, locale };
  }, [locale]);
}
