import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, expect, it } from "vitest";
import * as send from "@/app/api/messaging/send/route";
import { sweep } from "@/lib/automation/sweep";
import { asService } from "@/lib/db";
import { leadAnalyzed, type LeadAnalyzed } from "@/lib/dialogs/events";
import { enqueue } from "@/lib/jobs";
import type { ChannelRecord } from "@/lib/channels/types";
import type { PipelineView } from "@/lib/pipeline/pipelines";
import { taskEvent, type TaskEvent } from "@/lib/tasks/events";
import { clientWrites, newChatId, rows, runAfterInbound, withAssistantFakes } from "../helpers/assistant";
import { createRule, drainJobs, EVENT_JOBS, getRuleRes, runsOf } from "../helpers/automation";
import { describeEachDb } from "../helpers/db";
import { jsonRequest } from "../helpers/http";
import { createChannel, team } from "../helpers/inbox";
import { createDeal, moveRes, pipelinesOf } from "../helpers/pipeline";

type Team = Awaited<ReturnType<typeof team>>;

const fakes = withAssistantFakes();

const stageOf = async (dealId: string) =>
  (await rows("select stage_id from public.deals where id = $1", [dealId]))[0].stage_id as string;
const historyOf = (dealId: string) =>
  rows(
    "select from_stage_id, to_stage_id, auto_moved, rule_id from public.stage_history where deal_id = $1 order by moved_at, id",
    [dealId],
  );
const noticesOf = (dealId: string) =>
  rows("select kind, title, user_id from public.notifications where deal_id = $1 order by created_at", [dealId]);
const tasksOf = (dealId: string) =>
  rows("select title, kind, source, assignee_id, due_at from public.tasks where deal_id = $1", [dealId]);
const HOUR = 3600_000;

describeEachDb("automation triggers", () => {
  let a: Team;
  let sales: PipelineView;
  let s: (i: number) => string;
  let bot: ChannelRecord;

  beforeAll(async () => {
    a = await team("aut", "Alpha Triggers");
    [sales] = await pipelinesOf(a.owner);
    s = (i) => sales.stages[i].id;
    bot = await createChannel(a.owner, { type: "telegram", name: "Bot", secrets: { botToken: fakes.telegram.token } });
  });

  // Each case's rules only: the earlier cases' rules are switched off.
  beforeEach(async () => {
    await asService((sql) => sql.query("update public.automation_rules set enabled = false"));
  });

  /** A client who has written once, and a deal for them in the first stage. */
  async function clientWithDeal(title: string) {
    const chatId = newChatId();
    const first = await clientWrites(bot, chatId, "Здравствуйте, сколько стоит?");
    await drainJobs(EVENT_JOBS);
    const [{ contact_id: contactId }] = await rows("select contact_id from public.conversations where id = $1", [
      first.conversationId,
    ]);
    const deal = await createDeal(a.agent, { title, contactId });
    await drainJobs(EVENT_JOBS);
    return { chatId, deal, contactId: contactId as string, conversationId: first.conversationId };
  }

  it("message received: the first client reply moves the deal and notifies its owner, once", async () => {
    const rule = await createRule(a.owner, {
      name: "First reply → Qualified",
      trigger: { type: "message_received" },
      conditions: [{ type: "first_reply" }, { type: "stage_is", stageIds: [s(0)] }],
      actions: [
        { type: "move_stage", stageId: s(1) },
        { type: "notify", to: "owner", text: "The client replied" },
      ],
    });
    const { chatId, deal } = await clientWithDeal("Ламинат 40 м²");
    expect(await stageOf(deal.id)).toBe(s(0));

    const reply = await clientWrites(bot, chatId, "Да, интересно, давайте посчитаем");
    await drainJobs(EVENT_JOBS);
    expect(await stageOf(deal.id)).toBe(s(1));
    expect((await historyOf(deal.id)).at(-1)).toEqual({
      from_stage_id: s(0),
      to_stage_id: s(1),
      auto_moved: true,
      rule_id: rule.id,
    });
    expect(await noticesOf(deal.id)).toEqual([
      { kind: "automation", title: "The client replied", user_id: a.agent.userId },
    ]);

    // The job retried: nothing moves, nothing is notified twice.
    await runAfterInbound(reply.messageId);
    await drainJobs(EVENT_JOBS);
    expect(await historyOf(deal.id)).toHaveLength(2);
    expect(await noticesOf(deal.id)).toHaveLength(1);
    const runs = await runsOf(a.owner, rule.id);
    expect(runs.map((r) => [r.status, r.dealId, r.actions.map((x) => x.outcome)])).toEqual([
      ["fired", deal.id, ["done", "done"]],
    ]);
    const shown = await (await getRuleRes(a.viewer, rule.id)).json();
    expect(shown).toMatchObject({ fireCount: 1, lastDealId: deal.id, lastDealTitle: "Ламинат 40 м²" });
    expect(shown.lastFiredAt).toBeTruthy();

    // A second reply is not the first: the rule does not fire again.
    await clientWrites(bot, chatId, "И ещё вопрос про плинтус");
    await drainJobs(EVENT_JOBS);
    expect(await runsOf(a.owner, rule.id)).toHaveLength(1);
  });

  it("message received: does not fire when a condition fails", async () => {
    const rule = await createRule(a.owner, {
      name: "Reply in Qualified",
      trigger: { type: "message_received" },
      conditions: [{ type: "stage_is", stageIds: [s(2)] }],
      actions: [{ type: "add_tag", tag: "replied" }],
    });
    const { chatId, deal } = await clientWithDeal("Не та стадия");
    await clientWrites(bot, chatId, "Ответ клиента");
    await drainJobs(EVENT_JOBS);
    expect(await runsOf(a.owner, rule.id)).toEqual([]);
    expect((await rows("select tags from public.deals where id = $1", [deal.id]))[0].tags).toEqual([]);
  });

  it("deal created: tags it and makes one task, however often the event is retried", async () => {
    const rule = await createRule(a.owner, {
      name: "New deal",
      trigger: { type: "deal_created", pipelineId: sales.id },
      actions: [
        { type: "add_tag", tag: "new" },
        { type: "create_task", title: "Call the client", dueInHours: 2, kind: "call" },
      ],
    });
    const deal = await createDeal(a.agent, { title: "Новая сделка" });
    await drainJobs(EVENT_JOBS);
    expect((await rows("select tags from public.deals where id = $1", [deal.id]))[0].tags).toEqual(["new"]);
    const tasks = await tasksOf(deal.id);
    expect(tasks).toMatchObject([{ title: "Call the client", kind: "call", source: "automation" }]);
    expect(tasks[0].assignee_id).toBe(a.agent.userId);
    // The same event again (a retried job): no second task, no second tag, one run.
    const [job] = await rows(
      "select payload from public.jobs where name = 'pipeline.deal-created' and payload->>'dealId' = $1",
      [deal.id],
    );
    await asService((sql) =>
      sql.query(
        "insert into public.jobs (org_id, name, payload) select org_id, 'pipeline.deal-created', $2::jsonb from public.deals where id = $1",
        [deal.id, JSON.stringify(job.payload)],
      ),
    );
    await drainJobs(EVENT_JOBS);
    expect(await tasksOf(deal.id)).toHaveLength(1);
    expect((await rows("select tags from public.deals where id = $1", [deal.id]))[0].tags).toEqual(["new"]);
    expect(await runsOf(a.owner, rule.id)).toHaveLength(1);
  });

  it("deal stage changed: fires on a move into its stage only", async () => {
    const rule = await createRule(a.owner, {
      name: "Booked → prepare",
      trigger: { type: "deal_stage_changed", toStageId: s(2) },
      actions: [{ type: "create_task", title: "Prepare the consultation", dueInHours: 24 }],
    });
    const deal = await createDeal(a.agent, { title: "Консультация" });
    expect((await moveRes(a.agent, deal.id, { stageId: s(1) })).status).toBe(200);
    await drainJobs(EVENT_JOBS);
    expect(await tasksOf(deal.id)).toEqual([]);
    expect((await moveRes(a.agent, deal.id, { stageId: s(2) })).status).toBe(200);
    await drainJobs(EVENT_JOBS);
    expect(await tasksOf(deal.id)).toMatchObject([{ title: "Prepare the consultation" }]);
    expect(await runsOf(a.owner, rule.id)).toHaveLength(1);
  });

  it("loop guard: a rule whose move triggers itself is stopped and says so in its log", async () => {
    const rule = await createRule(a.owner, {
      name: "Any move → Booked",
      trigger: { type: "deal_stage_changed" },
      actions: [
        { type: "move_stage", stageId: s(2) },
        { type: "notify", to: "team", text: "Moved" },
      ],
    });
    const deal = await createDeal(a.agent, { title: "Петля" });
    expect((await moveRes(a.agent, deal.id, { stageId: s(1) })).status).toBe(200);
    await drainJobs(EVENT_JOBS);
    expect(await stageOf(deal.id)).toBe(s(2));
    expect(await noticesOf(deal.id)).toHaveLength(1);
    const runs = await runsOf(a.owner, rule.id);
    expect(runs.map((r) => r.status).sort()).toEqual(["fired", "loop"]);
    const stopped = await (await getRuleRes(a.owner, rule.id)).json();
    expect(stopped).toMatchObject({ enabled: false });
    expect(stopped.stoppedReason).toMatch(/own action/);
  });

  it("loop guard: two rules feeding each other are stopped by the per-deal limit", async () => {
    const there = await createRule(a.owner, {
      name: "Qualified → Booked",
      trigger: { type: "deal_stage_changed", toStageId: s(1) },
      actions: [{ type: "move_stage", stageId: s(2) }],
    });
    const back = await createRule(a.owner, {
      name: "Booked → Qualified",
      trigger: { type: "deal_stage_changed", toStageId: s(2) },
      actions: [{ type: "move_stage", stageId: s(1) }],
    });
    const deal = await createDeal(a.agent, { title: "Пинг-понг" });
    expect((await moveRes(a.agent, deal.id, { stageId: s(1) })).status).toBe(200);
    await drainJobs(EVENT_JOBS, 40);
    const rules = await rows("select id, enabled, stopped_reason from public.automation_rules where id = any($1)", [
      [there.id, back.id],
    ]);
    const stoppedOnes = rules.filter((r) => !r.enabled);
    expect(stoppedOnes).toHaveLength(1);
    expect(stoppedOnes[0].stopped_reason).toMatch(/5 times/);
    expect((await historyOf(deal.id)).length).toBeLessThanOrEqual(2 + 2 * 5 + 1);
    const queued = await rows("select 1 from public.jobs where name = 'pipeline.deal-moved' and status = 'queued'");
    expect(queued).toEqual([]);
  });

  it("lead scored: a lead that became hot notifies the team and assigns the least loaded, once", async () => {
    const rule = await createRule(a.owner, {
      name: "Hot lead",
      trigger: { type: "lead_scored", becameInterest: "hot" },
      actions: [
        { type: "notify", to: "team", text: "Hot lead" },
        { type: "assign", mode: "least_loaded", userIds: [a.owner.userId] },
      ],
    });
    const { deal, contactId } = await clientWithDeal("Горячий лид");
    const event = (over: Partial<LeadAnalyzed>): LeadAnalyzed => ({
      leadId: randomUUID(),
      contactId,
      channelId: bot.id,
      created: false,
      score: 80,
      previousScore: 40,
      interestLevel: "hot",
      previousInterestLevel: "warm",
      funnelStage: "qualified",
      previousFunnelStage: "new_lead",
      qualificationComplete: true,
      isSpam: false,
      ...over,
    });
    // Already hot before: not "became hot".
    await enqueue(leadAnalyzed, event({ previousInterestLevel: "hot" }), { orgId: await orgOf(deal.id) });
    await drainJobs(EVENT_JOBS);
    expect(await noticesOf(deal.id)).toEqual([]);
    const hot = event({});
    await enqueue(leadAnalyzed, hot, { orgId: await orgOf(deal.id) });
    await enqueue(leadAnalyzed, hot, { orgId: await orgOf(deal.id) });
    await drainJobs(EVENT_JOBS);
    expect(await noticesOf(deal.id)).toMatchObject([{ kind: "automation", title: "Hot lead", user_id: null }]);
    expect((await rows("select owner_id from public.deals where id = $1", [deal.id]))[0].owner_id).toBe(a.owner.userId);
    expect(await runsOf(a.owner, rule.id)).toHaveLength(1);
  });

  it("task overdue: notifies the deal's owner when the tasks module says a task is overdue", async () => {
    const rule = await createRule(a.owner, {
      name: "Overdue",
      trigger: { type: "task_overdue" },
      actions: [{ type: "notify", to: "owner", text: "A task is overdue" }],
    });
    const deal = await createDeal(a.agent, { title: "Просрочка" });
    const event = (phase: TaskEvent["phase"]): TaskEvent => ({
      taskId: "6f1c7f0e-8a51-4b44-9a63-0b3c5d3c8a11",
      phase,
      kind: "call",
      title: "Перезвонить",
      dueAt: new Date(Date.now() - HOUR).toISOString(),
      assigneeId: a.agent.userId,
      contactId: null,
      conversationId: null,
      dealId: deal.id,
      source: "manual",
    });
    const orgId = await orgOf(deal.id);
    // Only the overdue phase is queued: automation is the tasks event's one listener, and acts on no other.
    expect((await enqueue(taskEvent, event("due"), { orgId })).skipped).toBe(true);
    await drainJobs(EVENT_JOBS);
    expect(await noticesOf(deal.id)).toEqual([]);
    await enqueue(taskEvent, event("overdue"), { orgId });
    await enqueue(taskEvent, event("overdue"), { orgId });
    await drainJobs(EVENT_JOBS);
    expect(await noticesOf(deal.id)).toMatchObject([{ title: "A task is overdue", user_id: a.agent.userId }]);
    expect(await runsOf(a.owner, rule.id)).toHaveLength(1);
  });

  it("time in stage: 24 h in New lead with a client reply → Qualified, on the sweep's clock", async () => {
    const rule = await createRule(a.owner, {
      name: "24 h in New lead",
      trigger: { type: "time_in_stage", stageId: s(0), hours: 24 },
      conditions: [{ type: "has_client_reply" }],
      actions: [{ type: "move_stage", stageId: s(1) }],
    });
    const { deal } = await clientWithDeal("Ждёт сутки");
    const silent = await createDeal(a.agent, { title: "Без ответа клиента" });
    const t0 = Date.now();
    await sweep(new Date(t0 + 23 * HOUR));
    expect(await stageOf(deal.id)).toBe(s(0));
    await sweep(new Date(t0 + 25 * HOUR));
    expect(await stageOf(deal.id)).toBe(s(1));
    expect(await stageOf(silent.id)).toBe(s(0));
    expect((await historyOf(deal.id)).at(-1)).toMatchObject({ auto_moved: true, rule_id: rule.id });
    // The next sweep, and a deal moved back by hand, do not fire again for the same stay.
    await sweep(new Date(t0 + 26 * HOUR));
    expect((await runsOf(a.owner, rule.id)).filter((r) => r.dealId === deal.id)).toHaveLength(1);
  });

  it("no reply for N hours: our message unanswered for 48 h makes one follow-up task", async () => {
    const rule = await createRule(a.owner, {
      name: "No reply 48 h",
      trigger: { type: "no_reply", hours: 48, waiting: "client" },
      actions: [{ type: "create_task", title: "Follow up", dueInHours: 0, kind: "follow_up" }],
    });
    const { deal, conversationId, chatId } = await clientWithDeal("Молчит");
    const sent = await send.POST(
      jsonRequest("/api/messaging/send", { token: a.agent.token, body: { conversationId, text: "Вот расчёт" } }),
    );
    expect(sent.status, await sent.clone().text()).toBeLessThan(300);
    const t0 = Date.now();
    await sweep(new Date(t0 + 47 * HOUR));
    expect(await tasksOf(deal.id)).toEqual([]);
    await sweep(new Date(t0 + 49 * HOUR));
    await sweep(new Date(t0 + 50 * HOUR));
    expect(await tasksOf(deal.id)).toMatchObject([{ title: "Follow up", kind: "follow_up", source: "automation" }]);
    // The client answers: nothing is waiting any more.
    await clientWrites(bot, chatId, "Посмотрел, подходит");
    await sweep(new Date(t0 + 100 * HOUR));
    expect(await tasksOf(deal.id)).toHaveLength(1);
    expect(await runsOf(a.owner, rule.id)).toHaveLength(1);
  });
});

async function orgOf(dealId: string): Promise<string> {
  return (await rows("select org_id from public.deals where id = $1", [dealId]))[0].org_id as string;
}
