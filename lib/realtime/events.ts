import { z } from "zod";
import type { Database } from "@/lib/database.types";

/** The NOTIFY channel private.announce_change() writes to. */
export const REALTIME_CHANNEL = "relay_realtime";

type Tables = Database["public"]["Tables"];

/**
 * Tables with an org_id, from the generated database types. Their changes are delivered once the table has
 * the private.announce_change() trigger (embedded) and is in the supabase_realtime publication (Supabase);
 * both are the owning feature's migration's job.
 */
export type RealtimeTable = {
  [K in keyof Tables]: Tables[K]["Row"] extends { org_id: unknown } ? K : never;
}[keyof Tables];

/**
 * What one change says: which row of which organisation, never the row itself (NOTIFY payloads stop at
 * 8000 bytes, and the browser refetches through RLS anyway). Rows without an organisation (system jobs)
 * fail the schema and reach no one.
 */
export const realtimeEventSchema = z.object({
  table: z.string().min(1).max(63),
  op: z.enum(["INSERT", "UPDATE", "DELETE"]),
  org_id: z.uuid(),
  id: z.string().nullable(),
  /**
   * Whose row it is, for tables with a member_id (a call's manager), and whose it was when an update moved it:
   * a client interested only in its own rows skips the rest. Absent or null: everyone's.
   */
  member_id: z.uuid().nullable().optional(),
  old_member_id: z.uuid().nullable().optional(),
  /** For tables that record an end (a call's ended_at): whether the row has ended. A pop-up drops its card. */
  ended: z.boolean().optional(),
});
export type RealtimeEvent = z.infer<typeof realtimeEventSchema>;

/** Parses a NOTIFY payload; undefined for anything that is not a well-formed change. */
export function parseRealtimeEvent(payload: string): RealtimeEvent | undefined {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return undefined;
  }
  const result = realtimeEventSchema.safeParse(json);
  return result.success ? result.data : undefined;
}

/** What the SSE stream's `ready` event carries. */
export const realtimeReadySchema = z.object({ org_id: z.uuid() });
