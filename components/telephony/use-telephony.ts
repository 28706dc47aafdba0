"use client";

import { useQuery } from "@tanstack/react-query";
import { useMe } from "@/components/shell/use-me";
import { api } from "@/lib/client/api";
import { useRealtimeInvalidate } from "@/lib/realtime/use-realtime";
import { callKeys, type ConnectionView, type ExtensionView } from "./telephony-api";

export function useConnections() {
  const me = useMe();
  useRealtimeInvalidate(me.organization.id, { telephony_connections: [callKeys.connections] });
  return useQuery({
    queryKey: callKeys.connections,
    queryFn: ({ signal }) => api<{ connections: ConnectionView[] }>("/api/telephony/connections", { signal }),
  });
}

export function useExtensions() {
  return useQuery({
    queryKey: callKeys.extensions,
    queryFn: ({ signal }) => api<{ extensions: ExtensionView[] }>("/api/telephony/extensions", { signal }),
  });
}
