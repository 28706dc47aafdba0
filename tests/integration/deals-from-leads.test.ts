import { afterAll, beforeAll, expect, it } from "vitest";
import * as onePipeline from "@/app/api/pipeline/[id]/route";
import * as suggestion from "@/app/api/pipeline/suggestions/[id]/route";
import type { DialogAnalysis } from "@/lib/ai/analysis-schema";
import { asService } from "@/lib/db";
import { analyzeContact } from "@/lib/dialogs/analyze-contact";
import { leadAnalyzed, type LeadAnalyzed } from "@/lib/dialogs/events";
import { startRunner, type Runner } from "@/lib/jobs";
import type { DealView } from "@/lib/pipeline/deals";
import { syncDealsWithLead } from "@/lib/pipeline/from-leads";
import type { PipelineView } from "@/lib/pipeline/pipelines";
import { startOpenAIFake, messagesText, type OpenAIFake } from "../fakes/openai";
import { describeEachDb } from "../helpers/db";
import {
  ANALYSES,
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
import { eventually, team } from "../helpers/inbox";
import { getDealRes, pipelinesOf } from "../helpers/pipeline";

// The course dialog's analysis, overridden per step: its funnel stage advances as the test goes on.
let courseAnswer: DialogAnalysis = ANALYSES.course;
let fake: OpenAIFake;
beforeAll(async () => {
  fake = await startOpenAIFake({ apiKey: OPENAI_KEY });
  fake.setHandler((req) =>
    messagesText(req).includes("course") ? { kind: "chat", content: courseAnswer } : answerFor(req),
  );
  useOpenAI(fake.url);
});
afterAll(async () => {
  useOpenAI(undefined);
  await fake.close();
});

const dealsOf = (contactId: string) =>
  asService((sql) =>
    sql.query<{ id: string; stage_id: string; lead_id: string | null; amount: string | null; currency: string }>(
      "select id, stage_id, lead_id, amount::text as amount, currency from public.deals where contact_id = $1 order by created_at",
      [contactId],
    ),
  );
const historyOf = (dealId: string) =>
  asService((sql) =>
    sql.query<{ to_stage_id: string; auto_moved: boolean; moved_by: string | null }>(
      "select to_stage_id, auto_moved, moved_by from public.stage_history where deal_id = $1 order by moved_at, id",
      [dealId],
    ),
  );
const jobsDone = (orgId: string) =>
  asService((sql) =>
    sql.query<{ status: string }>(
      "select status from public.jobs where org_id = $1 and name = 'dialogs.lead-analyzed' and status not in ('succeeded')",
      [orgId],
    ),
  );

describeEachDb("deals from analysed dialogs", () => {
  let a: Awaited<ReturnType<typeof team>>;
  let orgA: string;
  let channelId: string;
  let sales: PipelineView;
  let runner: Runner;
  const stageOf = (funnel: string) => sales.stages.find((s) => s.funnelStage === funnel)!.id;
  const setPipeline = async (body: Record<string, boolean>) => {
    const res = await onePipeline.PATCH(
      jsonRequest(`/api/pipeline/${sales.id}`, { method: "PATCH", token: a.owner.token, body }),
      params({ id: sales.id }),
    );
    expect(res.status, await res.clone().text()).toBe(200);
  };
  /** Analyses the dialog again and waits for the lead event's job (and so the pipeline's step) to finish. */
  const analyse = async (contactId: string) => {
    const outcome = await analyzeContact(orgA, contactId, { force: true });
    expect(outcome.status, JSON.stringify(outcome)).toBe("analyzed");
    await eventually(async () => (await jobsDone(orgA)).length === 0);
  };

  beforeAll(async () => {
    courseAnswer = ANALYSES.course;
    a = await team("dfl", "Alpha Leads");
    orgA = await orgOf(a.owner);
    channelId = await seedChannel(orgA, "telegram", "leads-bot");
    sales = (await pipelinesOf(a.owner))[0];
    runner = startRunner({ jobs: [leadAnalyzed], pollMs: 20, backoffMs: 5 });
    await runner.ready;
  });
  afterAll(() => runner.stop());

  it("makes nothing while the pipeline does not ask for it", async () => {
    const { contactId } = await seedDialog(orgA, channelId, "Анна", CLINIC);
    await analyse(contactId);
    expect(await dealsOf(contactId)).toEqual([]);
  });

  it("turns a new hot lead into one deal in the matching stage, notifying the manager, once", async () => {
    await setPipeline({ autoCreateDeals: true });
    const { contactId, conversationId } = await seedDialog(orgA, channelId, "Мария", CLINIC);
    await asService((sql) =>
      sql.query("update public.conversations set assignee_id = $2 where id = $1", [conversationId, a.agent.userId]),
    );
    await analyse(contactId);
    const [deal, ...more] = await dealsOf(contactId);
    expect(more).toEqual([]);
    expect(deal).toMatchObject({ stage_id: stageOf("consultation_booked"), amount: "100000.00", currency: "RUB" });
    expect(deal.lead_id).toBeTruthy();
    const view = (await (await getDealRes(a.agent, deal.id)).json()) as DealView & {
      history: { autoMoved: boolean }[];
    };
    expect(view).toMatchObject({ title: "Мария", ownerId: a.agent.userId, interestLevel: "hot" });
    expect(view.history.map((h) => h.autoMoved)).toEqual([true]);
    const notices = await asService((sql) =>
      sql.query<{ user_id: string; kind: string; link: string }>(
        "select user_id, kind, link from public.notifications where deal_id = $1",
        [deal.id],
      ),
    );
    expect(notices).toEqual([{ user_id: a.agent.userId, kind: "deal", link: `/pipeline?deal=${deal.id}` }]);

    // A retried job and a later analysis make no second deal and no second notice.
    const [lead] = await asService((sql) =>
      sql.query<{ id: string }>("select id from public.leads where contact_id = $1", [contactId]),
    );
    const event: LeadAnalyzed & { orgId: string } = {
      orgId: orgA,
      leadId: lead.id,
      contactId,
      channelId,
      created: true,
      score: 75,
      previousScore: null,
      interestLevel: "hot",
      previousInterestLevel: null,
      funnelStage: "consultation_booked",
      previousFunnelStage: null,
      qualificationComplete: true,
      isSpam: false,
    };
    await syncDealsWithLead(event);
    await syncDealsWithLead(event);
    expect(await dealsOf(contactId)).toHaveLength(1);
    const [{ n }] = await asService((sql) =>
      sql.query<{ n: number }>("select count(*)::int as n from public.notifications where deal_id = $1", [deal.id]),
    );
    expect(n).toBe(1);
    // Once lost, the same lead is not made into a deal again.
    await asService((sql) =>
      sql.query("update public.deals set stage_id = $2 where id = $1", [deal.id, stageOf("deal_lost")]),
    );
    await syncDealsWithLead(event);
    expect(await dealsOf(contactId)).toHaveLength(1);
  });

  it("leaves cold and unqualified leads alone", async () => {
    const { contactId } = await seedDialog(orgA, channelId, "Таргетолог", TARGET);
    await analyse(contactId);
    expect(await dealsOf(contactId)).toEqual([]);
  });

  it("suggests the next stage when auto-move is off, and a click accepts it as an automatic move", async () => {
    courseAnswer = ANALYSES.course;
    const { contactId } = await seedDialog(orgA, channelId, "John", COURSE);
    await analyse(contactId);
    const [deal] = await dealsOf(contactId);
    expect(deal.stage_id).toBe(stageOf("qualified"));

    courseAnswer = {
      ...ANALYSES.course,
      funnelStage: "consultation_booked",
      evidence: { ...ANALYSES.course.evidence, funnelStage: "the client agreed to Thursday 15:00" },
    };
    await analyse(contactId);
    const card = (await (await getDealRes(a.agent, deal.id)).json()) as DealView;
    expect(card.stageId).toBe(stageOf("qualified"));
    expect(card.suggestion).toMatchObject({
      toStageId: stageOf("consultation_booked"),
      toStageName: "Consultation booked",
      reason: "the client agreed to Thursday 15:00",
    });
    const decide = (who: typeof a.agent, body: unknown) =>
      suggestion.PATCH(
        jsonRequest(`/api/pipeline/suggestions/${card.suggestion!.id}`, { method: "PATCH", token: who.token, body }),
        params({ id: card.suggestion!.id }),
      );
    expect((await decide(a.viewer, { action: "accept" })).status).toBe(403);
    const accepted = await decide(a.agent, { action: "accept" });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    expect(await accepted.json()).toMatchObject({
      status: "accepted",
      deal: { stageId: stageOf("consultation_booked"), suggestion: null },
    });
    expect((await decide(a.agent, { action: "dismiss" })).status).toBe(409);
    expect((await historyOf(deal.id)).at(-1)).toMatchObject({ auto_moved: true, moved_by: a.agent.userId });

    // A dismissed suggestion is not made again.
    courseAnswer = { ...courseAnswer, funnelStage: "consultation_completed" };
    await analyse(contactId);
    const next = (await (await getDealRes(a.agent, deal.id)).json()) as DealView;
    expect(next.suggestion?.toStageId).toBe(stageOf("consultation_completed"));
    const dismissed = await suggestion.PATCH(
      jsonRequest(`/api/pipeline/suggestions/${next.suggestion!.id}`, {
        method: "PATCH",
        token: a.agent.token,
        body: { action: "dismiss" },
      }),
      params({ id: next.suggestion!.id }),
    );
    expect(dismissed.status).toBe(200);
    await syncDealsWithLead({
      orgId: orgA,
      leadId: (
        await asService((sql) =>
          sql.query<{ id: string }>("select id from public.leads where contact_id = $1", [contactId]),
        )
      )[0].id,
      contactId,
      channelId,
      created: false,
      score: 60,
      previousScore: 50,
      interestLevel: "warm",
      previousInterestLevel: "warm",
      funnelStage: "consultation_completed",
      previousFunnelStage: "consultation_booked",
      qualificationComplete: false,
      isSpam: false,
    });
    expect(((await (await getDealRes(a.agent, deal.id)).json()) as DealView).suggestion).toBeNull();
  });

  it("moves the deal itself when auto-move is on: forward only, never into lost, never out of won", async () => {
    await setPipeline({ autoMoveDeals: true });
    courseAnswer = { ...ANALYSES.course, language: "en", funnelStage: "qualified" };
    const { contactId } = await seedDialog(orgA, channelId, "Course buyer", [
      { direction: "in", text: "Hello, about the course for my team" },
    ]);
    await analyse(contactId);
    const [deal] = await dealsOf(contactId);
    expect(deal.stage_id).toBe(stageOf("qualified"));

    courseAnswer = { ...courseAnswer, funnelStage: "consultation_completed" };
    await analyse(contactId);
    expect((await dealsOf(contactId))[0].stage_id).toBe(stageOf("consultation_completed"));
    expect((await historyOf(deal.id)).at(-1)).toMatchObject({ auto_moved: true, moved_by: null });

    courseAnswer = { ...courseAnswer, funnelStage: "qualified" };
    await analyse(contactId);
    expect((await dealsOf(contactId))[0].stage_id).toBe(stageOf("consultation_completed"));

    // Lost needs a person's reason: the AI only suggests it.
    courseAnswer = { ...courseAnswer, funnelStage: "deal_lost" };
    await analyse(contactId);
    const card = (await (await getDealRes(a.agent, deal.id)).json()) as DealView;
    expect(card.stageId).toBe(stageOf("consultation_completed"));
    expect(card.suggestion?.toStageId).toBe(stageOf("deal_lost"));

    courseAnswer = { ...courseAnswer, funnelStage: "deal_closed" };
    await analyse(contactId);
    const won = (await (await getDealRes(a.agent, deal.id)).json()) as DealView;
    expect(won.stageId).toBe(stageOf("deal_closed"));
    expect(won.suggestion).toBeNull();
    await setPipeline({ autoCreateDeals: false, autoMoveDeals: false });
  });
});
