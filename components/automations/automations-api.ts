import type { DeliveryView, DryRunResult, RuleView, RunView } from "@/lib/automation/schema";
import type { RuleDraft } from "@/lib/automation/templates";
import { api } from "@/lib/client/api";

// What the Automations page reads and writes (lib/automation's views through /api/automation/*).
export type Rule = RuleView;
export type Run = RunView;
export type Delivery = DeliveryView;
export type { DryRunResult };
export type RuleInput = Omit<RuleDraft, "template"> & { template?: string; enabled?: boolean };

export type PipelineStage = { id: string; name: string; color: string; funnelStage: string | null };
export type PipelineLite = { id: string; name: string; isDefault: boolean; stages: PipelineStage[] };
export type DealLite = { id: string; title: string; stageId: string; contactName: string | null };
export type Member = { userId: string; name: string | null; email: string; role: string };

// Keys start with the table whose change makes them stale (components/shell/live-updates.ts).
export const automationKeys = {
  rules: ["automation_rules"] as const,
  runs: (id: string) => ["automation_rules", "runs", id] as const,
  deliveries: (id: string) => ["automation_rules", "deliveries", id] as const,
};

export const fetchRules = (signal?: AbortSignal) => api<Rule[]>("/api/automation/rules", { signal });
export const createRule = (body: RuleInput) =>
  api<Rule & { webhookSecret?: string }>("/api/automation/rules", { method: "POST", body });
export const updateRule = (id: string, body: Partial<RuleInput> & { rotateSecret?: boolean }) =>
  api<Rule & { webhookSecret?: string }>(`/api/automation/rules/${id}`, { method: "PATCH", body });
export const deleteRule = (id: string) => api<void>(`/api/automation/rules/${id}`, { method: "DELETE" });
export const tryRule = (id: string, dealId: string) =>
  api<DryRunResult>(`/api/automation/rules/${id}/test`, { method: "POST", body: { dealId } });
export const fetchRuns = (id: string, signal?: AbortSignal) =>
  api<{ runs: Run[]; nextCursor: string | null }>(`/api/automation/rules/${id}/runs?limit=50`, { signal });
export const fetchDeliveries = (id: string, signal?: AbortSignal) =>
  api<{ deliveries: Delivery[]; nextCursor: string | null }>(`/api/automation/rules/${id}/deliveries?limit=50`, {
    signal,
  });
export const fetchPipelines = (signal?: AbortSignal) => api<PipelineLite[]>("/api/pipeline", { signal });
export const fetchRecentDeals = (signal?: AbortSignal) =>
  api<{ deals: DealLite[] }>("/api/crm/deals?limit=50", { signal });
export const fetchMembers = (signal?: AbortSignal) => api<Member[]>("/api/team/members", { signal });
