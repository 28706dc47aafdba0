import { api } from "@/lib/client/api";

// What the board reads: the shapes of lib/pipeline's views (GET /api/pipeline, /api/pipeline/:id/board).
export type StageKind = "open" | "won" | "lost";
export type Stage = {
  id: string;
  pipelineId: string;
  name: string;
  position: string;
  color: string;
  probability: number;
  kind: StageKind;
  funnelStage: string | null;
};
export type Pipeline = {
  id: string;
  name: string;
  isDefault: boolean;
  autoCreateDeals: boolean;
  autoMoveDeals: boolean;
  stages: Stage[];
};
export type Suggestion = { id: string; toStageId: string; toStageName: string; reason: string };
export type Deal = {
  id: string;
  pipelineId: string;
  stageId: string;
  title: string;
  contactId: string | null;
  contactName: string | null;
  companyId: string | null;
  companyName: string | null;
  amount: string | null;
  currency: string;
  ownerId: string | null;
  ownerName: string | null;
  lostReason: string | null;
  tags: string[];
  version: number;
  stageEnteredAt: string;
  closedAt: string | null;
  createdAt: string;
  leadScore: number | null;
  interestLevel: "hot" | "warm" | "cold" | null;
  conversationId: string | null;
  channelType: string | null;
  nextTaskDueAt: string | null;
  suggestion: Suggestion | null;
};
export type StageChange = {
  id: string;
  fromStageId: string | null;
  toStageId: string | null;
  movedByName: string | null;
  movedAt: string;
  autoMoved: boolean;
  ruleId: string | null;
};
export type DealDetail = Deal & { history: StageChange[] };
export type Column = {
  stage: Stage;
  count: number;
  totals: { currency: string; amount: string }[];
  deals: Deal[];
  nextCursor: string | null;
};
export type Board = { pipeline: { id: string; name: string }; columns: Column[] };
export type DealsPage = { deals: Deal[]; nextCursor: string | null };
export type LostReason = { id: string; label: string; position: number };

export type Filters = {
  q?: string;
  ownerId?: string;
  mine?: boolean;
  interest?: "hot" | "warm" | "cold";
  channelId?: string;
  tag?: string;
};
export type ListSort = { sort: "created" | "updated" | "stageEntered" | "amount" | "title"; order: "asc" | "desc" };

// Keys start with the table whose change makes them stale (components/shell/live-updates.ts).
export const pipelineKeys = {
  pipelines: ["pipelines"] as const,
  board: (pipelineId: string, filters: Filters = {}) => ["deals", "board", pipelineId, filters] as const,
  boards: ["deals", "board"] as const,
  list: (pipelineId: string, filters: Filters, sort: ListSort) => ["deals", "list", pipelineId, filters, sort] as const,
  deal: (id: string) => ["deals", "detail", id] as const,
  contactDeals: (contactId: string) => ["deals", "contact", contactId] as const,
  lostReasons: ["lost_reasons"] as const,
  settings: ["crm_settings", "pipeline"] as const,
};

/** The filters as query parameters (only those set). */
export function filterParams(filters: Filters, extra: Record<string, string | number | undefined> = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...extra })) {
    if (v === undefined || v === "" || v === false) continue;
    p.set(k, String(v));
  }
  return p.toString();
}

export const fetchPipelines = (signal?: AbortSignal) => api<Pipeline[]>("/api/pipeline", { signal });
export const fetchBoard = (pipelineId: string, filters: Filters, signal?: AbortSignal) =>
  api<Board>(`/api/pipeline/${pipelineId}/board?${filterParams(filters, { limit: 50 })}`, { signal });
export const fetchColumnPage = (stageId: string, cursor: string, filters: Filters) =>
  api<DealsPage>(`/api/crm/deals?${filterParams(filters, { stageId, cursor, limit: 50 })}`);
export const fetchDealList = (
  pipelineId: string,
  filters: Filters,
  sort: ListSort,
  cursor: string | undefined,
  signal?: AbortSignal,
) => api<DealsPage>(`/api/crm/deals?${filterParams(filters, { pipelineId, ...sort, cursor, limit: 50 })}`, { signal });
/** The list view's deals as CSV: its filters and sort, exactly as GET /api/crm/deals/export takes them. */
export const dealsExportUrl = (pipelineId: string, filters: Filters, sort: ListSort, delimiter: string) =>
  `/api/crm/deals/export?${filterParams(filters, { pipelineId, ...sort, delimiter })}`;
export const fetchContactDeals = (contactId: string, signal?: AbortSignal) =>
  api<DealsPage>(`/api/crm/deals?contactId=${contactId}&limit=20`, { signal });
export const fetchDeal = (id: string, signal?: AbortSignal) => api<DealDetail>(`/api/crm/deals/${id}`, { signal });

export type MoveBody = {
  stageId: string;
  afterId?: string;
  beforeId?: string;
  expectedVersion?: number;
  lostReason?: string;
};
export const moveDeal = (id: string, body: MoveBody) =>
  api<{ deal: Deal }>(`/api/crm/deals/${id}/stage`, { method: "PATCH", body });
export type NewDeal = {
  title: string;
  pipelineId: string;
  stageId?: string;
  contactId?: string;
  amount?: string;
  currency?: string;
};
export const createDeal = (body: NewDeal) => api<Deal>("/api/crm/deals", { method: "POST", body });
export type DealPatch = Partial<{
  title: string;
  amount: string | null;
  currency: string;
  ownerId: string | null;
  contactId: string | null;
  companyId: string | null;
  tags: string[];
  lostReason: string | null;
  expectedVersion: number;
}>;
export const patchDeal = (id: string, body: DealPatch) => api<Deal>(`/api/crm/deals/${id}`, { method: "PATCH", body });
export const decideSuggestion = (id: string, action: "accept" | "dismiss", lostReason?: string) =>
  api<{ deal: Deal }>(`/api/pipeline/suggestions/${id}`, { method: "PATCH", body: { action, lostReason } });

export const fetchLostReasons = (signal?: AbortSignal) => api<LostReason[]>("/api/pipeline/lost-reasons", { signal });
export const createLostReason = (label: string) =>
  api<LostReason>("/api/pipeline/lost-reasons", { method: "POST", body: { label } });
export const deleteLostReason = (id: string) => api<void>(`/api/pipeline/lost-reasons/${id}`, { method: "DELETE" });
export const fetchPipelineSettings = (signal?: AbortSignal) =>
  api<{ defaultCurrency: string }>("/api/pipeline/settings", { signal });
export const patchPipelineSettings = (defaultCurrency: string) =>
  api<{ defaultCurrency: string }>("/api/pipeline/settings", { method: "PATCH", body: { defaultCurrency } });

export const createPipeline = (name: string) => api<Pipeline>("/api/pipeline", { method: "POST", body: { name } });
export const patchPipeline = (
  id: string,
  body: Partial<{ name: string; isDefault: true; autoCreateDeals: boolean; autoMoveDeals: boolean }>,
) => api<Pipeline>(`/api/pipeline/${id}`, { method: "PATCH", body });
export const deletePipeline = (id: string) => api<void>(`/api/pipeline/${id}`, { method: "DELETE" });
export const createStage = (pipelineId: string, name: string) =>
  api<Stage>("/api/pipeline/stages", { method: "POST", body: { pipelineId, name } });
export const patchStage = (
  id: string,
  body: Partial<{ name: string; color: string; probability: number; kind: StageKind }>,
) => api<Stage>(`/api/pipeline/stages/${id}`, { method: "PATCH", body });
export const reorderStage = (id: string, slot: { afterId?: string; beforeId?: string }) =>
  api<Stage>(`/api/pipeline/stages/${id}/reorder`, { method: "POST", body: slot });
export const deleteStage = (id: string, moveTo?: string) =>
  api<void>(`/api/pipeline/stages/${id}${moveTo ? `?moveTo=${moveTo}` : ""}`, { method: "DELETE" });

/** The board after moving a card to `index` of `stageId`, as the server will store it (optimistic). */
export function withMove(board: Board, dealId: string, stageId: string, index: number): Board {
  const deal = board.columns.flatMap((c) => c.deals).find((d) => d.id === dealId);
  if (!deal) return board;
  return {
    ...board,
    columns: board.columns.map((c) => {
      const deals = c.deals.filter((d) => d.id !== dealId);
      const count = c.count - (c.deals.length - deals.length);
      if (c.stage.id !== stageId) return { ...c, deals, count };
      deals.splice(index, 0, { ...deal, stageId });
      return { ...c, deals, count: count + 1 };
    }),
  };
}
