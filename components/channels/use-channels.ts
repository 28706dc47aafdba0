"use client";

import type { ProblemCode } from "@/lib/channels/errors";
import { useQuery } from "@tanstack/react-query";
import type { ChannelView } from "@/lib/channels/store";
import { api } from "@/lib/client/api";

export type { ChannelView };

/** Named after the table, so realtime changes to channels refresh it. */
export const channelsKey = ["channels"] as const;

export const fetchChannels = () => api<ChannelView[]>("/api/channels");

export function useChannels() {
  return useQuery({ queryKey: channelsKey, queryFn: fetchChannels });
}

export type ChannelInput = {
  type?: ChannelView["type"];
  name?: string;
  config?: Record<string, unknown>;
  secrets?: Record<string, unknown>;
  enabled?: boolean;
};

export const createChannel = (body: ChannelInput) => api<ChannelView>("/api/channels", { method: "POST", body });

export const updateChannel = (id: string, body: ChannelInput) =>
  api<ChannelView>(`/api/channels/${id}`, { method: "PATCH", body });

export const deleteChannel = (id: string) => api<void>(`/api/channels/${id}`, { method: "DELETE" });

export const testChannel = (id: string) =>
  api<{ ok: boolean; detail: string; code: ProblemCode | null; channel: ChannelView }>(`/api/channels/${id}/test`, {
    method: "POST",
  });
