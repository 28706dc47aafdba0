import { beforeAll, expect, it } from "vitest";
import * as board from "@/app/api/pipeline/[id]/board/route";
import * as deal from "@/app/api/crm/deals/[id]/route";
import * as pipelines from "@/app/api/pipeline/route";
import { asService, withUser } from "@/lib/db";
import { moveDeal } from "@/lib/pipeline/moves";
import type { PipelineView } from "@/lib/pipeline/pipelines";
import { compactDealTotals } from "@/lib/pipeline/totals";
import { describeEachDb } from "../helpers/db";
import { orgOf } from "../helpers/dialogs";
import { jsonRequest, params } from "../helpers/http";
import { team, type Person } from "../helpers/inbox";
import { createDeal } from "../helpers/pipeline";

type Team = Awaited<ReturnType<typeof team>>;
type Sums = Record<string, { count: number; totals: Record<string, string> }>;

/** The board's counts and sums per column, as a map stage → {count, currency → amount}. */
async function boardSums(who: Person, pipelineId: string, query = ""): Promise<Sums> {
  const res = await board.GET(
    jsonRequest(`/api/pipeline/${pipelineId}/board?${query}`, { token: who.token }),
    params({ id: pipelineId }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
  const { columns } = (await res.json()) as {
    columns: { stage: { id: string }; count: number; totals: { currency: string; amount: string }[] }[];
  };
  return Object.fromEntries(
    columns.map((c) => [
      c.stage.id,
      { count: c.count, totals: Object.fromEntries(c.totals.map((t) => [t.currency, t.amount])) },
    ]),
  );
}

/** The same figures aggregated afresh from the deals (owner: only theirs), every stage present. */
async function freshSums(pipeline: PipelineView, ownerId?: string): Promise<Sums> {
  const rows = await asService((sql) =>
    sql.query<{ stage_id: string; currency: string; n: number; total: string | null }>(
      `select stage_id, currency, count(*)::int as n, sum(amount)::text as total from public.deals
        where pipeline_id = $1 and ($2::uuid is null or owner_id = $2) group by stage_id, currency`,
      [pipeline.id, ownerId ?? null],
    ),
  );
  const sums: Sums = Object.fromEntries(pipeline.stages.map((s) => [s.id, { count: 0, totals: {} }]));
  for (const r of rows) {
    sums[r.stage_id].count += r.n;
    if (r.total !== null) sums[r.stage_id].totals[r.currency] = r.total;
  }
  return sums;
}

const totalRows = (pipelineId: string) =>
  asService(async (sql) => {
    const [r] = await sql.query<{ n: number }>(
      "select count(*)::int as n from public.deal_stage_totals where pipeline_id = $1",
      [pipelineId],
    );
    return r.n;
  });

describeEachDb("the board's running column totals", () => {
  let a: Team;
  let orgA: string;
  let p: PipelineView;

  beforeAll(async () => {
    a = await team("dtt", "Alpha Totals");
    orgA = await orgOf(a.owner);
    const res = await pipelines.POST(jsonRequest("/api/pipeline", { token: a.owner.token, body: { name: "Totals" } }));
    p = await res.json();
  });

  it("follow creates, moves, edits of amount, currency and owner, and deletes, before and after compaction", async () => {
    const [s0, s1, s2] = p.stages.map((s) => s.id);
    const one = await createDeal(a.owner, {
      pipelineId: p.id,
      stageId: s0,
      title: "One",
      amount: 100,
      currency: "EUR",
    });
    const two = await createDeal(a.agent, { pipelineId: p.id, stageId: s0, title: "Two", amount: "250.50" });
    const three = await createDeal(a.agent, { pipelineId: p.id, stageId: s1, title: "Unpriced" });
    await createDeal(a.agent, { pipelineId: p.id, stageId: s1, title: "Four", amount: 7, currency: "USD" });
    expect((await boardSums(a.viewer, p.id))[s0]).toEqual({ count: 2, totals: { EUR: "100.00", RUB: "250.50" } });
    // A column whose deals have no amount counts them and shows no sum for their currency.
    expect((await boardSums(a.viewer, p.id))[s1]).toEqual({ count: 2, totals: { USD: "7.00" } });

    await withUser({ sub: a.owner.userId, role: "authenticated" }, (sql) =>
      moveDeal(sql, orgA, one.id, { stageId: s2 }),
    );
    const edit = (id: string, body: unknown) =>
      deal.PATCH(jsonRequest(`/api/crm/deals/${id}`, { method: "PATCH", token: a.owner.token, body }), params({ id }));
    expect((await edit(two.id, { amount: 300, currency: "USD" })).status).toBe(200);
    expect((await edit(three.id, { amount: 5, ownerId: a.owner.userId })).status).toBe(200);
    const del = await deal.DELETE(
      jsonRequest(`/api/crm/deals/${one.id}`, { method: "DELETE", token: a.owner.token }),
      params({ id: one.id }),
    );
    expect(del.status).toBeLessThan(300);

    expect(await boardSums(a.viewer, p.id)).toEqual(await freshSums(p));
    expect((await boardSums(a.viewer, p.id))[s0]).toEqual({ count: 1, totals: { USD: "300.00" } });
    expect(await boardSums(a.viewer, p.id, `ownerId=${a.agent.userId}`)).toEqual(await freshSums(p, a.agent.userId));
    expect(await boardSums(a.owner, p.id, "mine=true")).toEqual(await freshSums(p, a.owner.userId));

    const before = await totalRows(p.id);
    expect(await compactDealTotals()).toBeGreaterThan(0);
    expect(await totalRows(p.id)).toBeLessThan(before);
    expect(await boardSums(a.viewer, p.id)).toEqual(await freshSums(p));
  });

  it("give an agent limited to own deals only their deals' totals", async () => {
    const [s0] = p.stages.map((s) => s.id);
    await createDeal(a.owner, { pipelineId: p.id, stageId: s0, title: "Owner's", amount: 1000 });
    await createDeal(a.agent, { pipelineId: p.id, stageId: s0, title: "Agent's", amount: 1 });
    await asService((sql) =>
      sql.query(
        "insert into public.crm_settings (org_id, own_deals_only) values ($1, true) on conflict (org_id) do update set own_deals_only = true",
        [orgA],
      ),
    );
    try {
      expect(await boardSums(a.agent, p.id)).toEqual(await freshSums(p, a.agent.userId));
      expect(await boardSums(a.agent, p.id, "mine=true")).toEqual(await freshSums(p, a.agent.userId));
      expect(await boardSums(a.owner, p.id)).toEqual(await freshSums(p));
    } finally {
      await asService((sql) =>
        sql.query("update public.crm_settings set own_deals_only = false where org_id = $1", [orgA]),
      );
    }
  });

  it("neither deadlock nor drift under concurrent moves across two columns in both directions", async () => {
    const [s0, s1, s2] = p.stages.map((s) => s.id);
    const made = [];
    for (let i = 0; i < 12; i++) {
      made.push(
        await createDeal(i % 2 ? a.agent : a.owner, {
          pipelineId: p.id,
          stageId: i % 2 ? s1 : s0,
          title: `Busy ${i}`,
          amount: 10 + i,
          currency: i % 3 ? "RUB" : "EUR",
        }),
      );
    }
    // Every deal moves three times, all at once: s0 ↔ s1 crossing, and on to s2.
    const moves = made.flatMap((d, i) =>
      [i % 2 ? s0 : s1, s2, i % 2 ? s1 : s0].map((stageId) => ({ id: d.id, stageId })),
    );
    const byDeal = new Map<string, { id: string; stageId: string }[]>();
    for (const m of moves) byDeal.set(m.id, [...(byDeal.get(m.id) ?? []), m]);
    const results = await Promise.allSettled(
      [...byDeal.values()].map(async (chain) => {
        for (const m of chain) {
          await withUser({ sub: a.owner.userId, role: "authenticated" }, (sql) =>
            moveDeal(sql, orgA, m.id, { stageId: m.stageId }),
          );
        }
      }),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await boardSums(a.viewer, p.id)).toEqual(await freshSums(p));
    await compactDealTotals();
    expect(await boardSums(a.viewer, p.id)).toEqual(await freshSums(p));
  });
});
