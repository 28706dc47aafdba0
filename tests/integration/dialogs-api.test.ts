import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as detail from "@/app/api/dialogs/analysis/[id]/route";
import * as list from "@/app/api/dialogs/analysis/route";
import * as csv from "@/app/api/dialogs/export-csv/route";
import * as lead from "@/app/api/dialogs/leads/[id]/route";
import * as leads from "@/app/api/dialogs/leads/route";
import * as stats from "@/app/api/dialogs/stats/route";
import { analyzeDialogs } from "@/lib/dialogs/batch";
import { leadViewSchema, type LeadView } from "@/lib/dialogs/lead-view";
import { startOpenAIFake, type OpenAIFake } from "../fakes/openai";
import { describeEachDb } from "../helpers/db";
import {
  answerFor,
  CLINIC,
  COURSE,
  OPENAI_KEY,
  orgOf,
  seedChannel,
  seedDialog,
  TARGET,
  useOpenAI,
} from "../helpers/dialogs";
import { jsonRequest, params } from "../helpers/http";
import { team, type Person } from "../helpers/inbox";

let fake: OpenAIFake;
beforeAll(async () => {
  fake = await startOpenAIFake({ apiKey: OPENAI_KEY });
  fake.setHandler(answerFor);
  useOpenAI(fake.url);
});
afterAll(async () => {
  useOpenAI(undefined);
  await fake.close();
});

type Page = { success: boolean; results: LeadView[]; count: number };

async function getList(who: Person, qs = "") {
  const res = await list.GET(jsonRequest(`/api/dialogs/analysis${qs}`, { token: who.token }));
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Page;
}
const names = (p: Page) => p.results.map((l) => l.contactName);

describeEachDb("dialogs API", () => {
  let a: Awaited<ReturnType<typeof team>>;
  let b: Awaited<ReturnType<typeof team>>;
  let orgA: string;
  let clinicContact: string;

  beforeAll(async () => {
    a = await team("dla", "Alpha Leads");
    b = await team("dlb", "Beta Leads");
    orgA = await orgOf(a.owner);
    const wa = await seedChannel(orgA, "evolution", "alpha-wa");
    const tg = await seedChannel(orgA, "telegram", "alpha-tg");
    ({ contactId: clinicContact } = await seedDialog(orgA, wa, "Анна", CLINIC, { phone: "+79990001122" }));
    await seedDialog(orgA, wa, "John", COURSE);
    await seedDialog(orgA, tg, "Пётр", TARGET);
    expect(await analyzeDialogs(orgA, {})).toMatchObject({ total: 3, analyzed: 3 });
  });

  it("lists leads hottest first with seed 004's filters, sorts and pages", async () => {
    const all = await getList(a.viewer);
    expect(all.count).toBe(3);
    expect(all.results.map((l) => l.score)).toEqual([75, 50, 0]);
    for (const l of all.results) leadViewSchema.parse(l);
    const clinic = all.results[0];
    expect(clinic).toMatchObject({
      contactName: "Анна",
      interestLevel: "hot",
      funnelStage: "consultation_booked",
      niche: "medicine",
      qualificationComplete: true,
      isOwner: true,
      engine: "openai",
      source: "evolution",
      instanceName: "alpha-wa",
      channelType: "evolution",
      phone: "+79990001122",
      incomingCount: 3,
      messageCount: 4,
    });
    expect(clinic.conversationId).not.toBeNull();
    expect(clinic.scoreReasons.reduce((s, r) => s + r.points, 0)).toBe(75);
    expect(clinic.scoreReasons.map((r) => r.rule)).toEqual([
      "stage:consultation_booked",
      "modifier:niche_medicine",
      "modifier:owner",
      "modifier:budget_mentioned",
    ]);

    expect(names(await getList(a.viewer, "?interestLevel=hot"))).toEqual(["Анна"]);
    expect(names(await getList(a.viewer, "?minScore=40"))).toEqual(["Анна", "John"]);
    expect(names(await getList(a.viewer, "?funnelStage=qualified"))).toEqual(["John"]);
    expect(names(await getList(a.viewer, "?qualificationComplete=true"))).toEqual(["Анна"]);
    expect((await getList(a.viewer, "?qualificationComplete=false")).count).toBe(2);
    expect(names(await getList(a.viewer, "?instanceName=alpha-wa&sort=score&order=asc"))).toEqual(["John", "Анна"]);
    expect(names(await getList(a.viewer, "?sort=name"))).toEqual(["John", "Анна", "Пётр"]);
    expect(names(await getList(a.viewer, `?contactId=${clinicContact}`))).toEqual(["Анна"]);
    const page = await getList(a.viewer, "?limit=1&offset=1");
    expect([page.count, names(page)]).toEqual([3, ["John"]]);
    expect((await getList(a.viewer, `?userAccountId=${orgA}`)).count).toBe(3);

    const wrongAccount = await list.GET(jsonRequest(`/api/dialogs/analysis?userAccountId=${randomUUID()}`, a.viewer));
    expect(wrongAccount.status).toBe(404);
    const badFilter = await list.GET(jsonRequest("/api/dialogs/analysis?interestLevel=lukewarm", a.viewer));
    expect(badFilter.status).toBe(400);
  });

  it("shows one lead with its analysis and the transcript, voice notes included", async () => {
    const [clinic] = (await getList(a.viewer)).results;
    const res = await detail.GET(
      jsonRequest(`/api/dialogs/analysis/${clinic.id}`, a.viewer),
      params({ id: clinic.id }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { lead: LeadView; transcript: { direction: string; transcript: string }[] };
    expect(body.lead.summary).toMatch(/стоматологии/);
    expect(body.lead.qualification).toMatchObject({ q1: "реклама клиники" });
    expect(body.transcript).toHaveLength(4);
    expect(body.transcript.at(-1)).toMatchObject({ direction: "in", transcript: expect.stringMatching(/Запишите/) });
  });

  it("counts leads by interest, stage and source", async () => {
    const res = await stats.GET(jsonRequest("/api/dialogs/stats", a.viewer));
    expect(res.status).toBe(200);
    const { stats: s } = (await res.json()) as { stats: Record<string, unknown> };
    expect(s).toEqual({
      total: 3,
      hot: 1,
      warm: 1,
      cold: 1,
      averageScore: 41.7,
      qualificationComplete: 1,
      byStage: { consultation_booked: 1, qualified: 1, not_qualified: 1 },
      bySource: { evolution: 2, inbox: 1 },
    });
    const filtered = await stats.GET(jsonRequest("/api/dialogs/stats?instanceName=alpha-tg", a.viewer));
    expect(((await filtered.json()) as { stats: { total: number; cold: number } }).stats).toMatchObject({
      total: 1,
      cold: 1,
    });
  });

  it("creates a lead by hand, scored from its stage, and re-scores it when corrected", async () => {
    const forbidden = await leads.POST(
      jsonRequest("/api/dialogs/leads", { token: a.viewer.token, body: { name: "X" } }),
    );
    expect(forbidden.status).toBe(403);

    const res = await leads.POST(
      jsonRequest("/api/dialogs/leads", {
        token: a.agent.token,
        body: { name: "Мария", phone: "+7 999 555-44-33", need: 'Сайт "под ключ"\nсрочно', budget: "50 000 ₽" },
      }),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const created = leadViewSchema.parse(await res.json());
    // new_lead 5 + budget named 10.
    expect(created).toMatchObject({
      name: "Мария",
      contactName: "Мария",
      source: "manual",
      engine: "manual",
      score: 15,
      interestLevel: "cold",
      funnelStage: "new_lead",
      // The typed budget stays as written; its amount and currency are read from it.
      budget: "50 000 ₽",
      budgetAmount: 50000,
      budgetCurrency: "RUB",
      isSpam: false,
    });

    const patch = (id: string, who: Person, body: unknown) =>
      lead.PATCH(jsonRequest(`/api/dialogs/leads/${id}`, { method: "PATCH", token: who.token, body }), params({ id }));
    expect((await patch(created.id, a.viewer, { funnelStage: "deal_closed" })).status).toBe(403);
    const closed = await patch(created.id, a.agent, { funnelStage: "deal_closed", name: '=HYPERLINK("x")' });
    expect(closed.status, await closed.clone().text()).toBe(200);
    // deal_closed 75 + budget 10.
    expect(await closed.json()).toMatchObject({ score: 85, interestLevel: "hot", funnelStage: "deal_closed" });
    expect((await patch(created.id, a.agent, {})).status).toBe(400);
    expect((await patch(created.id, a.agent, { userAccountId: orgA })).status).toBe(400);
    expect((await patch(created.id, a.agent, { userAccountId: orgA, need: 'Сайт "под ключ"\nсрочно' })).status).toBe(
      200,
    );

    const again = await leads.POST(
      jsonRequest("/api/dialogs/leads", { token: a.agent.token, body: { name: "Anna", contactId: clinicContact } }),
    );
    expect(again.status).toBe(409);
    const unknown = await leads.POST(
      jsonRequest("/api/dialogs/leads", { token: a.agent.token, body: { name: "Anna", contactId: randomUUID() } }),
    );
    expect(unknown.status).toBe(404);
  });

  it("exports the filtered leads as CSV that Excel opens, formulas defused", async () => {
    const res = await csv.GET(jsonRequest("/api/dialogs/export-csv?minScore=40", a.viewer));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="leads-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split("\r\n");
    expect(lines[0].split(",").slice(0, 4)).toEqual(["id", "contact", "name", "phone"]);
    expect(lines[0].split(",")).toEqual(
      expect.arrayContaining(["budget", "budget_amount", "budget_currency", "is_spam"]),
    );
    expect(text).toContain("Анна");
    // Quotes doubled, the newline kept inside the quoted cell, the formula prefixed with an apostrophe.
    expect(text).toContain('"Сайт ""под ключ""\nсрочно"');
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).not.toContain("Пётр");
    expect(text).toContain(",+7 999 555-44-33,");
  });

  it("keeps another organisation out: nothing to list, read, edit, delete or export", async () => {
    const [target] = (await getList(a.viewer)).results;
    const id = target.id;
    expect((await getList(b.owner)).count).toBe(0);
    const read = await detail.GET(jsonRequest(`/api/dialogs/analysis/${id}`, b.owner), params({ id }));
    expect(read.status).toBe(404);
    const del = await detail.DELETE(
      jsonRequest(`/api/dialogs/analysis/${id}`, { method: "DELETE", token: b.owner.token }),
      params({ id }),
    );
    expect(del.status).toBe(404);
    const edit = await lead.PATCH(
      jsonRequest(`/api/dialogs/leads/${id}`, { method: "PATCH", token: b.owner.token, body: { name: "Mine" } }),
      params({ id }),
    );
    expect(edit.status).toBe(404);
    const other = await leads.POST(
      jsonRequest("/api/dialogs/leads", { token: b.owner.token, body: { name: "x", contactId: target.contactId } }),
    );
    expect(other.status).toBe(404);
    const exported = await (await csv.GET(jsonRequest("/api/dialogs/export-csv", b.owner))).text();
    expect(exported.trim().split("\r\n")).toHaveLength(1);
    const s = await stats.GET(jsonRequest("/api/dialogs/stats", b.owner));
    expect(((await s.json()) as { stats: { total: number } }).stats.total).toBe(0);
    const asA = await list.GET(jsonRequest(`/api/dialogs/analysis?userAccountId=${orgA}`, b.owner));
    expect(asA.status).toBe(404);
    const intoA = await leads.POST(
      jsonRequest("/api/dialogs/leads", { token: b.owner.token, body: { name: "x", userAccountId: orgA } }),
    );
    expect(intoA.status).toBe(404);
    expect((await getList(a.viewer)).results[0].name).toBe(target.name);
  });

  it("lets managers delete a lead, not agents", async () => {
    const [, second] = (await getList(a.viewer)).results;
    const del = (who: Person) =>
      detail.DELETE(
        jsonRequest(`/api/dialogs/analysis/${second.id}`, { method: "DELETE", token: who.token }),
        params({ id: second.id }),
      );
    expect((await del(a.agent)).status).toBe(403);
    expect((await del(a.owner)).status).toBe(204);
    const gone = await detail.GET(
      jsonRequest(`/api/dialogs/analysis/${second.id}`, a.viewer),
      params({ id: second.id }),
    );
    expect(gone.status).toBe(404);
    expect((await del(a.owner)).status).toBe(404);
  });
});
