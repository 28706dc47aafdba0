import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as importRoute from "@/app/api/channels/[id]/import/route";
import * as importRun from "@/app/api/channels/[id]/import/[jobId]/route";
import * as run from "@/app/api/dialogs/analyze/[jobId]/route";
import * as analyze from "@/app/api/dialogs/analyze/route";
import * as list from "@/app/api/dialogs/analysis/route";
import { DEFAULT_SCORING_PRESET } from "@/lib/ai/scoring";
import { evolutionAdapter } from "@/lib/channels/evolution";
import { evolutionImport } from "@/lib/channels/evolution/import-job";
import { registerAdapter } from "@/lib/channels/registry";
import { createChannel } from "@/lib/channels/store";
import { asService } from "@/lib/db";
import { analyzeAfterInbound, dialogsAnalyze, dialogsAnalyzeContact } from "@/lib/dialogs/jobs";
import { rescoreLeads } from "@/lib/dialogs/rescore";
import { startRunner, type Runner } from "@/lib/jobs";
import { startOpenAIFake, type OpenAIFake } from "../fakes/openai";
import { createEvolutionDatabase, type EvolutionDatabase } from "../fakes/evolution";
import { describeEachDb } from "../helpers/db";
import {
  answerFor,
  CLINIC,
  COURSE,
  leadOf,
  OPENAI_KEY,
  orgOf,
  seedChannel,
  seedDialog,
  useOpenAI,
} from "../helpers/dialogs";
import { jsonRequest, params } from "../helpers/http";
import { eventually, team, type Person } from "../helpers/inbox";

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

type Run = {
  success: boolean;
  jobId: string;
  status: string;
  progress: { done: number; total: number };
  stats: Record<string, number>;
};

const post = (who: Person, body: unknown) =>
  analyze.POST(jsonRequest("/api/dialogs/analyze", { token: who.token, body }));
const getRun = (who: Person, jobId: string) =>
  run.GET(jsonRequest(`/api/dialogs/analyze/${jobId}`, who), params({ jobId }));

const jobsNamed = (orgId: string, name: string) =>
  asService((sql) =>
    sql.query<{ id: string; status: string; run_at: Date; payload: Record<string, unknown>; progress: unknown }>(
      "select id, status, run_at, payload, progress from public.jobs where org_id = $1 and name = $2",
      [orgId, name],
    ),
  );

describeEachDb("dialog analysis jobs", () => {
  let a: Awaited<ReturnType<typeof team>>;
  let b: Awaited<ReturnType<typeof team>>;
  let orgA: string;
  let channelId: string;
  let runner: Runner;

  beforeAll(async () => {
    a = await team("dja", "Alpha Jobs");
    b = await team("djb", "Beta Jobs");
    orgA = await orgOf(a.owner);
    channelId = await seedChannel(orgA, "telegram", "jobs-bot");
    await seedDialog(orgA, channelId, "Анна", CLINIC);
    await seedDialog(orgA, channelId, "John", COURSE);
    runner = startRunner({ pollMs: 20, backoffMs: 5, jobs: [dialogsAnalyze, dialogsAnalyzeContact, evolutionImport] });
    await runner.ready;
  });
  afterAll(() => runner.stop());

  it("runs POST /api/dialogs/analyze as a job, waits for its stats and records its progress", async () => {
    expect((await post(a.viewer, {})).status).toBe(403);
    expect((await post(a.agent, { userAccountId: randomUUID() })).status).toBe(404);

    const res = await post(a.agent, { userAccountId: orgA, minIncoming: 3, wait: true });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as Run;
    expect(body).toMatchObject({
      success: true,
      status: "succeeded",
      progress: { done: 2, total: 2 },
      stats: { total: 2, analyzed: 2, new_leads: 2, hot: 1, warm: 1, cold: 0, errors: 0, skipped: 0 },
    });
    const [job] = await jobsNamed(orgA, "dialogs.analyze");
    expect(job.progress).toMatchObject({ done: 2, total: 2, stats: { analyzed: 2 } });

    const follow = await getRun(a.viewer, body.jobId);
    expect(follow.status).toBe(200);
    expect(await follow.json()).toEqual(body);

    // Without wait: 202 at once, then followed to the end; everything is unchanged, so all skipped.
    const started = await post(a.agent, {});
    expect(started.status).toBe(202);
    const { jobId } = (await started.json()) as Run;
    const done = await eventually(async () => {
      const r = (await (await getRun(a.viewer, jobId)).json()) as Run;
      return r.status === "succeeded" && r;
    });
    expect(done.stats).toMatchObject({ total: 2, skipped: 2, analyzed: 0, hot: 1, warm: 1 });
  });

  it("hides a run from another organisation and analyses only the caller's own contacts", async () => {
    const [job] = await jobsNamed(orgA, "dialogs.analyze");
    expect((await getRun(b.owner, job.id)).status).toBe(404);
    expect((await getRun(a.viewer, "not-a-uuid")).status).toBe(404);
    expect((await post(b.owner, { userAccountId: orgA })).status).toBe(404);
    const res = await post(b.owner, { wait: true });
    expect(((await res.json()) as Run).stats).toMatchObject({ total: 0, analyzed: 0 });
  });

  it("refreshes a contact's analysis once per burst of messages after the third client message", async () => {
    const quiet = await seedDialog(orgA, channelId, "Burst", [
      { direction: "in", text: "Здравствуйте, у меня стоматология" },
      { direction: "in", text: "Хочу рекламу" },
    ]);
    const step = (conversationId: string) =>
      analyzeAfterInbound.run({ orgId: orgA, conversationId, messageId: randomUUID() });
    await step(quiet.conversationId);
    expect(await jobsNamed(orgA, "dialogs.analyze-contact")).toHaveLength(0);

    await seedDialog(orgA, channelId, "", [{ direction: "in", text: "Я владелец" }], { contactId: quiet.contactId });
    const before = Date.now();
    await step(quiet.conversationId);
    await step(quiet.conversationId);
    const queued = await jobsNamed(orgA, "dialogs.analyze-contact");
    expect(queued).toHaveLength(1);
    expect(queued[0].payload).toEqual({ contactId: quiet.contactId });
    expect(new Date(queued[0].run_at).getTime()).toBeGreaterThan(before + 20_000);

    // What the job does when its time comes.
    const outcome = await dialogsAnalyzeContact.run(
      { contactId: quiet.contactId },
      {
        jobId: queued[0].id,
        orgId: orgA,
        attempt: 1,
        maxAttempts: 3,
        signal: new AbortController().signal,
        progress: async () => {},
      },
    );
    expect(outcome).toMatchObject({ status: "analyzed", created: true, score: 75, interestLevel: "hot" });
    expect(await leadOf(orgA, quiet.contactId)).toMatchObject({ incoming_count: 3, score: 75 });
  });

  it("re-scores every lead from its stored analysis when the preset changes, without a model call", async () => {
    const [clinic] = await asService((sql) =>
      sql.query<{ contact_id: string }>(
        "select contact_id from public.leads where org_id = $1 and niche = 'medicine' order by created_at limit 1",
        [orgA],
      ),
    );
    const calls = fake.requests.length;
    const preset = structuredClone(DEFAULT_SCORING_PRESET);
    preset.modifiers.find((m) => m.id === "niche_medicine")!.points = 30;
    preset.thresholds = { hot: 95, warm: 50 };
    const changed = await asService((sql) => rescoreLeads(sql, orgA, preset));
    expect(changed).toBeGreaterThanOrEqual(2);
    // 40 + 30 + 10 + 10 = 90: no longer HOT at 95; the course lead's 50 is still WARM.
    expect(await leadOf(orgA, clinic.contact_id)).toMatchObject({ score: 90, interest_level: "warm" });
    expect(fake.requests.length).toBe(calls);
    expect(await asService((sql) => rescoreLeads(sql, orgA, preset))).toBe(0);
    await asService((sql) => rescoreLeads(sql, orgA, DEFAULT_SCORING_PRESET));
    expect(await leadOf(orgA, clinic.contact_id)).toMatchObject({ score: 75, interest_level: "hot" });
  });

  it("starts an Evolution import for admins only, on an Evolution channel of their own", async () => {
    const evoChannel = await seedChannel(orgA, "evolution", "crm-main");
    const call = (who: Person, id: string, body: unknown) =>
      importRoute.POST(jsonRequest(`/api/channels/${id}/import`, { token: who.token, body }), params({ id }));
    const url = "postgres://evolution:secret@127.0.0.1:5432/evolution";
    expect((await call(a.agent, evoChannel, { connectionString: url })).status).toBe(403);
    expect((await call(b.owner, evoChannel, { connectionString: url })).status).toBe(404);
    expect((await call(a.owner, channelId, { connectionString: url })).status).toBe(400);
    expect((await call(a.owner, evoChannel, { connectionString: url, instanceName: "other" })).status).toBe(400);
    expect((await call(a.owner, evoChannel, { connectionString: "not a url" })).status).toBe(400);
  });
});

// The import reads Evolution's own Postgres over a socket: PostgreSQL only.
const base = process.env.TEST_DATABASE_URL;
describe.skipIf(!base)("Evolution dialogs imported, then analysed", () => {
  let evo: EvolutionDatabase;
  beforeAll(async () => {
    registerAdapter(evolutionAdapter);
    evo = await createEvolutionDatabase(base!);
    const instance = await evo.addInstance("crm-main");
    const jid = "79161234567@s.whatsapp.net";
    const t0 = 1763800000;
    await evo.addMessages(
      instance,
      CLINIC.filter((l) => l.text).map((l, i) => ({
        key: { remoteJid: jid, fromMe: l.direction === "out", id: `3EB0CLINIC${i}` },
        pushName: "Ирина",
        messageType: "conversation",
        message: { conversation: l.text },
        messageTimestamp: t0 + i * 60,
      })),
    );
    await evo.addMessages(instance, [
      {
        key: { remoteJid: jid, fromMe: false, id: "3EB0CLINIC9" },
        pushName: "Ирина",
        messageType: "conversation",
        message: { conversation: "Запишите меня на консультацию" },
        messageTimestamp: t0 + 600,
      },
    ]);
  });
  afterAll(() => evo?.drop());

  describeEachDb("import route", () => {
    it("imports through POST /api/channels/:id/import; the analysis covers those dialogs as source 'evolution'", async () => {
      const { owner } = await team("dje", "Evo Import");
      const orgId = await orgOf(owner);
      const channel = await asService((sql) =>
        createChannel(sql, orgId, {
          type: "evolution",
          name: "WhatsApp",
          config: { baseUrl: "http://127.0.0.1:1", instanceName: "crm-main" },
          secrets: { apiKey: "k", webhookToken: "t".repeat(24) },
          enabled: true,
        }),
      );
      const runner = startRunner({ pollMs: 20, backoffMs: 5, jobs: [evolutionImport, dialogsAnalyze] });
      try {
        const res = await importRoute.POST(
          jsonRequest(`/api/channels/${channel.id}/import`, {
            token: owner.token,
            body: { connectionString: evo.url, instanceName: "crm-main" },
          }),
          params({ id: channel.id }),
        );
        expect(res.status, await res.clone().text()).toBe(202);
        const { jobId } = (await res.json()) as { jobId: string };
        await eventually(async () => {
          const [job] = await asService((sql) =>
            sql.query<{ status: string }>("select status from public.jobs where id = $1", [jobId]),
          );
          return job.status === "succeeded";
        });
        // Seed 004 names the Evolution instance; the channel is called "WhatsApp" here. The lead's instanceName is
        // the instance, not the channel's display name.
        const analysed = await post(owner, { instanceName: "crm-main", wait: true });
        expect(((await analysed.json()) as Run).stats).toMatchObject({ total: 1, analyzed: 1, hot: 1 });
        const [lead] = await asService((sql) =>
          sql.query("select source, instance_name, score from public.leads where org_id = $1", [orgId]),
        );
        expect(lead).toEqual({ source: "evolution", instance_name: "crm-main", score: 75 });
        for (const name of ["crm-main", "WhatsApp"]) {
          const listed = await list.GET(jsonRequest(`/api/dialogs/analysis?instanceName=${name}`, owner));
          expect(((await listed.json()) as { count: number }).count).toBe(1);
        }
        const none = await list.GET(jsonRequest("/api/dialogs/analysis?instanceName=other", owner));
        expect(((await none.json()) as { count: number }).count).toBe(0);
        const [view] = (
          (await (await list.GET(jsonRequest("/api/dialogs/analysis", owner))).json()) as {
            results: { instanceName: string | null }[];
          }
        ).results;
        expect(view.instanceName).toBe("crm-main");

        // The import's result, through GET of the job and the channel's latest import.
        const got = await importRun.GET(
          jsonRequest(`/api/channels/${channel.id}/import/${jobId}`, owner),
          params({ id: channel.id, jobId }),
        );
        expect(got.status).toBe(200);
        expect(await got.json()).toMatchObject({
          jobId,
          channelId: channel.id,
          status: "succeeded",
          error: null,
          result: { total: 4, scanned: 4, conversations: 1, messages: 4, skipped: 0, alreadyStored: 0, errors: 0 },
        });
      } finally {
        await runner.stop();
      }
    });

    it("shows a failed import (an instance not in the Evolution database) with its reason, to members only", async () => {
      const { owner, viewer } = await team("djf", "Evo Failure");
      const other = await team("djg", "Evo Other");
      const orgId = await orgOf(owner);
      const channel = await asService((sql) =>
        createChannel(sql, orgId, {
          type: "evolution",
          name: "WhatsApp",
          config: { baseUrl: "http://127.0.0.1:1", instanceName: "no-such-instance" },
          secrets: { apiKey: "k", webhookToken: "t".repeat(24) },
          enabled: true,
        }),
      );
      const latest = async (who: Person) =>
        importRoute.GET(jsonRequest(`/api/channels/${channel.id}/import`, who), params({ id: channel.id }));
      expect(await (await latest(viewer)).json()).toEqual({ import: null });

      const runner = startRunner({ pollMs: 20, backoffMs: 5, jobs: [evolutionImport] });
      try {
        const res = await importRoute.POST(
          jsonRequest(`/api/channels/${channel.id}/import`, {
            token: owner.token,
            body: { connectionString: evo.url },
          }),
          params({ id: channel.id }),
        );
        expect(res.status).toBe(202);
        const { jobId, statusUrl } = (await res.json()) as { jobId: string; statusUrl: string };
        expect(statusUrl).toBe(`/api/channels/${channel.id}/import/${jobId}`);
        const get = (who: Person, id = jobId) =>
          importRun.GET(jsonRequest(`${statusUrl}`, who), params({ id: channel.id, jobId: id }));
        const failed = await eventually(async () => {
          const body = (await (await get(viewer)).json()) as { status: string };
          return body.status === "failed" && body;
        });
        // Permanent: failed at the first attempt, not retried, with the reason a person can act on.
        expect(failed).toMatchObject({
          status: "failed",
          retrying: false,
          attempts: 1,
          error: 'the Evolution database has no instance named "no-such-instance"',
          result: { messages: 0, conversations: 0 },
        });
        expect(JSON.stringify(failed)).not.toContain(evo.url);
        expect(await (await latest(viewer)).json()).toEqual({ import: failed });
        // Another organisation, an unknown id, a malformed channel id.
        expect((await get(other.owner)).status).toBe(404);
        expect((await get(owner, randomUUID())).status).toBe(404);
        const bad = await importRun.GET(
          jsonRequest("/api/channels/x/import/y", owner),
          params({ id: "x", jobId: "y" }),
        );
        expect(bad.status).toBe(400);
      } finally {
        await runner.stop();
      }
    });
  });
});
