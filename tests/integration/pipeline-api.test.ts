import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import * as board from "@/app/api/pipeline/[id]/board/route";
import * as onePipeline from "@/app/api/pipeline/[id]/route";
import * as pipelines from "@/app/api/pipeline/route";
import * as reorder from "@/app/api/pipeline/stages/[id]/reorder/route";
import * as stage from "@/app/api/pipeline/stages/[id]/route";
import * as stages from "@/app/api/pipeline/stages/route";
import * as signup from "@/app/api/auth/signup/route";
import * as me from "@/app/api/me/route";
import { GET as openapi } from "@/app/api/openapi.json/route";
import { asService } from "@/lib/db";
import type { StageView } from "@/lib/pipeline/stages";
import { describeEachDb } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { team } from "../helpers/inbox";
import { createDeal, pipelinesOf } from "../helpers/pipeline";

type Team = Awaited<ReturnType<typeof team>>;

describeEachDb("pipelines and stages API", () => {
  let a: Team;
  let b: Team;

  beforeAll(async () => {
    a = await team("pla", "Alpha Pipes");
    b = await team("plb", "Beta Pipes");
  });

  it("gives every new organisation a default pipeline matching seed 004's funnel", async () => {
    const [sales, ...rest] = await pipelinesOf(a.viewer);
    expect(rest).toEqual([]);
    expect(sales).toMatchObject({ name: "Sales", isDefault: true });
    expect(sales.stages.map((s) => [s.name, s.kind, s.funnelStage])).toEqual([
      ["New lead", "open", "new_lead"],
      ["Qualified", "open", "qualified"],
      ["Consultation booked", "open", "consultation_booked"],
      ["Consultation held", "open", "consultation_completed"],
      ["Won", "won", "deal_closed"],
      ["Lost", "lost", "deal_lost"],
    ]);
    const positions = sales.stages.map((s) => s.position);
    expect([...positions].sort()).toEqual(positions);
  });

  it("names the default pipeline in the creator's language", async () => {
    // A user whose profile says Russian before they create an organisation (PATCH /api/me, then POST /api/orgs).
    const res = await signup.POST(
      jsonRequest("/api/auth/signup", {
        body: { email: "ru-owner@example.com", password: "long enough", name: "Иван", organizationName: "Ромашка" },
      }),
    );
    const { access_token: token } = (await res.json()) as { access_token: string };
    const patched = await me.PATCH(jsonRequest("/api/me", { method: "PATCH", token, body: { locale: "ru" } }));
    expect(patched.status).toBe(200);
    const { POST: createOrg } = await import("@/app/api/orgs/route");
    const made = await createOrg(jsonRequest("/api/orgs", { token, body: { name: "Лютик" } }));
    expect(made.status, await made.clone().text()).toBeLessThan(300);
    const [{ id }] = await asService((sql) =>
      sql.query<{ id: string }>("select id from public.organizations where name = 'Лютик'"),
    );
    const names = await asService((sql) =>
      sql.query<{ pipeline: string; stage: string }>(
        `select p.name as pipeline, s.name as stage from public.pipelines p join public.stages s on s.pipeline_id = p.id
          where p.org_id = $1 order by s.position`,
        [id],
      ),
    );
    expect(names[0].pipeline).toBe("Продажи");
    expect(names.map((n) => n.stage)).toEqual([
      "Новый лид",
      "Квалифицирован",
      "Записан на консультацию",
      "Консультация проведена",
      "Успешно",
      "Проиграно",
    ]);
  });

  it("names it in Russian for a user who signs up in Russian", async () => {
    const res = await signup.POST(
      jsonRequest("/api/auth/signup", {
        body: {
          email: "ru-signup@example.com",
          password: "long enough",
          name: "Олег",
          organizationName: "Василёк",
          locale: "ru",
        },
      }),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const { access_token: token } = (await res.json()) as { access_token: string };
    const [sales] = await pipelinesOf({ token, userId: "" });
    expect(sales.name).toBe("Продажи");
    expect(sales.stages[0].name).toBe("Новый лид");
  });

  it("creates pipelines (managers only), copying the default's stages or taking its own", async () => {
    const denied = await pipelines.POST(jsonRequest("/api/pipeline", { token: a.agent.token, body: { name: "X" } }));
    expect(denied.status).toBe(403);
    const copied = await pipelines.POST(
      jsonRequest("/api/pipeline", { token: a.owner.token, body: { name: "Partners" } }),
    );
    expect(copied.status, await copied.clone().text()).toBe(201);
    expect(((await copied.json()) as { stages: StageView[] }).stages).toHaveLength(6);
    const own = await pipelines.POST(
      jsonRequest("/api/pipeline", {
        token: a.owner.token,
        body: {
          name: "Wholesale",
          stages: [
            { name: "Inquiry" },
            { name: "Offer", color: "#AA00FF", probability: 40 },
            { name: "Signed", kind: "won" },
          ],
        },
      }),
    );
    expect(own.status).toBe(201);
    const made = (await own.json()) as { id: string; isDefault: boolean; stages: StageView[] };
    expect(made.isDefault).toBe(false);
    expect(made.stages.map((s) => [s.name, s.color, s.kind])).toEqual([
      ["Inquiry", "#64748b", "open"],
      ["Offer", "#aa00ff", "open"],
      ["Signed", "#64748b", "won"],
    ]);
    const bad = await pipelines.POST(
      jsonRequest("/api/pipeline", {
        token: a.owner.token,
        body: { name: "Bad", stages: [{ name: "x", color: "red" }] },
      }),
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/stages\.0\.color/);
    // Making it the default moves the flag (one default per organisation).
    const res = await onePipeline.PATCH(
      jsonRequest(`/api/pipeline/${made.id}`, { method: "PATCH", token: a.owner.token, body: { isDefault: true } }),
      params({ id: made.id }),
    );
    expect(res.status).toBe(200);
    const all = await pipelinesOf(a.viewer);
    expect(all.filter((p) => p.isDefault).map((p) => p.name)).toEqual(["Wholesale"]);
  });

  it("adds, edits, reorders and deletes stages with one row written per reorder", async () => {
    const sales = (await pipelinesOf(a.owner)).find((p) => p.name === "Sales")!;
    const [lead, qualified] = sales.stages;
    const added = await stages.POST(
      jsonRequest("/api/pipeline/stages", {
        token: a.owner.token,
        body: { pipelineId: sales.id, name: "Proposal sent", afterId: lead.id, probability: 20 },
      }),
    );
    expect(added.status, await added.clone().text()).toBe(201);
    const proposal = (await added.json()) as StageView;
    const list = async () => {
      const res = await stages.GET(
        jsonRequest(`/api/pipeline/stages?pipelineId=${sales.id}`, { token: a.viewer.token }),
      );
      return ((await res.json()) as StageView[]).map((s) => s.name);
    };
    expect((await list()).slice(0, 3)).toEqual(["New lead", "Proposal sent", "Qualified"]);

    const before = await asService((sql) =>
      sql.query<{ id: string; position: string }>("select id, position from public.stages where pipeline_id = $1", [
        sales.id,
      ]),
    );
    const moved = await reorder.POST(
      jsonRequest(`/api/pipeline/stages/${proposal.id}/reorder`, {
        token: a.owner.token,
        body: { afterId: qualified.id },
      }),
      params({ id: proposal.id }),
    );
    expect(moved.status, await moved.clone().text()).toBe(200);
    expect((await list()).slice(0, 3)).toEqual(["New lead", "Qualified", "Proposal sent"]);
    const after = await asService((sql) =>
      sql.query<{ id: string; position: string }>("select id, position from public.stages where pipeline_id = $1", [
        sales.id,
      ]),
    );
    const changed = after.filter((r) => before.find((b) => b.id === r.id)!.position !== r.position);
    expect(changed.map((r) => r.id)).toEqual([proposal.id]);

    const renamed = await stage.PATCH(
      jsonRequest(`/api/pipeline/stages/${proposal.id}`, {
        method: "PATCH",
        token: a.owner.token,
        body: { name: "Offer", color: "#112233", kind: "open" },
      }),
      params({ id: proposal.id }),
    );
    expect(await renamed.json()).toMatchObject({ name: "Offer", color: "#112233" });

    const agentEdit = await stage.PATCH(
      jsonRequest(`/api/pipeline/stages/${proposal.id}`, {
        method: "PATCH",
        token: a.agent.token,
        body: { name: "Z" },
      }),
      params({ id: proposal.id }),
    );
    expect(agentEdit.status).toBe(403);

    // A stage with a deal cannot go; an empty one can.
    const d = await createDeal(a.agent, { title: "Keeps the stage", pipelineId: sales.id, stageId: proposal.id });
    const busy = await stage.DELETE(
      jsonRequest(`/api/pipeline/stages/${proposal.id}`, { method: "DELETE", token: a.owner.token }),
      params({ id: proposal.id }),
    );
    expect(busy.status).toBe(409);
    await asService((sql) => sql.query("delete from public.deals where id = $1", [d.id]));
    const gone = await stage.DELETE(
      jsonRequest(`/api/pipeline/stages/${proposal.id}`, { method: "DELETE", token: a.owner.token }),
      params({ id: proposal.id }),
    );
    expect(gone.status).toBe(204);
    expect(await list()).not.toContain("Offer");
  });

  it("reads the board: columns in order with counts, sums per currency and keyset pages", async () => {
    const sales = (await pipelinesOf(a.owner)).find((p) => p.name === "Sales")!;
    const lead = sales.stages[0];
    for (let i = 1; i <= 5; i++) {
      await createDeal(a.agent, {
        title: `Card ${i}`,
        pipelineId: sales.id,
        stageId: lead.id,
        amount: i * 100,
        currency: i % 2 ? "RUB" : "usd",
      });
    }
    const res = await board.GET(
      jsonRequest(`/api/pipeline/${sales.id}/board?limit=2`, { token: a.viewer.token }),
      params({ id: sales.id }),
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as {
      columns: {
        stage: StageView;
        count: number;
        totals: { currency: string; amount: string }[];
        deals: { title: string }[];
        nextCursor: string | null;
      }[];
    };
    expect(body.columns.map((c) => c.stage.name)).toEqual(sales.stages.map((s) => s.name));
    const first = body.columns[0];
    expect(first.count).toBe(5);
    expect(Object.fromEntries(first.totals.map((t) => [t.currency, t.amount]))).toEqual({
      RUB: "900.00",
      USD: "600.00",
    });
    // New deals go on top, so the newest is first.
    expect(first.deals.map((d) => d.title)).toEqual(["Card 5", "Card 4"]);
    expect(first.nextCursor).toBeTruthy();
    expect(body.columns[1]).toMatchObject({ count: 0, deals: [], nextCursor: null });

    const { GET: listDeals } = await import("@/app/api/crm/deals/route");
    const titles: string[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await listDeals(
        jsonRequest(`/api/crm/deals?stageId=${lead.id}&limit=2&cursor=${cursor}`, { token: a.viewer.token }),
      );
      const p = (await page.json()) as { deals: { title: string }[]; nextCursor: string | null };
      titles.push(...p.deals.map((d) => d.title));
      cursor = p.nextCursor;
    }
    expect(titles).toEqual(["Card 3", "Card 2", "Card 1"]);

    const filtered = await board.GET(
      jsonRequest(`/api/pipeline/${sales.id}/board?q=card%203`, { token: a.viewer.token }),
      params({ id: sales.id }),
    );
    const f = (await filtered.json()) as typeof body;
    expect(f.columns[0]).toMatchObject({ count: 1, totals: [{ currency: "RUB", amount: "300.00" }] });
  });

  it("keeps every organisation's pipelines and stages to itself", async () => {
    const mine = (await pipelinesOf(a.owner))[0];
    expect((await pipelinesOf(b.owner)).map((p) => p.id)).not.toContain(mine.id);
    const asB = (res: Response) => res.status;
    expect(
      asB(
        await onePipeline.GET(
          jsonRequest(`/api/pipeline/${mine.id}`, { token: b.owner.token }),
          params({ id: mine.id }),
        ),
      ),
    ).toBe(404);
    expect(
      asB(
        await board.GET(
          jsonRequest(`/api/pipeline/${mine.id}/board`, { token: b.owner.token }),
          params({ id: mine.id }),
        ),
      ),
    ).toBe(404);
    const stageId = mine.stages[0].id;
    expect(
      asB(
        await stage.GET(
          jsonRequest(`/api/pipeline/stages/${stageId}`, { token: b.owner.token }),
          params({ id: stageId }),
        ),
      ),
    ).toBe(404);
    expect(
      asB(
        await stage.PATCH(
          jsonRequest(`/api/pipeline/stages/${stageId}`, {
            method: "PATCH",
            token: b.owner.token,
            body: { name: "Mine now" },
          }),
          params({ id: stageId }),
        ),
      ),
    ).toBe(404);
    expect(
      asB(
        await stage.DELETE(
          jsonRequest(`/api/pipeline/stages/${stageId}`, { method: "DELETE", token: b.owner.token }),
          params({ id: stageId }),
        ),
      ),
    ).toBe(404);
    const foreign = await stages.POST(
      jsonRequest("/api/pipeline/stages", { token: b.owner.token, body: { pipelineId: mine.id, name: "Sneaky" } }),
    );
    expect(foreign.status).toBe(400);
    expect(((await foreign.json()) as { error: { message: string } }).error.message).toMatch(/^pipelineId/);
    const listed = await stages.GET(
      jsonRequest(`/api/pipeline/stages?pipelineId=${mine.id}`, { token: b.owner.token }),
    );
    expect(listed.status).toBe(400);
    expect(
      asB(await onePipeline.GET(jsonRequest(`/api/pipeline/x`, { token: b.owner.token }), params({ id: "x" }))),
    ).toBe(400);
    expect(
      asB(
        await onePipeline.GET(
          jsonRequest(`/api/pipeline/${randomUUID()}`, { token: a.owner.token }),
          params({ id: randomUUID() }),
        ),
      ),
    ).toBe(404);
  });

  it("describes the routes in the OpenAPI document", async () => {
    const doc = await (await openapi(new Request("http://localhost:3000/api/openapi.json"))).json();
    for (const path of [
      "/api/crm/deals/{id}/stage",
      "/api/pipeline",
      "/api/pipeline/stages",
      "/api/crm/clients/{id}",
      "/api/crm/companies",
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const move = doc.paths["/api/crm/deals/{id}/stage"].patch.requestBody.content["application/json"].schema;
    expect(move.required).toEqual(["stageId"]);
    expect(Object.keys(move.properties)).toEqual(expect.arrayContaining(["afterId", "beforeId", "expectedVersion"]));
  });
});
