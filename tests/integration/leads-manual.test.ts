import { beforeAll, expect, it } from "vitest";
import * as lead from "@/app/api/dialogs/leads/[id]/route";
import * as leads from "@/app/api/dialogs/leads/route";
import { analyzeContact } from "@/lib/dialogs/analyze-contact";
import { analyzeDialogs } from "@/lib/dialogs/batch";
import type { LeadView } from "@/lib/dialogs/lead-view";
import { asService } from "@/lib/db";
import { describeEachDb } from "../helpers/db";
import { CLINIC, orgOf, seedChannel, seedDialog, useOpenAI } from "../helpers/dialogs";
import { jsonRequest, params } from "../helpers/http";
import { team } from "../helpers/inbox";

async function leadOf(orgId: string, contactId: string) {
  const [row] = await asService((sql) =>
    sql.query<{ id: string }>("select id from public.leads where org_id = $1 and contact_id = $2", [orgId, contactId]),
  );
  return row.id;
}

describeEachDb("manual lead fields", () => {
  let a: Awaited<ReturnType<typeof team>>;
  let orgA: string;
  let channelId: string;

  beforeAll(async () => {
    useOpenAI(undefined);
    a = await team("lma", "Alpha Manual");
    orgA = await orgOf(a.owner);
    channelId = await seedChannel(orgA, "telegram", "alpha-tg");
  });

  const patchLead = async (id: string, body: unknown, token = a.agent.token) =>
    lead.PATCH(jsonRequest(`/api/dialogs/leads/${id}`, { method: "PATCH", token, body }), params({ id }));

  it("keeps a person's stage, budget, owner and answers over the next analysis, and marks them manual", async () => {
    const { contactId } = await seedDialog(orgA, channelId, "Анна", CLINIC);
    expect(await analyzeDialogs(orgA, {})).toMatchObject({ analyzed: 1 });
    const id = await leadOf(orgA, contactId);

    const res = await patchLead(id, {
      funnelStage: "deal_lost",
      budget: "",
      isOwner: false,
      qualification: { q2: "не раньше весны", q4: "" },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const edited = (await res.json()) as LeadView;
    expect(edited).toMatchObject({
      funnelStage: "deal_lost",
      budget: null,
      isOwner: false,
      manualFields: ["funnelStage", "budget", "isOwner", "qualification.q2", "qualification.q4"],
    });
    expect(edited.qualification).toMatchObject({ q2: "не раньше весны", q4: null });
    expect(edited.qualificationComplete).toBe(false);
    // deal_lost 0 + medicine 15; no owner, no budget.
    expect(edited.score).toBe(15);
    expect(edited.scoreReasons.map((r) => r.rule)).toEqual(["stage:deal_lost", "modifier:niche_medicine"]);

    // The client writes again; the refresh reads the dialog afresh (forced, so the model is asked again).
    await seedDialog(
      orgA,
      channelId,
      "Анна",
      [{ direction: "in", text: "Бюджет 200 000, я владелец, когда сможете начать?" }],
      { contactId },
    );
    expect(await analyzeContact(orgA, contactId, { force: true })).toMatchObject({ status: "analyzed" });
    const [after] = await asService((sql) =>
      sql.query<{ funnel_stage: string; budget: string | null; analysis: Record<string, unknown>; score: number }>(
        "select funnel_stage, budget, analysis, score from public.leads where id = $1",
        [id],
      ),
    );
    expect(after.funnel_stage).toBe("deal_lost");
    expect(after.budget).toBeNull();
    expect(after.analysis).toMatchObject({
      funnelStage: "deal_lost",
      isOwner: false,
      budget: null,
      budgetMentioned: false,
      qualification: { q2: "не раньше весны", q4: null },
    });
    // Not corrected by hand: still the analysis's to fill.
    expect((after.analysis.qualification as Record<string, unknown>).q1).toBeTruthy();
    expect(after.score).toBe(15);
  });

  it("a lead added by hand for an existing contact shows the contact's number", async () => {
    const { contactId } = await seedDialog(orgA, channelId, "Дина", CLINIC, { phone: "+79035550001" });
    const res = await leads.POST(
      jsonRequest("/api/dialogs/leads", { token: a.agent.token, body: { name: "Дина", contactId } }),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    expect(((await res.json()) as LeadView).phone).toBe("+79035550001");
  });

  it("a correction made while the model was reading wins over that result", async () => {
    const { contactId } = await seedDialog(orgA, channelId, "Борис", CLINIC);
    await analyzeContact(orgA, contactId);
    const id = await leadOf(orgA, contactId);
    // What a slow analysis read: the lead before the correction.
    const { prepareContacts, computeAnalysis, saveComputed } = await import("@/lib/dialogs/analyze-contact");
    const { loadAiSettings } = await import("@/lib/ai/settings");
    const { resolveEngine } = await import("@/lib/dialogs/engine");
    const settings = await asService((sql) => loadAiSettings(sql, orgA));
    const engine = resolveEngine(settings);
    const prepared = await asService((sql) =>
      prepareContacts(sql, orgA, [contactId], { settings, engine, force: true }),
    );
    const computed = await computeAnalysis(prepared.get(contactId)!, engine, settings);
    expect((await patchLead(id, { funnelStage: "deal_closed" })).status).toBe(200);
    await asService((sql) => saveComputed(sql, orgA, [computed], engine));
    const [row] = await asService((sql) =>
      sql.query<{ funnel_stage: string; input_hash: string | null }>(
        "select funnel_stage, input_hash from public.leads where id = $1",
        [id],
      ),
    );
    expect(row.funnel_stage).toBe("deal_closed");
  });

  it("a lead added by hand keeps what was typed; bad input is a 400 that changes nothing", async () => {
    const res = await leads.POST(
      jsonRequest("/api/dialogs/leads", {
        token: a.agent.token,
        body: { name: "Виктор", phone: "+7 916 000-11-22", budget: "1,5 млн", funnelStage: "qualified" },
      }),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const made = (await res.json()) as LeadView;
    expect(made).toMatchObject({ source: "manual", budget: "1,5 млн", manualFields: ["funnelStage", "budget"] });
    expect((await patchLead(made.id, { funnelStage: "won" })).status).toBe(400);
    expect((await patchLead(made.id, { isOwner: "yes" })).status).toBe(400);
    expect((await patchLead(made.id, {})).status).toBe(400);
    expect((await patchLead(made.id, { isOwner: true }, a.viewer.token)).status).toBe(403);
    const owner = (await (
      await patchLead(made.id, { isOwner: true, qualification: { q3: "сам" } })
    ).json()) as LeadView;
    // qualified 30 + owner 10 + budget 10.
    expect(owner).toMatchObject({ isOwner: true, score: 50, qualification: { q3: "сам", q1: null } });
    expect(owner.manualFields).toEqual(["funnelStage", "budget", "isOwner", "qualification.q3"]);
  });
});
