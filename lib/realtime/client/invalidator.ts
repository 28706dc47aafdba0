import { hashKey, type QueryClient, type QueryKey } from "@tanstack/react-query";
import type { RealtimeEvent } from "../events";

// A bulk import or a pipeline move announces dozens of rows at once: one refetch per key covers them all.
const COALESCE_MS = 50;

export type Invalidator = {
  event: (event: RealtimeEvent) => void;
  reset: () => void;
  dispose: () => void;
};

/** Turns changes into invalidations of the query keys that show those tables, coalesced. */
export function createInvalidator(
  queryClient: QueryClient,
  keysFor: (table: string) => readonly QueryKey[] | undefined,
  allKeys: () => readonly QueryKey[],
  delayMs = COALESCE_MS,
): Invalidator {
  const pending = new Map<string, QueryKey>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    timer = undefined;
    const keys = [...pending.values()];
    pending.clear();
    for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
  };
  const queue = (keys: readonly QueryKey[]) => {
    for (const key of keys) pending.set(hashKey(key), key);
    // A fixed window from the first change, so a steady stream still refreshes every delayMs.
    if (pending.size > 0 && !timer) timer = setTimeout(flush, delayMs);
  };

  return {
    event: (event) => queue(keysFor(event.table) ?? []),
    reset: () => queue(allKeys()),
    dispose: () => {
      clearTimeout(timer);
      timer = undefined;
      pending.clear();
    },
  };
}
