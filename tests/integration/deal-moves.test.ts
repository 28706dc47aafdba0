import { beforeAll, expect, it } from "vitest";
import * as deals from "@/app/api/crm/deals/route";
import { asService, withUser } from "@/lib/db";
import { startRunner, type Runner } from "@/lib/jobs";
import { dealCreated, dealMoved, dealMovedSteps, type DealMoved } from "@/lib/pipeline/events";
import { moveDeal } from "@/lib/pipeline/moves";
import type { PipelineView } from "@/lib/pipeline/pipelines";
import { describeEachDb } from "../helpers/db";
import { jsonRequest } from "../helpers/http";
import { eventually, team } from "../helpers/inbox";
import { columnTitles, createDeal, getDealRes, moveRes, pipelinesOf } from "../helpers/pipeline";

type Team = Awaited<ReturnType<typeof team>>;
type Moved = {
  deal: { id: string; stageId: string; version: number; position: string };
  history: Record<string, unknown> | null;
};

const historyOf = (dealId: string) =>
  asService((sql) =>
    sql.query<{
      from_stage_id: string | null;
      to_stage_id: string;
      moved_by: string | null;
      auto_moved: boolean;
      rule_id: string | null;
    }>(
      "select from_stage_id, to_stage_id, moved_by, auto_moved, rule_id from public.stage_history where deal_id = $1 order by moved_at, id",
      [dealId],
    ),
  );

describeEachDb("moving deals", ({ kind }) => {
  let a: Team;
  let b: Team;
  let sales: PipelineView;
  let col: (i: number) => string;

  beforeAll(async () => {
    a = await team("mva", "Alpha Moves");
    b = await team("mvb", "Beta Moves");
    [sales] = await pipelinesOf(a.owner);
    col = (i) => sales.stages[i].id;
  });

  it("creates a deal with its first history row; bad input is a 400 naming the field and stores nothing", async () => {
    const d = await createDeal(a.agent, { title: "Кухня на заказ", amount: "125000.50", currency: "rub" });
    expect(d).toMatchObject({
      stageId: col(0),
      pipelineId: sales.id,
      amount: "125000.50",
      currency: "RUB",
      ownerId: a.agent.userId,
      version: 1,
    });
    expect(await historyOf(d.id)).toEqual([
      { from_stage_id: null, to_stage_id: col(0), moved_by: a.agent.userId, auto_moved: false, rule_id: null },
    ]);
    const [other] = await pipelinesOf(b.owner);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ title: "x", amount: "a lot" }, /^body: amount: /],
      [{ title: "x", amount: -5 }, /^body: amount: /],
      [{ title: "x", currency: "RUR" }, /^body: currency: .*ISO 4217/],
      [{ title: "x", currency: "EURO" }, /^body: currency: /],
      [{ title: "x", stageId: other.stages[0].id }, /^stageId: not a stage of this pipeline/],
      [{ title: "x", pipelineId: other.id }, /^pipelineId: no such pipeline/],
      [{ title: "" }, /^body: title: /],
      [{ title: "x", ownerId: b.owner.userId }, /^ownerId: /],
    ];
    const before = await asService((sql) => sql.query("select id from public.deals"));
    for (const [body, message] of cases) {
      const res = await deals.POST(jsonRequest("/api/crm/deals", { token: a.agent.token, body }));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
    const viewer = await deals.POST(jsonRequest("/api/crm/deals", { token: a.viewer.token, body: { title: "no" } }));
    expect(viewer.status).toBe(403);
    expect(await asService((sql) => sql.query("select id from public.deals"))).toHaveLength(before.length);
  });

  it("places a card between two others, at the top, and into an empty column, writing one row", async () => {
    const [x, y, z] = [
      await createDeal(a.agent, { title: "X" }),
      await createDeal(a.agent, { title: "Y" }),
      await createDeal(a.agent, { title: "Z" }),
    ];
    // Newest on top: Z Y X (then the first test's deal).
    expect((await columnTitles(a.viewer, col(0))).slice(0, 3)).toEqual(["Z", "Y", "X"]);
    const snapshot = () =>
      asService((sql) =>
        sql.query<{ id: string; position: string; stage_id: string }>(
          "select id, position, stage_id from public.deals order by id",
        ),
      );
    const before = await snapshot();

    const res = await moveRes(a.agent, x.id, { stageId: col(0), afterId: z.id, beforeId: y.id, expectedVersion: 1 });
    expect(res.status, await res.clone().text()).toBe(200);
    const moved = (await res.json()) as Moved;
    expect(moved.history).toBeNull();
    expect(moved.deal.version).toBe(2);
    expect((await columnTitles(a.viewer, col(0))).slice(0, 3)).toEqual(["Z", "X", "Y"]);
    const after = await snapshot();
    const changed = after.filter((r) => {
      const was = before.find((b) => b.id === r.id)!;
      return was.position !== r.position || was.stage_id !== r.stage_id;
    });
    expect(changed.map((r) => r.id)).toEqual([x.id]);

    // Only a "before" neighbour: to the very top.
    await moveRes(a.agent, y.id, { stageId: col(0), beforeId: z.id });
    expect((await columnTitles(a.viewer, col(0))).slice(0, 3)).toEqual(["Y", "Z", "X"]);

    // To an empty column: neither neighbour.
    const toEmpty = await moveRes(a.agent, z.id, { stageId: col(2) });
    expect(toEmpty.status).toBe(200);
    const body = (await toEmpty.json()) as Moved;
    expect(await columnTitles(a.viewer, col(2))).toEqual(["Z"]);
    expect(body.history).toMatchObject({
      dealId: z.id,
      fromStageId: col(0),
      toStageId: col(2),
      movedBy: a.agent.userId,
      autoMoved: false,
      ruleId: null,
    });
    // After a card of that column, then before it: the keys keep splitting without renumbering.
    await moveRes(a.agent, y.id, { stageId: col(2), afterId: z.id });
    await moveRes(a.agent, x.id, { stageId: col(2), beforeId: y.id, afterId: z.id });
    expect(await columnTitles(a.viewer, col(2))).toEqual(["Z", "X", "Y"]);
  });

  it("refuses a stale move with 409 and the deal as it is, and bad targets with 400 / 404", async () => {
    const d = await createDeal(a.agent, { title: "Stale" });
    expect((await moveRes(a.agent, d.id, { stageId: col(1), expectedVersion: 1 })).status).toBe(200);
    const stale = await moveRes(a.owner, d.id, { stageId: col(3), expectedVersion: 1 });
    expect(stale.status).toBe(409);
    const err = (await stale.json()) as {
      error: { details: { reason: string; deal: { stageId: string; version: number } } };
    };
    expect(err.error.details).toMatchObject({ reason: "stale", deal: { stageId: col(1), version: 2 } });
    expect((await moveRes(a.owner, d.id, { stageId: col(3), fromStageId: col(0) })).status).toBe(409);

    const [other] = await pipelinesOf(b.owner);
    const foreignStage = await moveRes(a.agent, d.id, { stageId: other.stages[1].id });
    expect(foreignStage.status).toBe(400);
    expect(((await foreignStage.json()) as { error: { message: string } }).error.message).toMatch(/^stageId/);
    // A neighbour in another column is a stale view of the board.
    const elsewhere = await createDeal(a.agent, { title: "Elsewhere" });
    expect((await moveRes(a.agent, d.id, { stageId: col(2), afterId: elsewhere.id })).status).toBe(409);
    expect((await moveRes(a.agent, d.id, { stageId: "nope" })).status).toBe(400);
    expect((await moveRes(b.owner, d.id, { stageId: other.stages[1].id })).status).toBe(404);
    expect((await moveRes(a.viewer, d.id, { stageId: col(2) })).status).toBe(403);
    // A viewer sees the deal but may not change it: nothing moves, even when the module is called directly.
    const orgId = await orgOf(a.viewer.userId);
    const viewerMove = withUser({ sub: a.viewer.userId, role: "authenticated" }, (sql) =>
      moveDeal(sql, orgId, d.id, { stageId: col(2) }),
    );
    await expect(viewerMove).rejects.toMatchObject({ code: "conflict" });
    expect(await historyOf(d.id)).toHaveLength(2);
  });

  it("of two concurrent moves of one card by two signed-in users, one wins and the other gets 409", async () => {
    const d = await createDeal(a.agent, { title: "Contested" });
    const [r1, r2] = await Promise.all([
      moveRes(a.agent, d.id, { stageId: col(1), expectedVersion: 1 }),
      moveRes(a.owner, d.id, { stageId: col(2), expectedVersion: 1 }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const winner = r1.status === 200 ? col(1) : col(2);
    const shown = (await (await getDealRes(a.viewer, d.id)).json()) as { stageId: string; history: unknown[] };
    expect(shown.stageId).toBe(winner);
    expect(shown.history).toHaveLength(2);
    expect(await historyOf(d.id)).toHaveLength(2);
  });

  it.runIf(kind === "postgres")("a move waits for one in flight on the same card, then finds it stale", async () => {
    const d = await createDeal(a.agent, { title: "Held" });
    const orgId = await orgOf(a.agent.userId);
    let second: Promise<Response> | undefined;
    await withUser({ sub: a.agent.userId, role: "authenticated" }, async (sql) => {
      await moveDeal(sql, orgId, d.id, { stageId: col(1), expectedVersion: 1 });
      // The other user's request starts while this transaction still holds the row; it must wait for us.
      second = moveRes(a.owner, d.id, { stageId: col(3), expectedVersion: 1 });
      await new Promise((r) => setTimeout(r, 300));
    });
    const res = await second!;
    expect(res.status).toBe(409);
    expect(await historyOf(d.id)).toHaveLength(2);
  });

  it("records automatic moves with their rule, and publishes deal events a listener receives", async () => {
    const d = await createDeal(a.agent, { title: "Automated" });
    const ruleId = "00000000-0000-4000-8000-000000000001";
    const orgId = await orgOf(a.agent.userId);
    await asService((sql) => moveDeal(sql, orgId, d.id, { stageId: col(1) }, { ruleId }));
    const rows = await historyOf(d.id);
    expect(rows[1]).toEqual({
      from_stage_id: col(0),
      to_stage_id: col(1),
      moved_by: null,
      auto_moved: true,
      rule_id: ruleId,
    });
    // A manual move in a later transaction is not marked automatic.
    await moveRes(a.agent, d.id, { stageId: col(2) });
    expect((await historyOf(d.id))[2]).toMatchObject({ auto_moved: false, rule_id: null, moved_by: a.agent.userId });

    const jobs = await asService((sql) =>
      sql.query<{ name: string; payload: Record<string, unknown> }>(
        "select name, payload from public.jobs where payload ->> 'dealId' = $1 order by created_at, name",
        [d.id],
      ),
    );
    expect(jobs.map((j) => j.name)).toEqual(["pipeline.deal-created", "pipeline.deal-moved", "pipeline.deal-moved"]);
    expect(jobs[1].payload).toMatchObject({ fromStageId: col(0), toStageId: col(1), autoMoved: true, ruleId });

    const heard: DealMoved[] = [];
    dealMovedSteps.push({ name: "test-listener", run: async (e) => void heard.push(e) });
    let runner: Runner | undefined;
    try {
      runner = startRunner({ jobs: [dealCreated, dealMoved], pollMs: 50 });
      await runner.ready;
      await eventually(async () => heard.filter((e) => e.dealId === d.id).length === 2);
    } finally {
      dealMovedSteps.pop();
      await runner?.stop();
    }
    expect(heard.filter((e) => e.dealId === d.id).map((e) => [e.toStageId, e.autoMoved])).toEqual(
      expect.arrayContaining([
        [col(1), true],
        [col(2), false],
      ]),
    );
  });

  it("hides another organisation's deals from every deal route", async () => {
    const d = await createDeal(a.agent, { title: "Secret" });
    expect((await getDealRes(b.owner, d.id)).status).toBe(404);
    const list = await deals.GET(jsonRequest("/api/crm/deals", { token: b.owner.token }));
    expect(((await list.json()) as { deals: { id: string }[] }).deals.map((x) => x.id)).not.toContain(d.id);
    const column = await deals.GET(jsonRequest(`/api/crm/deals?stageId=${col(0)}`, { token: b.owner.token }));
    expect(((await column.json()) as { deals: unknown[] }).deals).toEqual([]);
    const { PATCH, DELETE } = await import("@/app/api/crm/deals/[id]/route");
    const { params } = await import("../helpers/http");
    const patched = await PATCH(
      jsonRequest(`/api/crm/deals/${d.id}`, { method: "PATCH", token: b.owner.token, body: { title: "Mine" } }),
      params({ id: d.id }),
    );
    expect(patched.status).toBe(404);
    const deleted = await DELETE(
      jsonRequest(`/api/crm/deals/${d.id}`, { method: "DELETE", token: b.owner.token }),
      params({ id: d.id }),
    );
    expect(deleted.status).toBe(404);
    expect((await getDealRes(a.viewer, d.id)).status).toBe(200);
  });

  it("limits agents to their own deals when the organisation says so, on every route (RLS)", async () => {
    const orgId = await orgOf(a.owner.userId);
    const ownerDeal = await createDeal(a.owner, { title: "Owner's own" });
    const agentDeal = await createDeal(a.agent, { title: "Agent's own" });
    await asService((sql) =>
      sql.query(
        "insert into public.crm_settings (org_id, own_deals_only) values ($1, true) on conflict (org_id) do update set own_deals_only = true",
        [orgId],
      ),
    );
    try {
      expect((await getDealRes(a.agent, ownerDeal.id)).status).toBe(404);
      expect((await getDealRes(a.agent, agentDeal.id)).status).toBe(200);
      expect((await moveRes(a.agent, ownerDeal.id, { stageId: col(1) })).status).toBe(404);
      // A card the agent cannot see is no neighbour to place theirs by (the board they were shown lacks it).
      const hidden = await moveRes(a.agent, agentDeal.id, { stageId: col(0), afterId: ownerDeal.id });
      expect(hidden.status).toBe(409);
      const titles = await columnTitles(a.agent, col(0));
      expect(titles).toContain("Agent's own");
      expect(titles).not.toContain("Owner's own");
      const seenHistory = await withUser({ sub: a.agent.userId, role: "authenticated" }, (sql) =>
        sql.query("select 1 from public.stage_history where deal_id = $1", [ownerDeal.id]),
      );
      expect(seenHistory).toEqual([]);
      // The agent still places cards among those they cannot see, without colliding with them.
      const top = await createDeal(a.agent, { title: "Agent's second" });
      expect(top.position < agentDeal.position).toBe(true);
      // Managers still see everything.
      expect((await getDealRes(a.owner, agentDeal.id)).status).toBe(200);
    } finally {
      await asService((sql) =>
        sql.query("update public.crm_settings set own_deals_only = false where org_id = $1", [orgId]),
      );
    }
  });
});

async function orgOf(userId: string) {
  const [row] = await asService((sql) =>
    sql.query<{ active_org_id: string }>("select active_org_id from public.profiles where id = $1", [userId]),
  );
  return row.active_org_id;
}
