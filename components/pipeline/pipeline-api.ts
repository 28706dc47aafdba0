import { api } from "@/lib/client/api";

// What the board reads: the shapes of lib/pipeline's views (GET /api/pipeline, /api/pipeline/:id/board).
export type Stage = {
  id: string;
  pipelineId: string;
  name: string;
  color: string;
  probability: number;
  kind: "open" | "won" | "lost";
};
export type Pipeline = { id: string; name: string; isDefault: boolean; stages: Stage[] };
export type Deal = {
  id: string;
  stageId: string;
  title: string;
  contactName: string | null;
  companyName: string | null;
  amount: string | null;
  currency: string;
  ownerName: string | null;
  version: number;
  stageEnteredAt: string;
};
export type Column = {
  stage: Stage;
  count: number;
  totals: { currency: string; amount: string }[];
  deals: Deal[];
  nextCursor: string | null;
};
export type Board = { pipeline: { id: string; name: string }; columns: Column[] };

// Keys start with the table whose change makes them stale (components/shell/live-updates.ts).
export const pipelineKeys = {
  pipelines: ["pipelines"] as const,
  board: (pipelineId: string) => ["deals", "board", pipelineId] as const,
};

export const fetchPipelines = (signal?: AbortSignal) => api<Pipeline[]>("/api/pipeline", { signal });
export const fetchBoard = (pipelineId: string, signal?: AbortSignal) =>
  api<Board>(`/api/pipeline/${pipelineId}/board?limit=100`, { signal });

export type MoveBody = { stageId: string; afterId?: string; beforeId?: string; expectedVersion: number };
export const moveDeal = (id: string, body: MoveBody) =>
  api<{ deal: Deal }>(`/api/crm/deals/${id}/stage`, { method: "PATCH", body });
export const createDeal = (body: { title: string; pipelineId: string; amount?: string; currency?: string }) =>
  api<Deal>("/api/crm/deals", { method: "POST", body });

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
