"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect, useEffectEvent, useRef, useState } from "react";
import { connectRealtime } from "./client/connect";
import { createInvalidator, type Invalidator } from "./client/invalidator";
import type { RealtimeStatus } from "./client/types";
import type { RealtimeEvent, RealtimeTable } from "./events";

export type { RealtimeStatus } from "./client/types";
export type { RealtimeEvent, RealtimeTable } from "./events";

/**
 * Calls onEvent with each change to these tables in the organisation (SSE on the embedded install, Supabase
 * Realtime in production), and onReset when changes may have been missed. Returns the connection status.
 * The callbacks may change every render without reconnecting; the tables and orgId reconnect when they change.
 */
export function useRealtime(
  orgId: string | undefined,
  tables: readonly RealtimeTable[],
  onEvent: (event: RealtimeEvent) => void,
  onReset?: () => void,
): RealtimeStatus {
  // Sorted and joined so a new array with the same tables each render does not reconnect.
  const tableKey = [...new Set(tables)].sort().join(",");
  const connectionKey = orgId && tableKey ? `${orgId}|${tableKey}` : "";
  const [state, setState] = useState<{ key: string; status: RealtimeStatus }>();

  const handleEvent = useEffectEvent(onEvent);
  const handleReset = useEffectEvent(() => onReset?.());

  useEffect(() => {
    if (!connectionKey) return;
    const [org, list] = connectionKey.split("|");
    const wanted = new Set(list.split(","));
    return connectRealtime(org, [...wanted], {
      // The SSE stream carries every table of the organisation; this hook asked for some.
      onEvent: (event) => wanted.has(event.table) && handleEvent(event),
      onReset: () => handleReset(),
      onStatus: (status) => setState({ key: connectionKey, status }),
    });
  }, [connectionKey]);

  if (!connectionKey) return "idle";
  return state?.key === connectionKey ? state.status : "connecting";
}

/**
 * Keeps react-query data live: a change to a table invalidates the keys listed for it (bursts coalesced),
 * a reset invalidates them all.
 *
 *   const status = useRealtimeInvalidate(orgId, { invitations: [["team", "invitations"]], memberships: [["team"]] });
 */
export function useRealtimeInvalidate(
  orgId: string | undefined,
  keys: Partial<Record<RealtimeTable, readonly QueryKey[]>>,
): RealtimeStatus {
  const queryClient = useQueryClient();
  const invalidator = useRef<Invalidator>(null);
  const keysFor = useEffectEvent((table: string) => keys[table as RealtimeTable]);
  const allKeys = useEffectEvent(() => Object.values(keys).flatMap((list) => list ?? []));

  useEffect(() => {
    const created = createInvalidator(
      queryClient,
      (table) => keysFor(table),
      () => allKeys(),
    );
    invalidator.current = created;
    return () => {
      created.dispose();
      if (invalidator.current === created) invalidator.current = null;
    };
  }, [queryClient]);

  const tables = (Object.keys(keys) as RealtimeTable[]).filter((table) => keys[table]?.length);
  return useRealtime(
    orgId,
    tables,
    (event) => invalidator.current?.event(event),
    () => invalidator.current?.reset(),
  );
}
