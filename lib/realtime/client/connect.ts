import { connectSse } from "./sse-transport";
import type { RealtimeTransport } from "./types";

/**
 * The one client-side switch: Supabase Realtime when the project is configured (Next inlines the variable),
 * the app's own SSE stream otherwise. supabase-js is loaded only on the Supabase side.
 */
export const connectRealtime: RealtimeTransport = (orgId, tables, handlers) => {
  if (!process.env.NEXT_PUBLIC_SUPABASE_URL) return connectSse(orgId, handlers);
  let disconnect: (() => void) | undefined;
  let cancelled = false;
  import("./supabase-transport")
    .then((m) => {
      if (!cancelled) disconnect = m.connectSupabase(orgId, tables, handlers);
    })
    .catch(() => !cancelled && handlers.onStatus("reconnecting"));
  return () => {
    cancelled = true;
    disconnect?.();
  };
};
