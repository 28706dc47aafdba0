import { createBrowserClient } from "@supabase/ssr";
import type { RealtimePostgresChangesPayload, SupabaseClient } from "@supabase/supabase-js";
import { realtimeEventSchema, type RealtimeEvent } from "../events";
import { realtimeAccessToken } from "./token";
import type { RealtimeHandlers } from "./types";

let client: SupabaseClient | undefined;
let channelSeq = 0;

function supabase() {
  // Our own instance, not the shared singleton: with accessToken set, Realtime calls setAuth with our token
  // on connect and on every heartbeat (so an expiring token is replaced), and `auth` is switched off.
  return (client ??= createBrowserClient(
    process.env.NEXT_PUBLIC_SUPABASE_URL!,
    process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!,
    { isSingleton: false, accessToken: realtimeAccessToken },
  ));
}

type Row = Record<string, unknown>;

/** Supabase sends rows; the hook wants what the embedded NOTIFY sends. */
export function toRealtimeEvent(
  payload: RealtimePostgresChangesPayload<Row>,
  orgId: string,
): RealtimeEvent | undefined {
  const row: Row = { ...payload.old, ...payload.new };
  // A DELETE carries only the primary key unless the table has replica identity full.
  const id = row.id ?? row.user_id;
  const parsed = realtimeEventSchema.safeParse({
    table: payload.table,
    op: payload.eventType,
    org_id: row.org_id ?? orgId,
    id: id === undefined || id === null ? null : String(id),
    ...(typeof row.member_id === "string" && { member_id: row.member_id }),
    // Only with replica identity full does an update carry the old row; the pop-up also asks for what it shows.
    ...(typeof (payload.old as Row | undefined)?.member_id === "string" && {
      old_member_id: (payload.old as Row).member_id,
    }),
    ...(payload.eventType !== "DELETE" && "ended_at" in payload.new && { ended: payload.new.ended_at != null }),
  });
  return parsed.success && parsed.data.org_id === orgId ? parsed.data : undefined;
}

/** The production path: Postgres Changes of the organisation's rows, filtered by org and by RLS. */
export function connectSupabase(orgId: string, tables: readonly string[], handlers: RealtimeHandlers): () => void {
  const sb = supabase();
  const channel = sb.channel(`relay-realtime:${orgId}:${++channelSeq}`);
  for (const table of tables) {
    channel.on<Row>(
      "postgres_changes",
      { event: "*", schema: "public", table, filter: `org_id=eq.${orgId}` },
      (payload) => {
        const event = toRealtimeEvent(payload, orgId);
        if (event) handlers.onEvent(event);
      },
    );
  }
  let closed = false;
  let subscribedBefore = false;
  channel.subscribe((status) => {
    if (closed) return;
    if (status === "SUBSCRIBED") {
      handlers.onStatus("connected");
      // The channel rejoined after dropping: changes in between were not delivered.
      if (subscribedBefore) handlers.onReset();
      subscribedBefore = true;
    } else {
      handlers.onStatus("reconnecting");
    }
  });
  return () => {
    closed = true;
    void sb.removeChannel(channel);
  };
}
