"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useLocale } from "next-intl";
import { useCallback } from "react";
import { fetchLead, fetchLeadByContact, fetchLeads, fetchLeadStats, leadKeys, type LeadFilters } from "./leads-api";

// Score reasons come named in the viewer's language (lang); changing the language reloads the page.

export function useLeads(filters: LeadFilters) {
  const lang = useLocale();
  return useQuery({
    queryKey: leadKeys.list(filters),
    queryFn: ({ signal }) => fetchLeads(filters, signal, lang),
    // A filter change keeps the old rows on screen (dimmed) instead of flashing a skeleton.
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useLeadStats() {
  return useQuery({ queryKey: leadKeys.stats, queryFn: ({ signal }) => fetchLeadStats(signal), staleTime: 10_000 });
}

export function useLead(id: string | null) {
  const lang = useLocale();
  return useQuery({
    queryKey: leadKeys.detail(id ?? ""),
    queryFn: ({ signal }) => fetchLead(id!, signal, lang),
    enabled: Boolean(id),
  });
}

/** The contact panel's lead, if the contact has one. */
export function useContactLead(contactId: string | undefined) {
  const lang = useLocale();
  return useQuery({
    queryKey: leadKeys.byContact(contactId ?? ""),
    queryFn: ({ signal }) => fetchLeadByContact(contactId!, signal, lang),
    enabled: Boolean(contactId),
    staleTime: 30_000,
  });
}

/** The open lead lives in the URL (?lead=…), so the inbox can link straight to it and Back closes it. */
export function useOpenLead() {
  const openId = useSearchParams().get("lead");
  const open = useCallback((id: string | null, replace = false) => {
    const url = id ? `/leads?lead=${id}` : "/leads";
    if (replace) window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
  }, []);
  return [openId, open] as const;
}
