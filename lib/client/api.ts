import { noteSessionExpiry, refreshSession, signInUrl } from "./session";

/** An API answer other than 2xx, carrying the server's `{ error: { code, message, details } }`. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

type Options = {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  signal?: AbortSignal;
  /**
   * false for sign-in and sign-up: their 401 means "wrong password", not "session expired", so no refresh
   * and no redirect.
   */
  session?: boolean;
};

function send(path: string, { method = "GET", body, signal }: Options) {
  return fetch(path, {
    method,
    signal,
    credentials: "same-origin",
    headers: body === undefined ? { accept: "application/json" } : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function readError(res: Response) {
  const json = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; details?: unknown };
  } | null;
  const error = json?.error;
  return new ApiRequestError(
    res.status,
    error?.code ?? "http_" + res.status,
    error?.message ?? res.statusText,
    error?.details,
  );
}

/** Never settles: the page is being replaced by the sign-in page, so callers should not flash errors. */
const leaving = () => new Promise<never>(() => {});

/**
 * JSON in, JSON out. An expired session is refreshed once and the request retried; if that fails the user
 * goes to sign in and comes back to this page afterwards.
 */
export async function api<T = unknown>(path: string, options: Options = {}): Promise<T> {
  let res: Response;
  try {
    res = await send(path, options);
    if (res.status === 401 && options.session !== false) {
      const refreshed = await refreshSession();
      if (refreshed === "failed") throw new ApiRequestError(0, "network", "network error");
      if (refreshed === "ended") {
        window.location.assign(signInUrl());
        return leaving();
      }
      res = await send(path, options);
      if (res.status === 401) {
        window.location.assign(signInUrl());
        return leaving();
      }
    }
  } catch (error) {
    if (error instanceof ApiRequestError || (error as Error).name === "AbortError") throw error;
    throw new ApiRequestError(0, "network", "network error");
  }
  if (!res.ok) throw await readError(res);
  if (res.status === 204) return undefined as T;
  const data = (await res.json()) as T;
  // Sign-in, sign-up, organisation switches and accepted invitations re-issue the session cookie.
  const expiresAt = (data as { expires_at?: unknown } | null)?.expires_at;
  if (typeof expiresAt === "number" && "access_token" in (data as object)) noteSessionExpiry(expiresAt);
  return data;
}
