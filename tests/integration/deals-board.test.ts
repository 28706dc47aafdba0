import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import * as board from "@/app/api/pipeline/[id]/board/route";
import * as onePipeline from "@/app/api/pipeline/[id]/route";
import * as clientStage from "@/app/api/pipeline/clients/[clientId]/stage/route";
import * as lostReason from "@/app/api/pipeline/lost-reasons/[id]/route";
import * as lostReasons from "@/app/api/pipeline/lost-reasons/route";
import * as pipelines from "@/app/api/pipeline/route";
import * as settings from "@/app/api/pipeline/settings/route";
import * as stage from "@/app/api/pipeline/stages/[id]/route";
import * as suggestion from "@/app/api/pipeline/suggestions/[id]/route";
import * as deals from "@/app/api/crm/deals/route";
import { asService, withUser } from "@/lib/db";
import type { DealView } from "@/lib/pipeline/deals";
import type { PipelineView } from "@/lib/pipeline/pipelines";
import { describeEachDb } from "../helpers/db";
import { orgOf, seedChannel, seedDialog } from "../helpers/dialogs";
import { jsonRequest, params } from "../helpers/http";
import { team, type Person } from "../helpers/inbox";
import { createDeal, getDealRes, moveRes, pipelinesOf } from "../helpers/pipeline";

type Team = Awaited<ReturnType<typeof team>>;
type Column = {
  stage: { id: string };
  count: number;
  totals: { currency: string; amount: string }[];
  deals: DealView[];
};
type Page = { deals: DealView[]; nextCursor: string | null };

const errorOf = async (res: Response) => ((await res.json()) as { error: { message: string } }).error.message;

async function boardOf(who: Person, pipelineId: string, query = "") {
  const res = await board.GET(
    jsonRequest(`/api/pipeline/${pipelineId}/board?${query}`, { token: who.token }),
    params({ id: pipelineId }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { columns: Column[] }).columns;
}
const listRes = (who: Person, query: string) => deals.GET(jsonRequest(`/api/crm/deals?${query}`, { token: who.token }));
async function list(who: Person, query: string): Promise<Page> {
  const res = await listRes(who, query);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}
const putStage = (who: Person, clientId: string, body: unknown) =>
  clientStage.PUT(
    jsonRequest(`/api/pipeline/clients/${clientId}/stage`, { method: "PUT", token: who.token, body }),
    params({ clientId }),
  );

describeEachDb("the deals board, list view and pipeline settings", () => {
  let a: Team;
  let b: Team;
  let orgA: string;
  let sales: PipelineView;
  let hotClient: string;
  let channelId: string;

  beforeAll(async () => {
    a = await team("dba", "Alpha Board");
    b = await team("dbb", "Beta Board");
    orgA = await orgOf(a.owner);
    // A pipeline of its own, so the cards of the other tests in the file do not count here.
    const res = await pipelines.POST(jsonRequest("/api/pipeline", { token: a.owner.token, body: { name: "Board" } }));
    sales = await res.json();
    channelId = await seedChannel(orgA, "telegram", "board-bot");
    ({ contactId: hotClient } = await seedDialog(orgA, channelId, "Горячий клиент", [
      { direction: "in", text: "Хочу купить" },
    ]));
    await asService((sql) =>
      sql.query(
        "insert into public.leads (org_id, contact_id, score, interest_level, funnel_stage) values ($1, $2, 80, 'hot', 'qualified')",
        [orgA, hotClient],
      ),
    );
  });

  it("filters the board by owner, my deals, interest, channel, tag and words, with totals per currency", async () => {
    const lead = sales.stages[0].id;
    const base = { pipelineId: sales.id, stageId: lead };
    await createDeal(a.owner, { ...base, title: "Owner EUR", amount: 100, currency: "EUR", tags: ["vip"] });
    await createDeal(a.agent, { ...base, title: "Agent RUB", amount: "250.50", currency: "RUB" });
    await createDeal(a.agent, { ...base, title: "Hot one", amount: 1000, currency: "RUB", contactId: hotClient });
    const all = (await boardOf(a.viewer, sales.id))[0];
    expect(all.count).toBe(3);
    expect(Object.fromEntries(all.totals.map((t) => [t.currency, t.amount]))).toEqual({
      EUR: "100.00",
      RUB: "1250.50",
    });
    const titles = async (who: Person, query: string) =>
      (await boardOf(who, sales.id, query))[0].deals.map((d) => d.title).sort();
    expect(await titles(a.viewer, `ownerId=${a.agent.userId}`)).toEqual(["Agent RUB", "Hot one"]);
    expect(await titles(a.owner, "mine=true")).toEqual(["Owner EUR"]);
    expect(await titles(a.viewer, "interest=hot")).toEqual(["Hot one"]);
    expect(await titles(a.viewer, "interest=cold")).toEqual([]);
    expect(await titles(a.viewer, `channelId=${channelId}`)).toEqual(["Hot one"]);
    expect(await titles(a.viewer, "tag=vip")).toEqual(["Owner EUR"]);
    expect(await titles(a.viewer, `q=${encodeURIComponent("Горяч")}`)).toEqual(["Hot one"]); // the client's name
    const filtered = (await boardOf(a.viewer, sales.id, `ownerId=${a.agent.userId}`))[0];
    expect(filtered).toMatchObject({ count: 2, totals: [{ currency: "RUB", amount: "1250.50" }] });

    // The card knows the lead, the channel and the next open task.
    const hot = all.deals.find((d) => d.title === "Hot one")!;
    expect(hot).toMatchObject({ leadScore: 80, interestLevel: "hot", channelType: "telegram", nextTaskDueAt: null });
    expect(hot.conversationId).toBeTruthy();
    await asService((sql) =>
      sql.query(
        `insert into public.tasks (org_id, title, deal_id, due_at, status) values
           ($1, 'later', $2, '2030-01-02T10:00:00Z', 'open'), ($1, 'sooner', $2, '2030-01-01T09:00:00Z', 'open'),
           ($1, 'done already', $2, '2029-01-01T09:00:00Z', 'done')`,
        [orgA, hot.id],
      ),
    );
    const again = await (await getDealRes(a.viewer, hot.id)).json();
    expect(again.nextTaskDueAt).toBe("2030-01-01T09:00:00.000Z");

    const bad = await board.GET(
      jsonRequest(`/api/pipeline/${sales.id}/board?interest=boiling`, { token: a.viewer.token }),
      params({ id: sales.id }),
    );
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatch(/interest/);
  });

  it("follows the client's lead interest as the analysis changes it, without counting it as an edit of the deal", async () => {
    const stage = sales.stages[1].id;
    const hotInStage = async () =>
      (await boardOf(a.viewer, sales.id, "interest=hot")).find((c) => c.stage.id === stage)!;
    const created = await createDeal(a.agent, { pipelineId: sales.id, stageId: stage, title: "Follows", amount: 5 });
    const deal = (await (await getDealRes(a.viewer, created.id)).json()) as { version: number; updatedAt: string };
    expect((await hotInStage()).count).toBe(0);
    const setContact = (contactId: string | null) =>
      asService((sql) => sql.query("update public.deals set contact_id = $2 where id = $1", [created.id, contactId]));
    const lead = (level: string) =>
      asService((sql) =>
        sql.query("update public.leads set interest_level = $3 where org_id = $1 and contact_id = $2", [
          orgA,
          hotClient,
          level,
        ]),
      );
    // Given the hot client: the deal is a hot one, on the board and in the column's totals.
    await setContact(hotClient);
    expect((await hotInStage()).deals.map((d) => d.title)).toEqual(["Follows"]);
    expect((await hotInStage()).totals).toEqual([{ currency: "RUB", amount: "5.00" }]);
    const moved = (await (await getDealRes(a.viewer, created.id)).json()) as { version: number; updatedAt: string };
    expect(moved.version).toBe(deal.version + 1);
    // The analysis cools the client: the deal follows, and its version and last edit stay (a move is no conflict).
    await lead("cold");
    expect((await hotInStage()).count).toBe(0);
    expect((await boardOf(a.viewer, sales.id, "interest=cold")).find((c) => c.stage.id === stage)!.count).toBe(1);
    const cooled = (await (await getDealRes(a.viewer, created.id)).json()) as { version: number; updatedAt: string };
    expect(cooled).toMatchObject({ version: moved.version, updatedAt: moved.updatedAt, interestLevel: "cold" });
    await lead("hot");
    expect((await hotInStage()).count).toBe(1);
    // Another client (no lead): no interest.
    await setContact(null);
    expect((await hotInStage()).count).toBe(0);
    // The lead gone (deleted, or merged into another contact): its deals lose the copy too.
    await setContact(hotClient);
    const [saved] = await asService((sql) =>
      sql.query<Record<string, unknown>>("delete from public.leads where org_id = $1 and contact_id = $2 returning *", [
        orgA,
        hotClient,
      ]),
    );
    expect((await hotInStage()).count).toBe(0);
    await asService((sql) =>
      sql.query(
        "insert into public.leads (org_id, contact_id, score, interest_level, funnel_stage) values ($1, $2, $3, $4, $5)",
        [orgA, hotClient, saved.score, saved.interest_level, saved.funnel_stage],
      ),
    );
    expect((await hotInStage()).count).toBe(1);
    // The other tests of the file count this pipeline's deals.
    await asService((sql) => sql.query("delete from public.deals where id = $1", [created.id]));
  });

  it("loads more of a column and sorts the list view with keyset pages", async () => {
    const stageId = sales.stages[1].id;
    for (const amount of [30, 10, 50, 20, 40]) {
      await createDeal(a.agent, { pipelineId: sales.id, stageId, title: `Sorted ${amount}`, amount });
    }
    await createDeal(a.agent, { pipelineId: sales.id, stageId, title: "Sorted none" });
    const column = (await boardOf(a.viewer, sales.id, "limit=2"))[1] as Column & { nextCursor: string };
    expect(column.deals).toHaveLength(2);
    const rest = await list(a.viewer, `stageId=${stageId}&limit=10&cursor=${column.nextCursor}`);
    expect(rest.deals).toHaveLength(4);
    expect(new Set([...column.deals, ...rest.deals].map((d) => d.id)).size).toBe(6);

    const walk = async (query: string) => {
      const seen: string[] = [];
      let cursor: string | null = "";
      while (cursor !== null) {
        const page: Page = await list(a.viewer, `${query}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
        seen.push(...page.deals.map((d) => d.title));
        cursor = page.nextCursor;
      }
      return seen.filter((t) => t.startsWith("Sorted"));
    };
    expect(await walk(`pipelineId=${sales.id}&q=sorted&sort=amount&order=desc`)).toEqual([
      "Sorted 50",
      "Sorted 40",
      "Sorted 30",
      "Sorted 20",
      "Sorted 10",
      "Sorted none",
    ]);
    expect(await walk(`pipelineId=${sales.id}&q=sorted&sort=title&order=asc`)).toEqual([
      "Sorted 10",
      "Sorted 20",
      "Sorted 30",
      "Sorted 40",
      "Sorted 50",
      "Sorted none",
    ]);
    const newest = await walk(`pipelineId=${sales.id}&q=sorted`);
    expect(newest[0]).toBe("Sorted none");
    expect(newest).toHaveLength(6);
    expect((await listRes(a.viewer, "sort=price")).status).toBe(400);
    const forged = Buffer.from(JSON.stringify(["x; drop", randomUUID()])).toString("base64url");
    expect((await listRes(a.viewer, `sort=amount&cursor=${forged}`)).status).toBe(400);
  });

  it("asks for a lost reason when a person moves a deal to a lost stage, from a list managers keep", async () => {
    const listed = await lostReasons.GET(jsonRequest("/api/pipeline/lost-reasons", { token: a.agent.token }));
    const reasons = (await listed.json()) as { id: string; label: string }[];
    expect(reasons.map((r) => r.label)).toContain("Too expensive");
    const lost = sales.stages.find((s) => s.kind === "lost")!;
    const d = await createDeal(a.agent, { pipelineId: sales.id, title: "Will be lost" });
    const without = await moveRes(a.agent, d.id, { stageId: lost.id });
    expect(without.status).toBe(400);
    expect(await errorOf(without)).toMatch(/^lostReason/);
    const moved = await moveRes(a.agent, d.id, { stageId: lost.id, lostReason: "Too expensive" });
    expect(moved.status, await moved.clone().text()).toBe(200);
    expect(((await moved.json()) as { deal: DealView }).deal).toMatchObject({ lostReason: "Too expensive" });
    // Out of the lost stage again, the reason goes.
    const back = await moveRes(a.agent, d.id, { stageId: sales.stages[0].id });
    expect(((await back.json()) as { deal: DealView }).deal.lostReason).toBeNull();

    const denied = await lostReasons.POST(
      jsonRequest("/api/pipeline/lost-reasons", { token: a.agent.token, body: { label: "Nope" } }),
    );
    expect(denied.status).toBe(403);
    const made = await lostReasons.POST(
      jsonRequest("/api/pipeline/lost-reasons", { token: a.owner.token, body: { label: "Went silent" } }),
    );
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: string };
    const dup = await lostReasons.POST(
      jsonRequest("/api/pipeline/lost-reasons", { token: a.owner.token, body: { label: "went SILENT" } }),
    );
    expect(dup.status).toBe(409);
    const renamed = await lostReason.PATCH(
      jsonRequest(`/api/pipeline/lost-reasons/${id}`, {
        method: "PATCH",
        token: a.owner.token,
        body: { label: "Ghosted" },
      }),
      params({ id }),
    );
    expect(await renamed.json()).toMatchObject({ label: "Ghosted" });
    const foreign = await lostReason.DELETE(
      jsonRequest(`/api/pipeline/lost-reasons/${id}`, { method: "DELETE", token: b.owner.token }),
      params({ id }),
    );
    expect(foreign.status).toBe(404);
    const gone = await lostReason.DELETE(
      jsonRequest(`/api/pipeline/lost-reasons/${id}`, { method: "DELETE", token: a.owner.token }),
      params({ id }),
    );
    expect(gone.status).toBe(204);
  });

  it("deletes a stage by moving its deals, and deletes only empty, non-default pipelines", async () => {
    const made = await pipelines.POST(
      jsonRequest("/api/pipeline", {
        token: a.owner.token,
        body: { name: "Short-lived", stages: [{ name: "One" }, { name: "Two" }, { name: "Gone", kind: "lost" }] },
      }),
    );
    const p = (await made.json()) as PipelineView;
    const [one, two, lostStage] = p.stages;
    const x = await createDeal(a.agent, { pipelineId: p.id, stageId: one.id, title: "X" });
    const y = await createDeal(a.agent, { pipelineId: p.id, stageId: one.id, title: "Y" });
    const del = (id: string, query = "", who = a.owner) =>
      stage.DELETE(
        jsonRequest(`/api/pipeline/stages/${id}${query}`, { method: "DELETE", token: who.token }),
        params({ id }),
      );
    expect((await del(one.id)).status).toBe(409);
    const toLost = await del(one.id, `?moveTo=${lostStage.id}`);
    expect(toLost.status).toBe(400);
    expect(await errorOf(toLost)).toMatch(/^moveTo/);
    expect((await del(one.id, `?moveTo=${sales.stages[0].id}`)).status).toBe(400);
    expect((await del(one.id, `?moveTo=${two.id}`)).status).toBe(204);
    for (const id of [x.id, y.id]) {
      const moved = (await (await getDealRes(a.viewer, id)).json()) as DealView & { history: unknown[] };
      expect(moved.stageId).toBe(two.id);
      expect(moved.history).toHaveLength(2);
    }

    const remove = (id: string, who = a.owner) =>
      onePipeline.DELETE(jsonRequest(`/api/pipeline/${id}`, { method: "DELETE", token: who.token }), params({ id }));
    expect((await remove(p.id)).status).toBe(409);
    await asService((sql) => sql.query("delete from public.deals where pipeline_id = $1", [p.id]));
    expect((await remove(p.id, a.agent)).status).toBe(403);
    expect((await remove(p.id, b.owner)).status).toBe(404);
    expect((await remove(p.id)).status).toBe(204);
    const defaultId = (await pipelinesOf(a.owner)).find((q) => q.isDefault)!.id;
    expect((await remove(defaultId)).status).toBe(409);

    const renamed = await onePipeline.PATCH(
      jsonRequest(`/api/pipeline/${sales.id}`, {
        method: "PATCH",
        token: a.owner.token,
        body: { name: "Board 2", autoCreateDeals: true },
      }),
      params({ id: sales.id }),
    );
    expect(await renamed.json()).toMatchObject({ name: "Board 2", autoCreateDeals: true, autoMoveDeals: false });
  });

  it("puts a client at a stage: moving their open deal, or making one (seed 003's PUT)", async () => {
    const { contactId } = await seedDialog(orgA, channelId, "Клиент PUT", [{ direction: "in", text: "Здравствуйте" }]);
    const first = await putStage(a.agent, contactId, { stageId: sales.stages[1].id, amount: 500 });
    expect(first.status, await first.clone().text()).toBe(201);
    const made = (await first.json()) as { deal: DealView; created: boolean; history: { toStageId: string } };
    expect(made).toMatchObject({ created: true, deal: { title: "Клиент PUT", amount: "500.00", contactId } });
    expect(made.history.toStageId).toBe(sales.stages[1].id);
    const second = await putStage(a.agent, contactId, { stageId: sales.stages[2].id });
    expect(second.status).toBe(200);
    const moved = (await second.json()) as { deal: DealView; created: boolean };
    expect(moved).toMatchObject({ created: false, deal: { id: made.deal.id, stageId: sales.stages[2].id } });
    const lost = sales.stages.find((s) => s.kind === "lost")!;
    expect(await errorOf(await putStage(a.agent, contactId, { stageId: lost.id }))).toMatch(/^lostReason/);
    // Closed (lost) deals are not reopened: the next PUT makes a new one.
    expect((await putStage(a.agent, contactId, { stageId: lost.id, lostReason: "No reply" })).status).toBe(200);
    expect((await putStage(a.agent, contactId, { stageId: sales.stages[0].id })).status).toBe(201);

    expect((await putStage(b.owner, contactId, { stageId: sales.stages[0].id })).status).toBe(404);
    const bOrg = await orgOf(b.owner);
    const bChannel = await seedChannel(bOrg, "telegram", "b-bot");
    const { contactId: bClient } = await seedDialog(bOrg, bChannel, "B client", [{ direction: "in", text: "hi" }]);
    const cross = await putStage(b.owner, bClient, { stageId: sales.stages[0].id });
    expect(cross.status).toBe(400);
    expect(await errorOf(cross)).toMatch(/^stageId/);
    expect((await putStage(a.viewer, contactId, { stageId: sales.stages[0].id })).status).toBe(403);
    expect((await putStage(a.agent, contactId, { stageId: "nope" })).status).toBe(400);
  });

  it("gives new deals the organisation's default currency, which admins set (ISO 4217 only)", async () => {
    const patch = (who: Person, body: unknown) =>
      settings.PATCH(jsonRequest("/api/pipeline/settings", { method: "PATCH", token: who.token, body }));
    expect((await patch(a.agent, { defaultCurrency: "USD" })).status).toBe(403);
    const bad = await patch(a.owner, { defaultCurrency: "EURO" });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatch(/defaultCurrency/);
    expect(await (await patch(a.owner, { defaultCurrency: "kzt" })).json()).toEqual({ defaultCurrency: "KZT" });
    const read = await settings.GET(jsonRequest("/api/pipeline/settings", { token: a.viewer.token }));
    expect(await read.json()).toEqual({ defaultCurrency: "KZT" });
    expect((await createDeal(a.agent, { title: "In tenge", pipelineId: sales.id })).currency).toBe("KZT");
    expect((await createDeal(a.agent, { title: "In euro", pipelineId: sales.id, currency: "EUR" })).currency).toBe(
      "EUR",
    );
    const other = await settings.GET(jsonRequest("/api/pipeline/settings", { token: b.viewer.token }));
    expect(await other.json()).toEqual({ defaultCurrency: "RUB" });
    await patch(a.owner, { defaultCurrency: "RUB" });
  });

  it("shows an agent limited to their own deals no one else's deal through any route", async () => {
    const ownerDeal = await createDeal(a.owner, {
      title: "Owner secret",
      pipelineId: sales.id,
      contactId: hotClient,
      tags: ["secret"],
    });
    const [sug] = await asService((sql) =>
      sql.query<{ id: string }>(
        "insert into public.deal_suggestions (org_id, deal_id, to_stage_id, reason) values ($1, $2, $3, 'x') returning id",
        [orgA, ownerDeal.id, sales.stages[2].id],
      ),
    );
    await asService((sql) =>
      sql.query(
        "insert into public.crm_settings (org_id, own_deals_only) values ($1, true) on conflict (org_id) do update set own_deals_only = true",
        [orgA],
      ),
    );
    try {
      const ids = (cols: Column[]) => cols.flatMap((c) => c.deals.map((d) => d.id));
      const cols = await boardOf(a.agent, sales.id);
      expect(ids(cols)).not.toContain(ownerDeal.id);
      expect(cols.flatMap((c) => c.totals).length).toBeGreaterThan(0);
      expect(ids(await boardOf(a.agent, sales.id, "tag=secret"))).toEqual([]);
      expect((await boardOf(a.agent, sales.id, "tag=secret"))[0].count).toBe(0);
      expect((await list(a.agent, `pipelineId=${sales.id}&limit=200`)).deals.map((d) => d.id)).not.toContain(
        ownerDeal.id,
      );
      expect((await list(a.agent, `contactId=${hotClient}`)).deals.map((d) => d.id)).not.toContain(ownerDeal.id);
      expect((await getDealRes(a.agent, ownerDeal.id)).status).toBe(404);
      expect((await moveRes(a.agent, ownerDeal.id, { stageId: sales.stages[1].id })).status).toBe(404);
      const decided = await suggestion.PATCH(
        jsonRequest(`/api/pipeline/suggestions/${sug.id}`, {
          method: "PATCH",
          token: a.agent.token,
          body: { action: "accept" },
        }),
        params({ id: sug.id }),
      );
      expect(decided.status).toBe(404);
      const seen = await withUser({ sub: a.agent.userId, role: "authenticated" }, (sql) =>
        sql.query("select 1 from public.deal_suggestions where id = $1", [sug.id]),
      );
      expect(seen).toEqual([]);
      // Putting the client at a stage moves the agent's own deal with them ("Hot one"), not the owner's.
      const put = await putStage(a.agent, hotClient, { stageId: sales.stages[3].id });
      expect(put.status).toBe(200);
      const putDeal = ((await put.json()) as { deal: DealView }).deal;
      expect(putDeal.title).toBe("Hot one");
      const still = (await (await getDealRes(a.owner, ownerDeal.id)).json()) as DealView;
      expect(still.stageId).toBe(ownerDeal.stageId);
    } finally {
      await asService((sql) =>
        sql.query("update public.crm_settings set own_deals_only = false where org_id = $1", [orgA]),
      );
    }
  });
});
