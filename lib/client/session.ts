/**
 * The browser's side of the session: when the access token expires, and a refresh that happens once even
 * when many requests and tabs want it at the same moment. The refresh token rotates and reusing an old one
 * ends the session (theft detection), so two concurrent refreshes would sign the user out.
 */

const EXPIRES_KEY = "relay-session-expires-at";
const LOCK_NAME = "relay-auth-refresh";

let inflight: Promise<RefreshResult> | null = null;

export function storedExpiry(): number | undefined {
  try {
    const value = Number(window.localStorage.getItem(EXPIRES_KEY));
    return Number.isFinite(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers when the current access token expires (seconds since the epoch), for every tab. */
export function noteSessionExpiry(expiresAt: number) {
  try {
    window.localStorage.setItem(EXPIRES_KEY, String(expiresAt));
  } catch {
    // private mode without storage: the 401-and-retry path still keeps requests working
  }
}

export function forgetSession() {
  try {
    window.localStorage.removeItem(EXPIRES_KEY);
  } catch {
    // nothing to forget
  }
}

function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  return locks ? (locks.request(LOCK_NAME, fn) as Promise<T>) : fn();
}

/** "ended": the server refused (sign in again); "failed": offline or the server is down (try again later). */
export type RefreshResult = "ok" | "ended" | "failed";

async function refreshNow(): Promise<RefreshResult> {
  const before = storedExpiry();
  return withLock(async () => {
    const after = storedExpiry();
    // Another tab refreshed while this one waited for the lock: the cookie is already new.
    if (after && after !== before && after * 1000 > Date.now() + 5_000) return "ok";
    const res = await fetch("/api/auth/refresh", { method: "POST", credentials: "same-origin" });
    if (res.status === 401 || res.status === 400) {
      forgetSession();
      return "ended";
    }
    if (!res.ok) return "failed";
    const session = (await res.json()) as { expires_at?: number };
    if (typeof session.expires_at === "number") noteSessionExpiry(session.expires_at);
    return "ok";
  });
}

/** Renews the session cookie once, however many requests and tabs ask at the same moment. */
export function refreshSession(): Promise<RefreshResult> {
  inflight ??= refreshNow()
    .catch((): RefreshResult => "failed")
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

export function signInUrl() {
  const here = window.location.pathname + window.location.search;
  // `ended` tells the sign-in page to explain why the user is there.
  return `/sign-in?ended=1&next=${encodeURIComponent(here)}`;
}

/**
 * A full page load rather than a client-side push: after signing in, out or joining an organisation nothing
 * held in memory (react-query cache, realtime connection) may carry over from the previous session.
 */
export function hardNavigate(path: string) {
  window.location.assign(path);
}
