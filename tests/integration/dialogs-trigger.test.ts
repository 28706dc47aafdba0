import { afterAll, beforeAll, expect, it } from "vitest";
import * as run from "@/app/api/dialogs/analyze/[jobId]/route";
import * as analyze from "@/app/api/dialogs/analyze/route";
import { resetEnvCache } from "@/lib/env";
import { startTriggerFake } from "../fakes/trigger";
import { describeEachDb } from "../helpers/db";
import { orgOf } from "../helpers/dialogs";
import { jsonRequest, params } from "../helpers/http";
import { team, type Person } from "../helpers/inbox";

// Batch analysis when Trigger.dev runs the jobs: the run is followed through runs.retrieve (its metadata carries
// the organisation and the progress), for the organisation that started it only.

const SECRET = "tr_dev_dialogs_trigger_key";
let trigger: Awaited<ReturnType<typeof startTriggerFake>>;
beforeAll(async () => {
  trigger = await startTriggerFake(SECRET);
  process.env.TRIGGER_SECRET_KEY = SECRET;
  process.env.TRIGGER_API_URL = trigger.url;
  resetEnvCache();
});
afterAll(async () => {
  delete process.env.TRIGGER_SECRET_KEY;
  delete process.env.TRIGGER_API_URL;
  resetEnvCache();
  await trigger.close();
});

const STATS = { total: 4, analyzed: 4, new_leads: 2, hot: 1, warm: 2, cold: 1, errors: 0, skipped: 0 };

describeEachDb("dialog analysis on Trigger.dev", () => {
  let a: Awaited<ReturnType<typeof team>>;
  let b: Awaited<ReturnType<typeof team>>;
  let orgA: string;
  beforeAll(async () => {
    a = await team(`dtr-a-${Math.random().toString(36).slice(2, 6)}`, "Alpha");
    b = await team(`dtr-b-${Math.random().toString(36).slice(2, 6)}`, "Beta");
    orgA = await orgOf(a.owner);
  });
  const start = (body: Record<string, unknown> = {}, who: Person = a.agent) =>
    analyze.POST(jsonRequest("/api/dialogs/analyze", { token: who.token, body }));
  const status = async (jobId: string, who: Person = a.agent) =>
    run.GET(jsonRequest(`/api/dialogs/analyze/${jobId}`, { token: who.token }), params({ jobId }));

  it("follows the run: queued, running with progress, then its stats; another organisation sees nothing", async () => {
    const started = await start({ minIncoming: 2 });
    expect(started.status).toBe(202);
    const { jobId } = (await started.json()) as { jobId: string };
    expect(jobId).toMatch(/^run_/);
    expect(trigger.runs.find((r) => r.id === jobId)?.taskId).toBe("dialogs.analyze");

    expect(await (await status(jobId)).json()).toMatchObject({ status: "queued", progress: { done: 0 } });
    trigger.setRun(jobId, { status: "EXECUTING", metadata: { progress: { done: 3, total: 10 } } });
    expect(await (await status(jobId)).json()).toMatchObject({ status: "running", progress: { done: 3, total: 10 } });
    trigger.setRun(jobId, { status: "COMPLETED", output: STATS });
    expect(await (await status(jobId)).json()).toMatchObject({ status: "succeeded", stats: STATS });

    expect((await status(jobId, b.agent)).status).toBe(404);
    expect((await status("run_doesnotexist")).status).toBe(404);
    expect(trigger.runs.find((r) => r.id === jobId)?.state.metadata.orgId).toBe(orgA);
  });

  it("joins the organisation's run for a minute; with wait, answers when the run ends", async () => {
    const first = (await (await start({ minIncoming: 2 }, b.agent)).json()) as { jobId: string };
    const again = (await (await start({}, b.agent)).json()) as { jobId: string };
    expect(again.jobId).toBe(first.jobId);

    const answer = start({ wait: true }, b.agent);
    await new Promise((r) => setTimeout(r, 300));
    trigger.setRun(first.jobId, { status: "FAILED", error: { message: "worker crashed" } });
    const res = await answer;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ jobId: first.jobId, status: "failed" });
  });
});
