export const locales = ["en", "ru"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";

/** next-intl's conventional cookie name; also read by the client when switching. */
export const LOCALE_COOKIE = "NEXT_LOCALE";
/** The browser's IANA time zone, so dates rendered on the server match the ones rendered in the browser. */
export const TIME_ZONE_COOKIE = "relay-tz";

export const isLocale = (value: unknown): value is Locale => locales.includes(value as Locale);

/** The best supported language in an Accept-Language header, honouring q-values. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  const ranked = (header ?? "")
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { base: tag.split("-")[0], q: q ? Number(q) : 1 };
    })
    .filter((entry) => entry.base && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((entry) => entry.base).find(isLocale) ?? defaultLocale;
}

export function isTimeZone(value: string | undefined): value is string {
  if (!value) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
