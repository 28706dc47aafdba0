import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import * as cancelRoute from "@/app/api/dialogs/analyze/[jobId]/cancel/route";
import * as runRoute from "@/app/api/dialogs/analyze/[jobId]/route";
import * as analyzeRoute from "@/app/api/dialogs/analyze/route";
import * as csvRoute from "@/app/api/dialogs/export-csv/route";
import * as listRoute from "@/app/api/dialogs/analysis/route";
import { asService } from "@/lib/db";
import { analyzeDialogs } from "@/lib/dialogs/batch";
import { dialogsAnalyze } from "@/lib/dialogs/jobs";
import { PermanentJobError, startRunner } from "@/lib/jobs";
import { messagesText, startOpenAIFake, type FakeAnswer, type OpenAIFake } from "../fakes/openai";
import { describeEachDb } from "../helpers/db";
import { answerFor, CLINIC, COURSE, OPENAI_KEY, orgOf, seedChannel, seedDialog, useOpenAI } from "../helpers/dialogs";
import { jsonRequest, params } from "../helpers/http";
import { eventually, team, type Person } from "../helpers/inbox";

// A model server that never answers, a batch stuck on it, OpenAI's quota running out, and the fields of a lead that
// must say what their names say.

let fake: OpenAIFake;
beforeAll(async () => {
  fake = await startOpenAIFake({ apiKey: OPENAI_KEY });
  useOpenAI(fake.url);
});
afterAll(async () => {
  useOpenAI(undefined);
  await fake.close();
});

const SILENT = "молчание";
const STUCK = [
  { direction: "in" as const, text: `Здравствуйте, ${SILENT}` },
  { direction: "in" as const, text: "Есть кто?" },
  { direction: "in" as const, text: "Ау" },
];
const QUOTA: FakeAnswer = {
  kind: "error",
  status: 429,
  type: "insufficient_quota",
  code: "insufficient_quota",
  message: "You exceeded your current quota, please check your plan and billing details.",
};

const setTimeoutSeconds = (orgId: string, seconds: number) =>
  asService((sql) =>
    sql.query(
      `insert into public.ai_settings (org_id, analysis_timeout_seconds) values ($1, $2)
       on conflict (org_id) do update set analysis_timeout_seconds = excluded.analysis_timeout_seconds`,
      [orgId, seconds],
    ),
  );

type Run = { jobId: string; status: string; stats: Record<string, number>; error: string | null };

describeEachDb("bounded dialog analysis", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  beforeEach(() => fake.reset());

  it("counts a dialog the model never answers as an error once its time budget (the setting) runs out", async () => {
    const { owner } = await team(`lim-a-${tag}`, "Limits A");
    const orgId = await orgOf(owner);
    const channelId = await seedChannel(orgId);
    await seedDialog(orgId, channelId, "Анна", CLINIC);
    await seedDialog(orgId, channelId, "John", COURSE);
    const stuck = await seedDialog(orgId, channelId, "Silent", STUCK);
    await setTimeoutSeconds(orgId, 5);
    fake.setHandler((req) => (messagesText(req).includes(SILENT) ? { kind: "hang" } : answerFor(req)));

    const started = Date.now();
    const stats = await analyzeDialogs(orgId, {});
    const elapsed = Date.now() - started;
    expect(stats).toMatchObject({ total: 3, analyzed: 2, errors: 1 });
    // The budget, not the SDK's 60 s × 7 attempts: done within 5 s plus the bookkeeping.
    expect(elapsed).toBeGreaterThanOrEqual(4_900);
    expect(elapsed).toBeLessThan(10_000);
    const silent = fake.requests.filter((r) => messagesText(r).includes(SILENT));
    // Each attempt got half of what was left, so the SDK tried again inside the budget and nothing went past it.
    expect(silent.length).toBeGreaterThanOrEqual(2);
    for (const r of silent) expect(r.at - started).toBeLessThan(5_000);
    const [lead] = await asService((sql) =>
      sql.query<{ last_error: string; score: number | null }>(
        "select last_error, score from public.leads where org_id = $1 and contact_id = $2",
        [orgId, stuck.contactId],
      ),
    );
    expect(lead).toEqual({ last_error: "the analysis took longer than 5 s across all attempts", score: null });
  });

  it("cancels a stuck batch from the API: status cancelled, the job stops, a new batch can start", async () => {
    const { owner, agent, viewer } = await team(`lim-b-${tag}`, "Limits B");
    const orgId = await orgOf(owner);
    const channelId = await seedChannel(orgId);
    await seedDialog(orgId, channelId, "Silent", STUCK);
    await setTimeoutSeconds(orgId, 600);
    fake.setHandler(() => ({ kind: "hang" }));
    const runner = startRunner({ pollMs: 20, backoffMs: 5, jobs: [dialogsAnalyze] });
    try {
      await runner.ready;
      const res = await analyzeRoute.POST(jsonRequest("/api/dialogs/analyze", { token: agent.token, body: {} }));
      expect(res.status).toBe(202);
      const { jobId } = (await res.json()) as Run;
      await eventually(async () => fake.requests.length > 0);
      const active = (await (await analyzeRoute.GET(jsonRequest("/api/dialogs/analyze", viewer))).json()) as {
        run: Run | null;
      };
      expect(active.run).toMatchObject({ jobId, status: "running" });

      const cancel = (who: Person) =>
        cancelRoute.POST(jsonRequest(`/api/dialogs/analyze/${jobId}/cancel`, { token: who.token, body: {} }), {
          ...params({ jobId }),
        });
      expect((await cancel(viewer)).status).toBe(403);
      const cancelled = await cancel(agent);
      expect(cancelled.status, await cancelled.clone().text()).toBe(200);
      expect(await cancelled.json()).toMatchObject({
        jobId,
        status: "cancelled",
        error: expect.stringMatching(/^cancelled by/),
      });
      expect((await cancel(agent)).status).toBe(409);

      // The runner aborted the body: stopping it does not wait for the hanging call.
      const stopping = Date.now();
      await runner.stop();
      expect(Date.now() - stopping).toBeLessThan(3_000);
      const after = (await (
        await runRoute.GET(jsonRequest(`/api/dialogs/analyze/${jobId}`, viewer), params({ jobId }))
      ).json()) as Run;
      expect(after.status).toBe("cancelled");
      expect((await (await analyzeRoute.GET(jsonRequest("/api/dialogs/analyze", viewer))).json()).run).toBeNull();

      // Nothing blocks the next batch any more.
      const next = await analyzeRoute.POST(jsonRequest("/api/dialogs/analyze", { token: agent.token, body: {} }));
      expect(((await next.json()) as Run).jobId).not.toBe(jobId);
    } finally {
      await runner.stop();
    }
  });

  it("stops a batch at OpenAI's insufficient_quota: one request, no retries, the reason on the job", async () => {
    const { owner } = await team(`lim-c-${tag}`, "Limits C");
    const orgId = await orgOf(owner);
    const channelId = await seedChannel(orgId);
    await seedDialog(orgId, channelId, "Анна", CLINIC);
    await seedDialog(orgId, channelId, "John", COURSE);
    fake.setHandler(() => QUOTA);
    const error = await analyzeDialogs(orgId, {}, { concurrency: 1 }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(PermanentJobError);
    expect((error as Error).message).toMatch(/^OpenAI quota exhausted, analysis stopped: 429/);
    // The SDK would have sent 7 (ANALYSIS_MAX_RETRIES 6) and the batch tried again 3 times; the second dialog waits.
    expect(fake.requests).toHaveLength(1);
    const [state] = await asService((sql) =>
      sql.query<{ quota_exhausted_since: Date | null }>(
        "select quota_exhausted_since from public.ai_provider_status where org_id = $1",
        [orgId],
      ),
    );
    expect(state.quota_exhausted_since).not.toBeNull();

    // Back: the next batch analyses and clears the state.
    fake.setHandler(answerFor);
    expect(await analyzeDialogs(orgId, {})).toMatchObject({ analyzed: 2, errors: 0 });
    const [cleared] = await asService((sql) =>
      sql.query("select quota_exhausted_since from public.ai_provider_status where org_id = $1", [orgId]),
    );
    expect(cleared).toEqual({ quota_exhausted_since: null });
  });

  it("names the Evolution instance in instanceName and the score reasons in the lead's or the viewer's language", async () => {
    const { owner } = await team(`lim-d-${tag}`, "Limits D");
    const orgId = await orgOf(owner);
    const [{ id: evolution }] = await asService((sql) =>
      sql.query<{ id: string }>(
        `insert into public.channels (org_id, type, name, config)
         values ($1, 'evolution', 'WhatsApp продажи', '{"instanceName": "sales-1"}') returning id`,
        [orgId],
      ),
    );
    const telegram = await seedChannel(orgId, "telegram", "Sales bot");
    const clinic = await seedDialog(orgId, evolution, "Анна", CLINIC);
    const course = await seedDialog(orgId, telegram, "John", COURSE);
    fake.setHandler(answerFor);
    await analyzeDialogs(orgId, {});

    type Lead = { contactId: string; instanceName: string | null; scoreReasons: { rule: string; label: string }[] };
    const leads = async (query = "") => {
      const res = await listRoute.GET(jsonRequest(`/api/dialogs/analysis?${query}`, owner));
      expect(res.status).toBe(200);
      const { results } = (await res.json()) as { results: Lead[] };
      const by = (id: string) => results.find((l) => l.contactId === id)!;
      return { clinic: by(clinic.contactId), course: by(course.contactId) };
    };
    const labels = (l: Lead) => l.scoreReasons.map((r) => r.label);

    const own = await leads();
    expect(own.clinic.instanceName).toBe("sales-1");
    expect(own.course.instanceName).toBeNull();
    // Each lead in its own language by default: the English lead's reasons are English.
    expect(labels(own.course)).toEqual(["Qualified", "Info business", "Budget named"]);
    expect(labels(own.clinic)).toEqual(["Записан на консультацию", "Медицина", "Владелец", "Бюджет указан"]);
    // The viewer's language when asked.
    const english = await leads("lang=en");
    expect(labels(english.clinic)).toEqual(["Consultation booked", "Medicine", "Business owner", "Budget named"]);
    expect(labels((await leads("lang=ru")).course)).toEqual(["Квалифицирован", "Инфобизнес", "Бюджет указан"]);
    expect((await listRoute.GET(jsonRequest("/api/dialogs/analysis?lang=de", owner))).status).toBe(400);
    // Filtering by the instance, or by the channel's name as the batch does.
    for (const name of ["sales-1", "WhatsApp продажи"]) {
      const res = await listRoute.GET(
        jsonRequest(`/api/dialogs/analysis?instanceName=${encodeURIComponent(name)}`, owner),
      );
      expect(((await res.json()) as { count: number }).count).toBe(1);
    }

    const csv = await (await csvRoute.GET(jsonRequest("/api/dialogs/export-csv?lang=en", owner))).text();
    const [header, ...lines] = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    const columns = header.split(",");
    const clinicLine = lines.find((l) => l.includes("Анна"))!;
    expect(clinicLine).toContain("sales-1");
    expect(clinicLine).toContain("Consultation booked +40; Medicine +15; Business owner +10; Budget named +10");
    expect(columns).toContain("instance");
  });
});
