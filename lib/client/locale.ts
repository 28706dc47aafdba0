import { api } from "./api";
import { isLocale, LOCALE_COOKIE, type Locale } from "@/lib/i18n/config";

export function readLocaleCookie(): Locale | undefined {
  const match = new RegExp(`(?:^|; )${LOCALE_COOKIE}=([^;]*)`).exec(document.cookie);
  return match && isLocale(match[1]) ? match[1] : undefined;
}

export function writeLocaleCookie(locale: Locale) {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
}

/** Remembers the choice on this device and, when signed in, in the profile so other devices follow. */
export async function saveLocale(locale: Locale, signedIn: boolean) {
  writeLocaleCookie(locale);
  if (signedIn) await api("/api/me", { method: "PATCH", body: { locale } }).catch(() => undefined);
}

/**
 * Right after signing in: a language picked on this device wins and is saved to the profile; otherwise the
 * profile's language (chosen on another device) is adopted here.
 */
export async function syncLocaleAfterSignIn() {
  const chosen = readLocaleCookie();
  if (chosen) return saveLocale(chosen, true);
  const me = await api<{ user: { locale: string } | null }>("/api/me").catch(() => null);
  if (me?.user && isLocale(me.user.locale)) writeLocaleCookie(me.user.locale);
}

/** Only paths on this site: `next` comes from the URL and must not send people elsewhere. */
export function safeNext(next: string | null | undefined, fallback = "/inbox") {
  return next && /^\/(?![/\\])/.test(next) ? next : fallback;
}
