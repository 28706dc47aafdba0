"use client";

import { api } from "@/lib/client/api";
import type { LeadView } from "@/lib/dialogs/lead-view";

// What /api/dialogs answers, as the browser sees it (lib/dialogs/lead-view.ts on the server).

export { INTEREST_LEVELS } from "@/lib/dialogs/lead-view";
export { FUNNEL_STAGES } from "@/lib/ai/analysis-schema";
export type { Qualification } from "@/lib/ai/analysis-schema";
import type { InterestLevel } from "@/lib/ai/scoring";
export type { InterestLevel };
export type Lead = LeadView;
export type ScoreReason = Lead["scoreReasons"][number];

export type TranscriptLine = {
  id: string;
  direction: "in" | "out";
  text: string | null;
  transcript: string | null;
  occurredAt: string;
};

export type LeadStats = {
  total: number;
  hot: number;
  warm: number;
  cold: number;
  averageScore: number | null;
  qualificationComplete: number;
  byStage: Record<string, number>;
  bySource: Record<string, number>;
};

export type AnalyzeStats = {
  total: number;
  analyzed: number;
  new_leads: number;
  hot: number;
  warm: number;
  cold: number;
  errors: number;
  skipped: number;
};

export type AnalyzeJob = {
  jobId: string;
  status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
  progress?: { done: number; total: number } | null;
  stats?: Partial<AnalyzeStats> | null;
  /** Why it failed or stopped. */
  error?: string | null;
};

export type SortKey = "score" | "analyzedAt" | "name";
export type LeadFilters = {
  interestLevel?: InterestLevel;
  minScore?: number;
  funnelStage?: string;
  channelId?: string;
  qualificationComplete?: boolean;
  sort: SortKey;
  order: "asc" | "desc";
};

export const DEFAULT_FILTERS: LeadFilters = { sort: "score", order: "desc" };

/** Keys start with the table whose realtime changes make them stale. */
export const leadKeys = {
  all: ["leads"] as const,
  list: (filters: LeadFilters) => ["leads", "list", filters] as const,
  stats: ["leads", "stats"] as const,
  detail: (id: string) => ["leads", "detail", id] as const,
  byContact: (contactId: string) => ["leads", "contact", contactId] as const,
  job: (jobId: string) => ["jobs", jobId] as const,
};

/** The query string the list and the CSV export share. */
export function filterParams(filters: LeadFilters) {
  const params = new URLSearchParams();
  if (filters.interestLevel) params.set("interestLevel", filters.interestLevel);
  if (filters.minScore !== undefined) params.set("minScore", String(filters.minScore));
  if (filters.funnelStage) params.set("funnelStage", filters.funnelStage);
  if (filters.channelId) params.set("channelId", filters.channelId);
  if (filters.qualificationComplete !== undefined)
    params.set("qualificationComplete", String(filters.qualificationComplete));
  return params;
}

export const LIST_LIMIT = 200;

export function fetchLeads(filters: LeadFilters, signal?: AbortSignal, lang?: string) {
  const params = filterParams(filters);
  if (lang) params.set("lang", lang);
  params.set("sort", filters.sort);
  params.set("order", filters.order);
  params.set("limit", String(LIST_LIMIT));
  return api<{ results: Lead[]; count: number }>(`/api/dialogs/analysis?${params}`, { signal });
}

export const fetchLeadStats = (signal?: AbortSignal) =>
  api<{ stats: LeadStats }>("/api/dialogs/stats", { signal }).then((r) => r.stats);

const langQuery = (lang?: string) => (lang ? `lang=${encodeURIComponent(lang)}` : "");

export const fetchLead = (id: string, signal?: AbortSignal, lang?: string) =>
  api<{ lead: Lead; transcript: TranscriptLine[] }>(`/api/dialogs/analysis/${id}?${langQuery(lang)}`, { signal });

export const fetchLeadByContact = (contactId: string, signal?: AbortSignal, lang?: string) =>
  api<{ results: Lead[] }>(`/api/dialogs/analysis?contactId=${contactId}&limit=1&${langQuery(lang)}`, {
    signal,
  }).then((r) => r.results[0] ?? null);

export const startAnalysis = (body: { channelId?: string; force?: boolean }) =>
  api<AnalyzeJob & { success: true }>("/api/dialogs/analyze", { method: "POST", body });

export const fetchAnalysisJob = (jobId: string, signal?: AbortSignal) =>
  api<AnalyzeJob>(`/api/dialogs/analyze/${jobId}`, { signal });

export const fetchActiveAnalysis = (signal?: AbortSignal) =>
  api<{ run: AnalyzeJob | null }>("/api/dialogs/analyze", { signal }).then((r) => r.run);

export const cancelAnalysisJob = (jobId: string) =>
  api<AnalyzeJob>(`/api/dialogs/analyze/${jobId}/cancel`, { method: "POST" });

export const exportUrl = (filters: LeadFilters, lang?: string) => {
  const search = filterParams(filters);
  if (lang) search.set("lang", lang);
  const params = search.toString();
  return `/api/dialogs/export-csv${params ? `?${params}` : ""}`;
};

export type LeadPatch = {
  funnelStage?: string;
  budget?: string | null;
  isOwner?: boolean | null;
  qualification?: Partial<Record<"q1" | "q2" | "q3" | "q4", string | null>>;
};
export const patchLead = (id: string, body: LeadPatch) =>
  api<Lead>(`/api/dialogs/leads/${id}`, { method: "PATCH", body });

export type NewLead = { name: string; phone?: string; need?: string; budget?: string; funnelStage?: string };
export const createLead = (body: NewLead) => api<Lead>("/api/dialogs/leads", { method: "POST", body });
