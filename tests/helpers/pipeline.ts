import { expect } from "vitest";
import * as dealStage from "@/app/api/crm/deals/[id]/stage/route";
import * as deal from "@/app/api/crm/deals/[id]/route";
import * as deals from "@/app/api/crm/deals/route";
import * as pipelines from "@/app/api/pipeline/route";
import type { DealView } from "@/lib/pipeline/deals";
import type { PipelineView } from "@/lib/pipeline/pipelines";
import { jsonRequest, params } from "./http";
import type { Person } from "./inbox";

/** The caller's pipelines through GET /api/pipeline; the default one first. */
export async function pipelinesOf(who: Person): Promise<PipelineView[]> {
  const res = await pipelines.GET(jsonRequest("/api/pipeline", { token: who.token }));
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

export async function createDeal(who: Person, body: Record<string, unknown>): Promise<DealView> {
  const res = await deals.POST(jsonRequest("/api/crm/deals", { token: who.token, body }));
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

export const getDealRes = (who: Person, id: string) =>
  deal.GET(jsonRequest(`/api/crm/deals/${id}`, { token: who.token }), params({ id }));

export const moveRes = (who: Person, id: string, body: Record<string, unknown>) =>
  dealStage.PATCH(
    jsonRequest(`/api/crm/deals/${id}/stage`, { method: "PATCH", token: who.token, body }),
    params({ id }),
  );

/** A column's deal titles in board order, through GET /api/crm/deals?stageId=. */
export async function columnTitles(who: Person, stageId: string): Promise<string[]> {
  const res = await deals.GET(jsonRequest(`/api/crm/deals?stageId=${stageId}&limit=200`, { token: who.token }));
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { deals: DealView[] }).deals.map((d) => d.title);
}
