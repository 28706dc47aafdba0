"use client";

import { useQuery } from "@tanstack/react-query";
import { aiKeys, fetchAiSettings } from "./ai-api";

export function useAiSettings() {
  return useQuery({ queryKey: aiKeys.settings, queryFn: ({ signal }) => fetchAiSettings(signal), staleTime: 60_000 });
}
