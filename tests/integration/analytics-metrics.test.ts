import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import * as apiKeys from "@/app/api/api-keys/route";
import * as ai from "@/app/api/analytics/ai/route";
import * as calls from "@/app/api/analytics/calls/route";
import * as conversion from "@/app/api/analytics/conversion-rates/route";
import * as exportRoute from "@/app/api/analytics/export/route";
import * as leadQuality from "@/app/api/analytics/lead-quality/route";
import * as messages from "@/app/api/analytics/messages/route";
import * as pipelineValue from "@/app/api/analytics/pipeline-value/route";
import * as questions from "@/app/api/analytics/popular-questions/route";
import * as responseTimes from "@/app/api/analytics/response-times/route";
import * as team from "@/app/api/analytics/team-performance/route";
import { GET as openapi } from "@/app/api/openapi.json/route";
import type { ReportResult } from "@/lib/analytics/report";
import { compactAnalytics } from "@/lib/analytics/compact";
import { summariseWeek } from "@/lib/analytics/weekly-summary";
import { lastWeek } from "@/lib/analytics/weekly-text";
import { asService, type Sql } from "@/lib/db";
import { describeEachDb } from "../helpers/db";
import { jsonRequest } from "../helpers/http";
import {
  conversationAt as conversation,
  messageAt,
  reportAs as report,
  type AnalyticsConversation as Conv,
} from "../helpers/analytics";
import { team as makeTeam } from "../helpers/inbox";

// Each report on a small organisation built by hand, with answers worked out on paper. The period is the week
// 2026-11-02..08 in Moscow (UTC+3): a message at 2026-11-01 21:30 UTC is on 2 November there and inside it,
// one at 2026-11-08 21:30 UTC is on 9 November and outside.

type Team = Awaited<ReturnType<typeof makeTeam>>;
const WEEK = "from=2026-11-02&to=2026-11-08&tz=Europe/Moscow";

const rows = (r: ReportResult, table: string) => r.tables[table].rows;
const hex = () => randomBytes(8).toString("hex");

async function orgOf(sql: Sql, userId: string) {
  const [row] = await sql.query<{ org_id: string }>("select org_id from public.memberships where user_id = $1", [
    userId,
  ]);
  return row.org_id;
}

async function channel(sql: Sql, org: string, type: string, name: string) {
  const [c] = await sql.query<{ id: string }>(
    "insert into public.channels (org_id, type, name) values ($1, $2, $3) returning id",
    [org, type, name],
  );
  return c.id;
}

const message = (
  sql: Sql,
  org: string,
  c: Conv,
  at: string,
  who: "contact" | "ai" | "agent",
  text: string,
  userId: string | null = null,
) => messageAt(sql, org, c, at, who, { text, userId });

describeEachDb("analytics metrics", () => {
  let a: Team;
  let b: Team;
  let orgA: string;
  let formerId: string;
  let stages: Record<string, string>;

  beforeAll(async () => {
    a = await makeTeam("ana", "Alpha Analytics");
    b = await makeTeam("anb", "Beta Analytics");
    await asService(async (sql) => {
      orgA = await orgOf(sql, a.agent.userId);
      const orgB = await orgOf(sql, b.agent.userId);
      // A member who answered once and has since left the team.
      formerId = randomUUID();
      await sql.query(
        `insert into auth.users (id, aud, role, email, created_at, updated_at)
         values ($1, 'authenticated', 'authenticated', 'former-ana@example.com', now(), now())`,
        [formerId],
      );
      await sql.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, 'agent')", [
        orgA,
        formerId,
      ]);
      const tg = await channel(sql, orgA, "telegram", "Bot");
      const wa = await channel(sql, orgA, "evolution", "Phone");
      const c1 = await conversation(sql, orgA, tg, "Анна", "2026-11-02T10:00:00Z");
      await message(sql, orgA, c1, "2026-11-02T10:00:00Z", "contact", "Сколько стоит доставка?");
      await message(sql, orgA, c1, "2026-11-02T10:00:30Z", "ai", "Бесплатно от 5000 ₽");
      await message(sql, orgA, c1, "2026-11-02T10:05:00Z", "agent", "Уточню у склада", a.agent.userId);
      const c2 = await conversation(sql, orgA, tg, "Борис", "2026-11-03T12:00:00Z");
      await message(sql, orgA, c2, "2026-11-03T12:00:00Z", "contact", "Какая цена?");
      await message(sql, orgA, c2, "2026-11-03T12:10:00Z", "agent", "1500 ₽", formerId);
      // Never answered.
      const c3 = await conversation(sql, orgA, wa, "Вера", "2026-11-04T09:00:00Z");
      await message(sql, orgA, c3, "2026-11-04T09:00:00Z", "contact", "How much is it?");
      // 2 November in Moscow, 1 November in UTC: answered by the AI only.
      const c5 = await conversation(sql, orgA, tg, "Гоша", "2026-11-01T21:30:00Z");
      await message(sql, orgA, c5, "2026-11-01T21:30:00Z", "contact", "сколько стоит?");
      await message(sql, orgA, c5, "2026-11-01T21:31:00Z", "ai", "От 1000 ₽");
      // 9 November in Moscow: outside the week.
      const c4 = await conversation(sql, orgA, wa, "Дина", "2026-11-08T21:30:00Z");
      await message(sql, orgA, c4, "2026-11-08T21:30:00Z", "contact", "Where are you located?");
      await sql.query("delete from public.memberships where org_id = $1 and user_id = $2", [orgA, formerId]);

      const lead = (c: Conv, score: number, level: string, qualified: boolean, at: string) =>
        sql.query(
          `insert into public.leads (org_id, contact_id, channel_id, score, interest_level, qualification_complete,
             analyzed_at, funnel_stage)
           values ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [orgA, c.contactId, c.channelId, score, level, qualified, at, qualified ? "qualified" : "new_lead"],
        );
      await lead(c1, 85, "hot", true, "2026-11-03T08:00:00Z");
      await lead(c2, 55, "warm", false, "2026-11-04T08:00:00Z");
      await lead(c5, 20, "cold", false, "2026-11-05T08:00:00Z");
      // Lead outside the period: not in lead quality.
      await lead(c4, 90, "hot", true, "2026-11-09T08:00:00Z");

      const st = await sql.query<{ id: string; name: string }>(
        "select s.id, s.name from public.stages s join public.pipelines p on p.id = s.pipeline_id where p.org_id = $1 and p.is_default",
        [orgA],
      );
      stages = Object.fromEntries(st.map((s) => [s.name, s.id]));
      // Organisation B: one client message in the same week, which A must never count.
      const tgB = await channel(sql, orgB, "telegram", "Bot B");
      const cb = await conversation(sql, orgB, tgB, "Чужой", "2026-11-03T10:00:00Z");
      await message(sql, orgB, cb, "2026-11-03T10:00:00Z", "contact", "Сколько стоит?");
    });
    // Deals: each move in its own transaction, as the board makes them.
    const deal = (contactId: string | null, title: string, amount: number, stage: string) =>
      asService(async (sql) => {
        const [d] = await sql.query<{ id: string }>(
          `insert into public.deals (org_id, pipeline_id, stage_id, title, contact_id, amount, owner_id, position)
           select $1, s.pipeline_id, s.id, $2, $3, $4, $5, $6 from public.stages s where s.id = $7 returning id`,
          [orgA, title, contactId, amount, a.agent.userId, `a${hex()}`, stages[stage]],
        );
        return d.id;
      });
    const move = (id: string, stage: string, reason?: string) =>
      asService((sql) =>
        sql.query("update public.deals set stage_id = $2, lost_reason = coalesce($3, lost_reason) where id = $1", [
          id,
          stages[stage],
          reason ?? null,
        ]),
      );
    const [c1Contact, c2Contact] = await asService((sql) =>
      sql.query<{ id: string }>(
        "select id from public.contacts where org_id = $1 and name in ('Анна', 'Борис') order by name",
        [orgA],
      ),
    );
    const won = await deal(c1Contact.id, "Анна", 1000, "New lead");
    await move(won, "Qualified");
    await move(won, "Won");
    await deal(c2Contact.id, "Борис", 2000, "Qualified");
    const back = await deal(null, "Back", 400, "New lead");
    await move(back, "Consultation booked");
    await move(back, "Qualified");
    const lost = await deal(null, "Lost", 500, "Qualified");
    await move(lost, "Lost", "дорого");
  });

  it("counts messages by platform and day in the organisation's zone, active and new conversations", async () => {
    const r = await report(messages, a.viewer.token, WEEK);
    expect(rows(r, "totals")[0]).toEqual({
      inbound: 4,
      outbound: 4,
      ai_replies: 2,
      human_replies: 2,
      active_conversations: 4,
      new_conversations: 4,
    });
    expect(rows(r, "series")).toEqual([
      { bucket: "2026-11-02", platform: "telegram", inbound: 2, outbound: 3 },
      { bucket: "2026-11-03", platform: "telegram", inbound: 1, outbound: 1 },
      { bucket: "2026-11-04", platform: "whatsapp", inbound: 1, outbound: 0 },
    ]);
    expect(r.buckets).toHaveLength(7);
    // The same week in UTC: the 1 November conversation is out, the 8 November one is in.
    const utc = await report(messages, a.viewer.token, "from=2026-11-02&to=2026-11-08&tz=UTC");
    expect(rows(utc, "totals")[0]).toMatchObject({ inbound: 4, new_conversations: 4, ai_replies: 1 });
    expect(rows(utc, "series").map((x) => x.bucket)).toContain("2026-11-08");
    const whatsapp = await report(messages, a.viewer.token, `${WEEK}&channel=whatsapp`);
    expect(rows(whatsapp, "totals")[0]).toMatchObject({ inbound: 1, outbound: 0, active_conversations: 1 });
  });

  it("measures AI and human first replies, leaving out the conversation nobody answered", async () => {
    const r = await report(responseTimes, a.owner.token, WEEK);
    expect(rows(r, "totals")[0]).toEqual({
      conversations: 4,
      unanswered: 1,
      ai_answered: 2,
      human_answered: 2,
      ai_median: 45,
      ai_p90: 57,
      human_median: 450,
      human_p90: 570,
      ai_only_share: 33.3,
    });
    const members = rows(r, "members");
    expect(members).toHaveLength(2);
    expect(members.find((m) => m.member_id === formerId)).toMatchObject({ removed: 1, human_median: 600 });
    expect(members.find((m) => m.member_id === a.agent.userId)).toMatchObject({ removed: 0, human_median: 300 });
  });

  it("follows the conversations of the period down the funnel by source channel", async () => {
    const r = await report(conversion, a.viewer.token, WEEK);
    expect(rows(r, "funnel").map((s) => [s.step, s.count, s.rate_from_previous])).toEqual([
      ["conversations", 4, null],
      ["leads", 3, 75],
      ["qualified", 1, 33.3],
      ["deals", 2, 200],
      ["won", 1, 50],
    ]);
    expect(rows(r, "channels")).toEqual([
      expect.objectContaining({ platform: "telegram", conversations: 3, leads: 3, deals: 2, won: 1 }),
      expect.objectContaining({ platform: "whatsapp", conversations: 1, leads: 0, deals: 0, won: 0 }),
    ]);
  });

  it("scores lead quality by level, source and band", async () => {
    const r = await report(leadQuality, a.viewer.token, WEEK);
    expect(rows(r, "totals")[0]).toEqual({ leads: 3, hot: 1, warm: 1, cold: 1, avg_score: 53.3 });
    expect(rows(r, "sources")).toEqual([{ source: "telegram", leads: 3, hot: 1, warm: 1, cold: 1, avg_score: 53.3 }]);
    const bands = rows(r, "distribution");
    expect(bands.map((x) => x.leads)).toEqual([0, 0, 1, 0, 0, 1, 0, 0, 1, 0]);
  });

  it("values the pipeline and follows deals through stages, including one moved back", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const r = await report(pipelineValue, a.viewer.token, `from=${today}&to=${today}&tz=UTC`);
    expect(rows(r, "totals")[0]).toEqual({
      currency: "RUB",
      open_deals: 2,
      open_value: 2400,
      weighted_value: 2400 * 0.3,
      won_deals: 1,
      won_value: 1000,
      lost_deals: 1,
      lost_value: 500,
    });
    const flow = Object.fromEntries(rows(r, "stageFlow").map((x) => [x.stage, x]));
    expect(flow["New lead"]).toMatchObject({ entered: 2, advanced: 2, moved_back: 0, lost: 0, conversion: 100 });
    expect(flow["Consultation booked"]).toMatchObject({ entered: 1, advanced: 0, moved_back: 1 });
    expect(flow["Qualified"]).toMatchObject({ entered: 4, advanced: 1, lost: 1, conversion: 25 });
    expect(rows(r, "lostReasons")).toEqual([{ reason: "дорого", currency: "RUB", deals: 1, value: 500 }]);
  });

  it("lists team performance with the removed member marked", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const r = await report(team, a.viewer.token, WEEK);
    const byId = Object.fromEntries(rows(r, "members").map((m) => [m.member_id, m]));
    expect(byId[a.agent.userId]).toMatchObject({ conversations: 1, messages: 1, first_reply_median: 300, removed: 0 });
    expect(byId[formerId]).toMatchObject({ conversations: 1, first_reply_median: 600, removed: 1 });
    expect(byId[a.owner.userId]).toMatchObject({ conversations: 0, removed: 0 });
    const now = await report(team, a.viewer.token, `from=${today}&to=${today}&tz=UTC`);
    expect(rows(now, "members").find((m) => m.member_id === a.agent.userId)).toMatchObject({
      deals_won: 1,
      won_value: 1000,
    });
  });

  it("reads calls through the columns members may see (a viewer too), and AI numbers from ai_runs and drafts", async () => {
    const c = await report(calls, a.viewer.token, WEEK);
    expect(Object.keys(c.tables)).toEqual(["totals", "series", "heatmap", "members"]);
    await asService((sql) =>
      sql.query(
        `insert into public.ai_runs (org_id, kind, engine, model, outcome, latency_ms, prompt_tokens, completion_tokens, created_at)
         values ($1, 'analysis', 'openai', 'gpt-4.1-mini', 'ok', 1000, 1000000, 0, '2026-11-03T10:00:10Z'),
                ($1, 'analysis', 'openai', 'gpt-4.1-mini', 'error', 3000, 0, 0, '2026-11-03T10:00:40Z'),
                ($1, 'reply', 'offline', null, 'handoff', 10, 0, 0, '2026-11-03T11:00:00Z')`,
        [orgA],
      ),
    );
    // ai_runs is for managers and up (its own policy): a viewer sees the replies, not the usage.
    const seenByViewer = await report(ai, a.viewer.token, WEEK);
    expect(rows(seenByViewer, "totals")[0]).toMatchObject({ ai_replies: 2, runs: 0 });
    const r = await report(ai, a.owner.token, WEEK);
    expect(rows(r, "totals")[0]).toMatchObject({
      ai_replies: 2,
      runs: 3,
      errors: 1,
      handoffs: 1,
      analysis_runs: 2,
      analysis_latency_avg_ms: 2000,
      analysis_peak_per_minute: 2,
      cost_usd: 0.4,
    });
  });

  it("groups the period's questions into topics with their conversations", async () => {
    const r = await report(questions, a.viewer.token, WEEK);
    const topics = rows(r, "topics");
    expect(topics[0]).toMatchObject({ topic: "price", questions: 3, conversations: 3, engine: "offline" });
    expect(topics.find((t) => t.topic === "delivery")).toMatchObject({ questions: 1 });
    expect(rows(r, "examples").filter((e) => e.topic === "price")).toHaveLength(3);
  });

  it("keeps each organisation's numbers to itself", async () => {
    const r = await report(messages, b.owner.token, WEEK);
    expect(rows(r, "totals")[0]).toMatchObject({ inbound: 1, outbound: 0, new_conversations: 1 });
    const q = await report(questions, b.viewer.token, WEEK);
    expect(rows(q, "topics").map((t) => t.questions)).toEqual([1]);
  });

  it("is readable with a viewer's API key, and refuses bad input naming the field", async () => {
    const made = await apiKeys.POST(
      jsonRequest("/api/api-keys", { token: a.owner.token, body: { name: "BI", role: "viewer" } }),
    );
    expect(made.status, await made.clone().text()).toBe(201);
    const { secret } = (await made.json()) as { secret: string };
    const r = await report(messages, secret, WEEK);
    expect(rows(r, "totals")[0]).toMatchObject({ inbound: 4 });
    for (const [query, field] of [
      ["from=2026-13-01", "from"],
      ["tz=Mars/Olympus", "tz"],
      ["from=2020-01-01&to=2026-01-01", "to"],
      ["interval=year", "interval"],
      ["from=2026-11-09&to=2026-11-02", "from"],
      ["pipelineId=nope", "pipelineId"],
    ]) {
      const res = await messages.GET(jsonRequest(`/api/analytics/messages?${query}`, { token: a.viewer.token }));
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(field);
    }
    const doc = await (await openapi(new Request("http://localhost:3000/api/openapi.json"))).json();
    expect(doc.paths["/api/analytics/pipeline-value"].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["from", "to", "tz", "channel", "pipelineId", "memberId", "interval"]),
    );
  });

  it("compares with the previous period", async () => {
    const r = await report(messages, a.viewer.token, "from=2026-11-09&to=2026-11-15&tz=Europe/Moscow&compare=true");
    expect(rows(r, "totals")[0]).toMatchObject({ inbound: 1 });
    expect(r.previous).toMatchObject({ from: "2026-11-02", to: "2026-11-08", totals: { inbound: 4 } });
  });

  it("exports a report's table and conversations with messages as CSV", async () => {
    const res = await exportRoute.GET(
      jsonRequest(`/api/analytics/export?report=messages&table=series&sep=;&${WEEK}`, { token: a.viewer.token }),
    );
    expect(res.status).toBe(200);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split("\r\n")).toEqual([
      "bucket;platform;inbound;outbound",
      "2026-11-02;telegram;2;3",
      "2026-11-03;telegram;1;1",
      "2026-11-04;whatsapp;1;0",
      "",
    ]);
    const conv = await exportRoute.GET(
      jsonRequest(`/api/analytics/export?report=conversations&${WEEK}`, { token: a.viewer.token }),
    );
    const lines = (await conv.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toContain("conversation_id,channel,platform,contact");
    expect(lines).toHaveLength(1 + 8);
    const bad = await exportRoute.GET(
      jsonRequest(`/api/analytics/export?report=messages&table=nope`, { token: a.viewer.token }),
    );
    expect(bad.status).toBe(400);
  });

  it("sends the owner a weekly summary of last week's numbers, once per week", async () => {
    expect(lastWeek(new Date("2026-12-09T10:00:00Z"))).toEqual({ from: "2026-11-30", to: "2026-12-06" });
    expect(lastWeek(new Date("2026-12-07T00:30:00Z"))).toEqual({ from: "2026-11-30", to: "2026-12-06" });
    const week = { from: "2026-11-02", to: "2026-11-08" };
    expect(await asService((sql) => summariseWeek(sql, orgA, week))).toBe(1);
    expect(await asService((sql) => summariseWeek(sql, orgA, week))).toBe(0);
    const notes = await asService((sql) =>
      sql.query<{ user_id: string; title: string; body: string }>(
        "select user_id, title, body from public.notifications where org_id = $1 and kind = 'system' and title like 'Your week%'",
        [orgA],
      ),
    );
    expect(notes).toHaveLength(1);
    expect(notes[0].user_id).toBe(a.owner.userId);
    expect(notes[0].title).toBe("Your week 2026-11-02 – 2026-11-08");
    expect(notes[0].body).toContain("4 client messages in 4 new conversations");
    expect(notes[0].body).toContain("3 leads analysed, 1 hot");
    // The test's deals were won today, not that week; open now: 2,000 + 400.
    expect(notes[0].body).toMatch(/0 deals won for RUB\s0; RUB\s2,400 open in the pipeline/);
    expect(notes[0].body).toContain("First reply: AI 0.5 min, people 7.5 min (median)");
  });

  // Last, as it changes the data: the numbers read before compaction (rollups plus pending deltas) are the
  // numbers after it, and so are a deletion's and a reply stored before the client message it answers.
  it("gives the same numbers once compaction has folded the deltas, deletions and late messages included", async () => {
    const all = () =>
      Promise.all([messages, responseTimes, team, ai, conversion].map((r) => report(r, a.owner.token, WEEK)));
    const pending = () =>
      asService(async (sql) => {
        const [{ n }] = await sql.query<{ n: string }>(
          "select count(*)::text as n from public.analytics_message_deltas where org_id = $1",
          [orgA],
        );
        return Number(n);
      });
    const before = await all();
    expect(await pending()).toBeGreaterThan(0);
    expect(await compactAnalytics()).toBeGreaterThan(0);
    expect(await pending()).toBe(0);
    expect(await all()).toEqual(before);

    // Deleting the 8 November (UTC) message takes it out of the counts before and after compaction.
    const utc = "from=2026-11-02&to=2026-11-08&tz=UTC";
    await asService((sql) =>
      sql.query("delete from public.messages where org_id = $1 and text = 'Where are you located?'", [orgA]),
    );
    expect(rows(await report(messages, a.owner.token, utc), "totals")[0]).toMatchObject({ inbound: 3 });
    await compactAnalytics();
    expect(rows(await report(messages, a.owner.token, utc), "totals")[0]).toMatchObject({
      inbound: 3,
      active_conversations: 3,
    });

    // An AI reply compacted before the client message it answers is stored (an import out of order).
    const c6 = await asService(async (sql) => {
      const [ch] = await sql.query<{ id: string }>(
        "select id from public.channels where org_id = $1 and name = 'Bot'",
        [orgA],
      );
      const c = await conversation(sql, orgA, ch.id, "Ева", "2026-11-05T10:00:00Z");
      await message(sql, orgA, c, "2026-11-05T10:01:00Z", "ai", "Здравствуйте!");
      return c;
    });
    await compactAnalytics();
    await asService((sql) => message(sql, orgA, c6, "2026-11-05T10:00:00Z", "contact", "Есть доставка?"));
    await compactAnalytics();
    expect(rows(await report(responseTimes, a.owner.token, WEEK), "totals")[0]).toMatchObject({
      conversations: 5,
      unanswered: 1,
      ai_answered: 3,
    });
  });
});
