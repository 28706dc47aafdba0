import { afterEach, beforeAll, expect, it } from "vitest";
import { asService } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { jobCatalog } from "@/lib/jobs/catalog";
import type { JobContext } from "@/lib/jobs";
import { pruneWebhookEventsJob, startWebhookEventsRetention } from "@/lib/inbox/retention";
import type { ChannelRecord } from "@/lib/channels/types";
import { describeEachDb } from "../helpers/db";
import { count, createChannel, team } from "../helpers/inbox";

const ctx = (progress: unknown[] = []): JobContext => ({
  jobId: "00000000-0000-4000-8000-000000000000",
  orgId: null,
  attempt: 1,
  maxAttempts: 3,
  signal: new AbortController().signal,
  progress: async (p) => void progress.push(p),
});

afterEach(() => {
  delete process.env.WEBHOOK_EVENTS_RETENTION_DAYS;
  resetEnvCache();
});

describeEachDb("webhook_events retention", () => {
  const tag = Math.random().toString(36).slice(2, 8);
  let channel: ChannelRecord;

  beforeAll(async () => {
    const { owner } = await team(`ret-${tag}`, "Retention");
    channel = await createChannel(owner, { type: "telegram", name: "Old bot", secrets: { botToken: "1:x" } });
  });

  /** Events received `ages` days ago. */
  const received = (prefix: string, ages: number[]) =>
    asService((sql) =>
      sql.query(
        `insert into public.webhook_events (org_id, channel_id, event_id, payload, received_at)
         select $1, $2, $3 || ord, '{}', now() - make_interval(days => age)
           from unnest($4::int[]) with ordinality as a(age, ord)`,
        [channel.orgId, channel.id, `${prefix}-`, ages],
      ),
    );
  const left = (prefix: string) =>
    count("webhook_events", "channel_id = $1 and event_id like $2", [channel.id, `${prefix}-%`]);
  const nextRuns = () =>
    asService((sql) =>
      sql.query<{ run_at: Date; dedupe_key: string }>(
        "select run_at, dedupe_key from public.jobs where name = $1 and status = 'queued' order by run_at",
        [pruneWebhookEventsJob.name],
      ),
    );

  it("deletes events older than the retention period, keeps the rest, and schedules the next daily run", async () => {
    await received("a", [400, 45, 31, 29, 1, 0]);
    const progress: unknown[] = [];
    const result = await pruneWebhookEventsJob.run({ olderThanDays: 30, repeat: true }, ctx(progress));
    expect(result).toEqual({ deleted: 3, olderThanDays: 30 });
    expect(progress).toEqual([{ deleted: 3 }]);
    expect(await left("a")).toBe(3);

    const [next] = await nextRuns();
    const inHours = (next.run_at.getTime() - Date.now()) / 3_600_000;
    expect(inHours).toBeGreaterThan(23.9);
    expect(inHours).toBeLessThan(24.1);
    // Another chain (a second process, a restart) asking for the same day adds nothing.
    await pruneWebhookEventsJob.run({ olderThanDays: 30, repeat: true }, ctx());
    expect(await nextRuns()).toHaveLength(1);
  });

  it("takes the period from WEBHOOK_EVENTS_RETENTION_DAYS; a one-off run schedules nothing", async () => {
    await asService((sql) => sql.query("delete from public.jobs where name = $1", [pruneWebhookEventsJob.name]));
    await received("b", [8, 6, 2]);
    process.env.WEBHOOK_EVENTS_RETENTION_DAYS = "7";
    resetEnvCache();
    expect(await pruneWebhookEventsJob.run(pruneWebhookEventsJob.schema.parse({ repeat: false }), ctx())).toEqual({
      deleted: 2,
      olderThanDays: 7,
    });
    // 8 days old, and the first test's 29-day-old event.
    expect(await left("b")).toBe(2);
    expect(await left("a")).toBe(2);
    expect(await nextRuns()).toHaveLength(0);
  });

  it("is started once per day at server start and is in the job catalog", async () => {
    await startWebhookEventsRetention();
    await startWebhookEventsRetention();
    const runs = await nextRuns();
    expect(runs).toHaveLength(1);
    expect(runs[0].dedupe_key).toBe(`due:${new Date().toISOString().slice(0, 10)}`);
    expect(jobCatalog).toContain(pruneWebhookEventsJob);
  });
});
