"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useMe } from "@/components/shell/use-me";
import { api } from "@/lib/client/api";
import { useRealtimeInvalidate } from "@/lib/realtime/use-realtime";
import { callKeys, filterQuery, type CallDetail, type CallFilters, type CallView } from "./telephony-api";

type Page = { calls: CallView[]; nextCursor: string | null };

/** The call log under these filters, a page at a time (keyset), kept live by realtime changes to calls. */
export function useCalls(filters: CallFilters, scope: Record<string, string> = {}) {
  const me = useMe();
  useRealtimeInvalidate(me.organization.id, { calls: [callKeys.all] });
  return useInfiniteQuery({
    queryKey: callKeys.list(filters, scope),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api<Page>(
        `/api/calls?${filterQuery(filters, { ...scope, limit: "30", ...(pageParam ? { cursor: pageParam } : {}) })}`,
        {
          signal,
        },
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useCall(id: string | null) {
  return useQuery({
    queryKey: callKeys.one(id ?? ""),
    queryFn: ({ signal }) => api<CallDetail>(`/api/calls/${id}`, { signal }),
    enabled: !!id,
  });
}
