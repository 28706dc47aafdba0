import type { AuthSession } from "./types";

export const ACCESS_COOKIE = "relay-access-token";
export const REFRESH_COOKIE = "relay-refresh-token";
const REFRESH_MAX_AGE = 60 * 60 * 24 * 30;

type CookieJar = {
  set(name: string, value: string, options: Record<string, unknown>): unknown;
  delete(name: string): unknown;
};

const base = () => ({
  httpOnly: true,
  sameSite: "lax" as const,
  path: "/",
  secure: process.env.NODE_ENV === "production" && (process.env.APP_URL ?? "").startsWith("https:"),
});

export function setSessionCookies(jar: CookieJar, session: AuthSession) {
  // The access cookie outlives its token so an expired token can still be recognised and refreshed.
  jar.set(ACCESS_COOKIE, session.access_token, { ...base(), maxAge: REFRESH_MAX_AGE });
  jar.set(REFRESH_COOKIE, session.refresh_token, { ...base(), maxAge: REFRESH_MAX_AGE });
}

export function clearSessionCookies(jar: CookieJar) {
  jar.delete(ACCESS_COOKIE);
  jar.delete(REFRESH_COOKIE);
}
