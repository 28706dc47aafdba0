"use client";

import { queryKeys } from "@/lib/client/queries";
import { useRealtimeInvalidate } from "@/lib/realtime/use-realtime";

/**
 * The one place the UI subscribes to realtime changes: lists and "me" (my role may change under me) refetch
 * when a colleague changes the team, invitations or API keys. Returns the connection status for a "Live" dot.
 */
export function useLiveUpdates(orgId: string) {
  return useRealtimeInvalidate(orgId, {
    memberships: [queryKeys.me, queryKeys.members],
    invitations: [queryKeys.invitations],
    api_keys: [queryKeys.apiKeys],
  });
}
