import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { asService } from "@/lib/db";
import { analyzeDialogs } from "@/lib/dialogs/batch";
import { malformedAnswer, startOpenAIFake, type OpenAIFake } from "../fakes/openai";
import { describeEachDb } from "../helpers/db";
import {
  addMessages,
  answerFor,
  CLINIC,
  COURSE,
  leadOf,
  OPENAI_KEY,
  seedChannel,
  seedDialog,
  TARGET,
  useOpenAI,
} from "../helpers/dialogs";
import { createOrgFixture } from "../helpers/seed";

let fake: OpenAIFake;
beforeAll(async () => {
  fake = await startOpenAIFake({ apiKey: OPENAI_KEY });
  useOpenAI(fake.url);
});
afterAll(async () => {
  useOpenAI(undefined);
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  fake.setHandler(answerFor);
});

const chatRequests = () => fake.requests.filter((r) => r.path === "/v1/chat/completions");

async function runs(orgId: string) {
  return asService((sql) =>
    sql.query<{ outcome: string; engine: string; model: string | null; attempts: number; prompt_tokens: number }>(
      "select outcome, engine, model, attempts, prompt_tokens from public.ai_runs where org_id = $1 and kind = 'analysis' order by created_at",
      [orgId],
    ),
  );
}

describeEachDb("dialog analysis batch", () => {
  let orgId: string;
  let channelId: string;
  const contacts: Record<string, { contactId: string; conversationId: string }> = {};

  beforeAll(async () => {
    ({ orgId } = await asService((sql) => createOrgFixture(sql, "Dialogs Ltd")));
    channelId = await seedChannel(orgId, "evolution", "sales-wa");
    contacts.clinic = await seedDialog(orgId, channelId, "Анна", CLINIC, { phone: "+79990001122" });
    contacts.course = await seedDialog(orgId, channelId, "John", COURSE);
    contacts.target = await seedDialog(orgId, channelId, "Пётр", TARGET);
    // Two client messages: below seed 004's minimum of three, never analysed.
    contacts.quiet = await seedDialog(orgId, channelId, "Quiet", [
      { direction: "in", text: "Здравствуйте" },
      { direction: "in", text: "Есть кто?" },
    ]);
  });

  it("scores every dialog with enough client messages per seed 004 and stores one lead per contact", async () => {
    const stats = await analyzeDialogs(orgId, { channelId });
    expect(stats).toEqual({ total: 3, analyzed: 3, new_leads: 3, hot: 1, warm: 1, cold: 1, errors: 0, skipped: 0 });
    expect(chatRequests()).toHaveLength(3);

    const clinic = await leadOf(orgId, contacts.clinic.contactId);
    expect(clinic).toMatchObject({
      score: 75,
      interest_level: "hot",
      funnel_stage: "consultation_booked",
      engine: "openai",
      model: "gpt-4.1-mini",
      source: "evolution",
      name: "Анна",
      need: "реклама клиники",
      qualification_complete: true,
      incoming_count: 3,
      last_error: null,
    });
    expect(await leadOf(orgId, contacts.course.contactId)).toMatchObject({ score: 50, interest_level: "warm" });
    // 15 − 30 clamps to 0.
    expect(await leadOf(orgId, contacts.target.contactId)).toMatchObject({ score: 0, interest_level: "cold" });
    expect(await leadOf(orgId, contacts.quiet.contactId)).toBeUndefined();

    // The voice note's transcript is part of what the model read.
    const clinicRequest = chatRequests().find((r) => JSON.stringify(r.json).includes("стоматология"))!;
    expect(JSON.stringify(clinicRequest.json)).toContain("Запишите меня на консультацию");

    const recorded = await runs(orgId);
    expect(recorded).toHaveLength(3);
    for (const r of recorded) expect(r).toMatchObject({ outcome: "ok", engine: "openai", attempts: 1 });
    expect(recorded[0].prompt_tokens).toBeGreaterThan(0);
  });

  it("does not analyse an unchanged dialog again, but a new message re-analyses it", async () => {
    const again = await analyzeDialogs(orgId, { channelId });
    expect(again).toMatchObject({ total: 3, analyzed: 0, skipped: 3, hot: 1, warm: 1, cold: 1, errors: 0 });
    expect(chatRequests()).toHaveLength(0);

    await addMessages(orgId, channelId, contacts.course.conversationId, [
      { direction: "in", text: "Can we book a call tomorrow?" },
    ]);
    const after = await analyzeDialogs(orgId, { channelId });
    expect(after).toMatchObject({ analyzed: 1, skipped: 2, new_leads: 0, errors: 0 });
    expect(chatRequests()).toHaveLength(1);
    expect(JSON.stringify(chatRequests()[0].json)).toContain("book a call tomorrow");
    expect(await leadOf(orgId, contacts.course.contactId)).toMatchObject({ incoming_count: 4 });

    const forced = await analyzeDialogs(orgId, { channelId, force: true });
    expect(forced).toMatchObject({ analyzed: 3, skipped: 0 });
    expect(chatRequests()).toHaveLength(4);
  });

  it("reports progress as it goes, in order, ending at the total", async () => {
    const seen: { done: number; total: number; analyzed: number }[] = [];
    await analyzeDialogs(
      orgId,
      { channelId, force: true },
      {
        concurrency: 1,
        progressEveryMs: 0,
        onProgress: ({ done, total, stats }) => void seen.push({ done, total, analyzed: stats.analyzed }),
      },
    );
    expect(seen[0]).toEqual({ done: 0, total: 3, analyzed: 0 });
    expect(seen.at(-1)).toEqual({ done: 3, total: 3, analyzed: 3 });
    expect(seen.length).toBeGreaterThan(2);
    for (let i = 1; i < seen.length; i++) expect(seen[i].done).toBeGreaterThanOrEqual(seen[i - 1].done);
  });

  it("keeps what a person wrote on the lead", async () => {
    await asService((sql) =>
      sql.query(
        "update public.leads set name = 'Anna (VIP)', need = 'set by hand' where org_id = $1 and contact_id = $2",
        [orgId, contacts.clinic.contactId],
      ),
    );
    await analyzeDialogs(orgId, { channelId, force: true });
    expect(await leadOf(orgId, contacts.clinic.contactId)).toMatchObject({
      name: "Anna (VIP)",
      need: "set by hand",
      score: 75,
    });
  });

  it("retries a malformed answer once, then counts an error and carries on with the batch", async () => {
    const ch = await seedChannel(orgId, "telegram", "malformed-bot");
    const bad = await seedDialog(orgId, ch, "Bad", COURSE);
    const good = await seedDialog(orgId, ch, "Good", CLINIC);
    fake.setHandler((req) => (JSON.stringify(req.json).includes("course") ? malformedAnswer() : answerFor(req)));
    const before = (await runs(orgId)).length;

    const stats = await analyzeDialogs(orgId, { channelId: ch }, { concurrency: 2 });
    expect(stats).toMatchObject({ total: 2, analyzed: 1, errors: 1, hot: 1, new_leads: 1 });
    const courseCalls = chatRequests().filter((r) => JSON.stringify(r.json).includes("course"));
    expect(courseCalls).toHaveLength(2);
    expect(await leadOf(orgId, good.contactId)).toMatchObject({ score: 75, last_error: null });
    const failed = await leadOf(orgId, bad.contactId);
    expect(failed.score).toBeNull();
    expect(failed.last_error).toMatch(/failed after 2 attempts/);
    expect((await runs(orgId)).slice(before).map((r) => [r.outcome, r.attempts])).toEqual(
      expect.arrayContaining([
        ["malformed", 2],
        ["ok", 1],
      ]),
    );

    // The failed dialog is tried again next time (its hash was not stored); the good one is skipped.
    fake.setHandler(answerFor);
    expect(await analyzeDialogs(orgId, { channelId: ch })).toMatchObject({ analyzed: 1, skipped: 1, errors: 0 });
    expect((await leadOf(orgId, bad.contactId)).last_error).toBeNull();
  });

  it("honours a 429's retry-after within the batch instead of failing dialogs", async () => {
    const ch = await seedChannel(orgId, "telegram", "busy-bot");
    await seedDialog(orgId, ch, "One", CLINIC);
    await seedDialog(orgId, ch, "Two", TARGET);
    fake.enqueue({ kind: "error", status: 429, retryAfter: "1" });

    const stats = await analyzeDialogs(orgId, { channelId: ch }, { concurrency: 1 });
    expect(stats).toMatchObject({ total: 2, analyzed: 2, errors: 0 });
    const calls = chatRequests();
    expect(calls).toHaveLength(3);
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(900);
  });

  it("cools the whole pool down when the provider keeps refusing past the SDK's retries", async () => {
    const ch = await seedChannel(orgId, "telegram", "storm-bot");
    await seedDialog(orgId, ch, "Three", CLINIC);
    await seedDialog(orgId, ch, "Four", COURSE);
    // x-should-retry: false makes the SDK give up at once, as it does after its last retry.
    const refuse = { kind: "error", status: 429, retryAfterMs: "400", shouldRetry: false } as const;
    fake.enqueue(refuse, refuse);

    const stats = await analyzeDialogs(orgId, { channelId: ch }, { concurrency: 2 });
    expect(stats).toMatchObject({ total: 2, analyzed: 2, errors: 0 });
    const calls = chatRequests();
    expect(calls).toHaveLength(4);
    // Nobody called again before the cool-down the provider asked for.
    expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(350);
  });

  it("stops at a dialog the provider refuses for good (quota), counted as an error, never retried", async () => {
    const ch = await seedChannel(orgId, "telegram", "quota-bot");
    const c = await seedDialog(orgId, ch, "Five", CLINIC);
    // No x-should-retry from the server: the client itself knows insufficient_quota is permanent.
    fake.setHandler(() => ({ kind: "error", status: 429, type: "insufficient_quota", code: "insufficient_quota" }));
    const progress: { stats: { errors: number } }[] = [];
    await expect(
      analyzeDialogs(orgId, { channelId: ch }, { onProgress: (p) => void progress.push(p) }),
    ).rejects.toThrow(/^OpenAI quota exhausted, analysis stopped: 429/);
    expect(progress.at(-1)?.stats).toMatchObject({ total: 1, analyzed: 0, errors: 1 });
    expect(fake.requests).toHaveLength(1);
    expect((await leadOf(orgId, c.contactId)).last_error).toMatch(/429/);
    await asService((sql) => sql.query("delete from public.ai_provider_status where org_id = $1", [orgId]));
  });

  it("uses the offline engine without an API key and labels its results offline", async () => {
    useOpenAI(undefined);
    try {
      const ch = await seedChannel(orgId, "telegram", "offline-bot");
      const c = await seedDialog(orgId, ch, "Ольга", [
        { direction: "in", text: "Здравствуйте! У меня стоматологическая клиника, я владелец." },
        { direction: "out", text: "Добрый день! Какой бюджет на рекламу?" },
        { direction: "in", text: "Бюджет 150 000 рублей в месяц." },
        { direction: "in", text: "Хочу записаться на консультацию." },
      ]);
      const stats = await analyzeDialogs(orgId, { channelId: ch });
      expect(stats).toMatchObject({ total: 1, analyzed: 1, errors: 0 });
      const lead = await leadOf(orgId, c.contactId);
      expect(lead).toMatchObject({ engine: "offline", model: null, source: "inbox" });
      expect(lead.score).toBeGreaterThanOrEqual(40);
      // The budget as an amount and a currency, the client's words kept as its evidence and on the score's rule.
      expect(lead).toMatchObject({ budget_currency: "RUB", budget: "Бюджет 150 000 рублей в месяц", is_spam: false });
      expect(Number(lead.budget_amount)).toBe(150000);
      expect(lead.score_reasons).toContainEqual(
        expect.objectContaining({ rule: "modifier:budget_mentioned", evidence: "Бюджет 150 000 рублей в месяц" }),
      );
      expect(fake.requests).toHaveLength(0);
      expect((await runs(orgId)).at(-1)).toMatchObject({ engine: "offline", outcome: "ok", model: null });

      // A backlink offer quoting a price is spam: cold, marked, and its "$49" is no budget.
      const spam = await seedDialog(orgId, ch, "SEO Bot", [
        { direction: "in", text: "Hello! I noticed your website ranks on page 3." },
        { direction: "in", text: "We offer dofollow backlinks for only $49 each." },
        { direction: "in", text: "Reply YES to get a free audit." },
      ]);
      await analyzeDialogs(orgId, { channelId: ch });
      expect(await leadOf(orgId, spam.contactId)).toMatchObject({
        is_spam: true,
        interest_level: "cold",
        funnel_stage: "not_qualified",
        budget: null,
        budget_amount: null,
      });

      // Switching engines changes the input hash: the dialog is analysed again by the new engine.
      useOpenAI(fake.url);
      expect(await analyzeDialogs(orgId, { channelId: ch })).toMatchObject({ analyzed: 2, skipped: 0 });
      expect((await leadOf(orgId, c.contactId)).engine).toBe("openai");
    } finally {
      useOpenAI(fake.url);
    }
  });
});
