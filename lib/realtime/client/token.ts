import { z } from "zod";
import { refreshSession } from "@/lib/client/session";

const tokenSchema = z.object({ access_token: z.string().min(1), expires_at: z.number().nullable() });

// Realtime asks for the token on every heartbeat (25 s); the same one serves until a minute before it expires.
const REFRESH_BEFORE_S = 60;
let cached: { token: string; expiresAt: number } | undefined;
let inflight: Promise<string> | undefined;

const request = () => fetch("/api/realtime/token", { credentials: "same-origin", cache: "no-store" });

async function fetchToken(): Promise<string> {
  let res = await request();
  // The cookie's token expired on an idle page: renew it once, through the app's one refresh.
  if (res.status === 401 && (await refreshSession()) === "ok") res = await request();
  if (!res.ok) throw new Error(`realtime token: HTTP ${res.status}`);
  const body = tokenSchema.parse(await res.json());
  // A token without an expiry is asked for again in ten minutes.
  cached = { token: body.access_token, expiresAt: body.expires_at ?? Date.now() / 1000 + 600 };
  return body.access_token;
}

/** The signed-in user's access token for Supabase Realtime (the session cookie is httpOnly). */
export function realtimeAccessToken(): Promise<string> {
  if (cached && cached.expiresAt - REFRESH_BEFORE_S > Date.now() / 1000) return Promise.resolve(cached.token);
  inflight ??= fetchToken().finally(() => (inflight = undefined));
  return inflight;
}
