"use client";

import { api } from "@/lib/client/api";

// What /api/crm/* answers for the Contacts and Companies pages (lib/crm on the server).

export type Network = "telegram" | "whatsapp" | "instagram";
export type Interest = "hot" | "warm" | "cold";
export type ClientSummary = {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  username: string | null;
  tags: string[];
  companyId: string | null;
  companyName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  networks: Network[];
  score: number | null;
  interestLevel: Interest | null;
  lastMessageAt: string | null;
  createdAt: string;
};
export type ClientsPage = { clients: ClientSummary[]; nextCursor: string | null; total: number | null };

export type ClientSort = "created" | "updated" | "name" | "score";
export type ClientFilters = {
  q?: string;
  tag?: string;
  channelId?: string;
  network?: Network;
  owner?: string;
  interest?: Interest | "none";
  createdFrom?: string;
  createdTo?: string;
};
export type TableState = { filters: ClientFilters; sort: ClientSort; order: "asc" | "desc" };
export const DEFAULT_TABLE: TableState = { filters: {}, sort: "created", order: "desc" };

export type Deal = {
  id: string;
  title: string;
  amount: string | null;
  currency: string;
  stageName?: string;
  stageId: string;
  pipelineId: string;
};
export type Client = ClientSummary & {
  phones: string[];
  emails: string[];
  company: string | null;
  language: string | null;
  identities: { network: Network; externalId: string; username: string | null; displayName: string | null }[];
  mergeSuggestions: { id: string; otherContactId: string; otherName: string; reason: string }[];
  deals: Deal[];
};

export type Company = {
  id: string;
  name: string;
  website: string | null;
  phone: string | null;
  email: string | null;
  notes: string;
  ownerId: string | null;
  contactCount: number;
  createdAt: string;
};
export type CompanyDetail = Company & { contacts: { id: string; name: string; phone: string | null }[]; deals: Deal[] };
export type CompanySort = "created" | "name" | "contacts";

export type SavedView = {
  id: string;
  kind: "contacts" | "companies";
  name: string;
  filters: Record<string, string>;
  sort: string;
  order: "asc" | "desc";
  shared: boolean;
  mine: boolean;
};

export type TimelineEntry = {
  kind: "message" | "note" | "stage" | "task";
  id: string;
  at: string;
  text: string;
  detail: string | null;
  conversationId: string | null;
  dealId: string | null;
  fromStage: string | null;
  toStage: string | null;
  who: string | null;
};

export type MergeSuggestion = {
  id: string;
  reason: "phone" | "name_username";
  contact: { id: string; name: string; phone: string | null };
  other: { id: string; name: string; phone: string | null };
};

/** A query string of the non-empty values. */
export function qs(values: Record<string, string | number | undefined | null>) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  return p.toString();
}

// Keys start with the table whose change makes them stale (components/shell/live-updates.ts).
export const contactKeys = {
  list: (state: TableState) => ["contacts", "list", state] as const,
  detail: (id: string) => ["contacts", "detail", id] as const,
  timeline: (id: string) => ["contacts", "detail", id, "timeline"] as const,
  views: (kind: string) => ["contacts", "views", kind] as const,
  merges: ["contacts", "merges"] as const,
  companies: (q: string, sort: CompanySort, order: string) => ["companies", "list", q, sort, order] as const,
  company: (id: string) => ["companies", "detail", id] as const,
};

export const fetchClients = (state: TableState, cursor: string | null, signal?: AbortSignal) =>
  api<ClientsPage>(
    `/api/crm/clients?${qs({ ...state.filters, sort: state.sort, order: state.order, cursor, limit: 50 })}`,
    { signal },
  );
export const exportClientsUrl = (state: TableState, delimiter: string) =>
  `/api/crm/clients/export?${qs({ ...state.filters, sort: state.sort, order: state.order, delimiter })}`;
export const exportCompaniesUrl = (q: string, sort: CompanySort, delimiter: string) =>
  `/api/crm/companies/export?${qs({ q, sort, delimiter })}`;

export type BulkBody =
  | { action: "assign"; ids: string[]; userId: string | null }
  | { action: "tag" | "untag"; ids: string[]; tags: string[] }
  | { action: "delete"; ids: string[] };
export const bulkClients = (body: BulkBody) =>
  api<{ affected: number }>("/api/crm/clients/bulk", { method: "POST", body });
