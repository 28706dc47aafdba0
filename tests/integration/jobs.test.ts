import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { asService, getDb, setDb, type Database } from "@/lib/db";
import { openPglite } from "@/lib/db/pglite";
import { openPostgres } from "@/lib/db/postgres";
import { migrate } from "@/lib/db/migrate";
import { resetEnvCache } from "@/lib/env";
import {
  defineJob,
  enqueue,
  enqueueAll,
  JobPayloadError,
  PermanentJobError,
  startRunner,
  type AnyJob,
  type JobRow,
  type RunnerOptions,
} from "@/lib/jobs";
import { expireInvitations } from "@/lib/jobs/builtin/invitations-expire";
import { defineRecurringJob } from "@/lib/jobs/recurring";
import { backoffDelay } from "@/lib/jobs/runner";
import { describeEachDb, postgresCopy, type TestDbKind } from "../helpers/db";
import { startTriggerFake } from "../fakes/trigger";

// Side effects go to their own schema: an isolation test requires RLS on every table in public.
const TEST_SCHEMA = `
  create schema if not exists test_jobs;
  create table if not exists test_jobs.runs (
    seq serial primary key, key text not null, job_id uuid not null, attempt int not null, runner text
  );`;

const fast: RunnerOptions = { pollMs: 20, backoffMs: 5, maxBackoffMs: 40, stopGraceMs: 200 };

async function recordRun(key: string, jobId: string, attempt: number, runner?: string, db?: Database) {
  await (db ?? (await getDb())).transaction((sql) =>
    sql.query("insert into test_jobs.runs (key, job_id, attempt, runner) values ($1, $2, $3, $4)", [
      key,
      jobId,
      attempt,
      runner ?? null,
    ]),
  );
}

const count = defineJob({
  name: "test.count",
  schema: z.object({ key: z.string().min(1) }),
  async run({ key }, ctx) {
    await recordRun(key, ctx.jobId, ctx.attempt);
    return { key };
  },
});

/** Fails until attempt `succeedOn` (never, by default), recording every attempt. */
const flaky = defineJob({
  name: "test.flaky",
  schema: z.object({ key: z.string(), succeedOn: z.number().int().optional() }),
  async run({ key, succeedOn }, ctx) {
    await recordRun(key, ctx.jobId, ctx.attempt);
    if (succeedOn !== undefined && ctx.attempt >= succeedOn) return { attempt: ctx.attempt };
    throw new Error(`boom on attempt ${ctx.attempt}`);
  },
});

const doomed = defineJob({
  name: "test.doomed",
  schema: z.object({ key: z.string() }),
  async run({ key }, ctx) {
    await recordRun(key, ctx.jobId, ctx.attempt);
    throw new PermanentJobError("the contact was deleted");
  },
});

const testJobs: AnyJob[] = [count, flaky, doomed, expireInvitations];

async function jobRow(id: string, db?: Database): Promise<JobRow> {
  const [row] = await (db ?? (await getDb())).transaction((sql) =>
    sql.query<JobRow>("select * from public.jobs where id = $1", [id]),
  );
  return row;
}

async function runs(key: string, db?: Database) {
  return (db ?? (await getDb())).transaction((sql) =>
    sql.query<{ job_id: string; attempt: number; runner: string | null }>(
      "select job_id, attempt, runner from test_jobs.runs where key = $1 order by seq",
      [key],
    ),
  );
}

async function waitFor<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

const finished = (id: string, db?: Database) =>
  waitFor(async () => {
    const row = await jobRow(id, db);
    return ["succeeded", "failed", "cancelled"].includes(row.status) && row;
  }, `job ${id} to finish`);

/** The same database seen by a first process, and then by a second one started after the first exited. */
async function restartable(kind: TestDbKind) {
  if (kind === "pglite") {
    const dir = mkdtempSync(path.join(tmpdir(), "relay-jobs-"));
    const before = await openPglite(dir, new Blob([readFileSync(inject("pgliteSnapshot"))]));
    let after: Database | undefined;
    return {
      before: before as Database,
      restart: async () => {
        await before.close();
        after = await openPglite(dir);
        await migrate(after);
        return after;
      },
      cleanup: async () => {
        await after?.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const copy = await postgresCopy();
  const before = openPostgres(copy.url);
  return {
    before,
    restart: async () => {
      await before.close();
      // copy.db is a pool that has never connected: as fresh as a new process's.
      return copy.db;
    },
    cleanup: copy.drop,
  };
}

describe("backoffDelay", () => {
  it("doubles per attempt, stays within [half, full] of it, and is capped", () => {
    expect(backoffDelay(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffDelay(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffDelay(30, 1000, 60_000, () => 0.999)).toBeLessThanOrEqual(60_000);
    expect(backoffDelay(30, 1000, 60_000, () => 0)).toBe(30_000);
  });
});

describeEachDb("jobs", ({ kind, db }) => {
  beforeAll(async () => {
    await db().transaction((sql) => sql.exec(TEST_SCHEMA));
  });
  beforeEach(async () => {
    await db().transaction((sql) => sql.exec("delete from public.jobs; delete from test_jobs.runs;"));
  });

  it("a job enqueued and the process restarted before it ran still runs once", async () => {
    const env = await restartable(kind);
    try {
      await env.before.transaction((sql) => sql.exec(TEST_SCHEMA));
      setDb(env.before);
      const { id } = await enqueue(count, { key: "restart" });
      expect((await jobRow(id)).status).toBe("queued");

      const after = await env.restart();
      setDb(after);
      const runner = startRunner({ ...fast, db: after, jobs: testJobs });
      try {
        const row = await finished(id);
        expect(row).toMatchObject({ status: "succeeded", attempts: 1, result: { key: "restart" } });
        // Several more polls: nothing runs it a second time.
        await new Promise((resolve) => setTimeout(resolve, 150));
        expect(await runs("restart")).toEqual([{ job_id: id, attempt: 1, runner: null }]);
      } finally {
        await runner.stop();
      }
    } finally {
      setDb(db());
      await env.cleanup();
    }
  });

  it("takes over a job whose worker died mid-run (expired lease) and runs it once", async () => {
    const [stale, exhausted] = await db().transaction((sql) =>
      sql.query<{ id: string }>(
        `insert into public.jobs (name, payload, status, attempts, max_attempts, locked_at, locked_by)
         values ('test.count', '{"key":"stale"}', 'running', 1, 3, now() - interval '1 hour', 'dead-worker'),
                ('test.count', '{"key":"exhausted"}', 'running', 3, 3, now() - interval '1 hour', 'dead-worker'),
                ('test.count', '{"key":"alive"}', 'running', 1, 3, now(), 'live-worker')
         returning id`,
      ),
    );
    const runner = startRunner({ ...fast, jobs: testJobs, leaseMs: 60_000 });
    try {
      expect(await finished(stale.id)).toMatchObject({ status: "succeeded", attempts: 2, locked_by: null });
      const failed = await finished(exhausted.id);
      expect(failed).toMatchObject({ status: "failed", attempts: 3 });
      expect(failed.last_error).toMatch(/lease expired/);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await runs("stale")).toEqual([{ job_id: stale.id, attempt: 2, runner: null }]);
      expect(await runs("exhausted")).toEqual([]);
      // A job whose worker still holds a fresh lease is left alone.
      expect(await runs("alive")).toEqual([]);
    } finally {
      await runner.stop();
    }
  });

  it("a failing job is retried and then marked failed with its error", async () => {
    const runner = startRunner({ ...fast, jobs: testJobs });
    try {
      const { id } = await enqueue(flaky, { key: "always" }, { maxAttempts: 3 });
      const row = await finished(id);
      expect(row).toMatchObject({ status: "failed", attempts: 3, last_error: "boom on attempt 3" });
      expect(row.finished_at).toBeInstanceOf(Date);
      expect((await runs("always")).map((r) => r.attempt)).toEqual([1, 2, 3]);

      const recovered = await enqueue(flaky, { key: "third-time", succeedOn: 3 }, { maxAttempts: 5 });
      expect(await finished(recovered.id)).toMatchObject({
        status: "succeeded",
        attempts: 3,
        last_error: null,
        result: { attempt: 3 },
      });
    } finally {
      await runner.stop();
    }
  });

  it("does not retry a permanent error; fails a job no runner knows with a clear error", async () => {
    const runner = startRunner({ ...fast, jobs: testJobs });
    try {
      const permanent = await enqueue(doomed, { key: "doomed" }, { maxAttempts: 5 });
      expect(await finished(permanent.id)).toMatchObject({
        status: "failed",
        attempts: 1,
        last_error: "the contact was deleted",
      });
      const [unknown] = await db().transaction((sql) =>
        sql.query<{ id: string }>(
          "insert into public.jobs (name, max_attempts) values ('test.nobody-defined-me', 2) returning id",
        ),
      );
      const row = await finished(unknown.id);
      expect(row).toMatchObject({ status: "failed", attempts: 2 });
      expect(row.last_error).toMatch(/unknown job "test.nobody-defined-me"/);
    } finally {
      await runner.stop();
    }
  });

  it("records progress while the job runs, and the result when it ends", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const steps = defineJob({
      name: "test.steps",
      schema: z.object({}),
      async run(_payload, ctx) {
        await ctx.progress({ step: 1, of: 2 });
        await gate;
        await ctx.progress({ step: 2, of: 2 });
        return { done: true };
      },
    });
    const runner = startRunner({ ...fast, jobs: [steps] });
    try {
      const { id } = await enqueue(steps, {});
      const midway = await waitFor(async () => {
        const row = await jobRow(id);
        return row.progress?.step === 1 && row;
      }, "progress to be recorded");
      expect(midway.status).toBe("running");
      release();
      expect(await finished(id)).toMatchObject({
        status: "succeeded",
        progress: { step: 2, of: 2 },
        result: { done: true },
      });
    } finally {
      release();
      await runner.stop();
    }
  });

  it("never runs a job twice when several runners compete for it", async () => {
    // On PostgreSQL each runner has its own pool, as two processes would; PGlite is one connection.
    const copy = kind === "postgres" ? await postgresCopy() : undefined;
    const dbs = copy ? [copy.db, openPostgres(copy.url)] : [db(), db()];
    if (copy) await copy.db.transaction((sql) => sql.exec(TEST_SCHEMA));
    const racer = (runner: string, own: Database) =>
      defineJob({
        name: "test.race",
        schema: z.object({ key: z.string() }),
        async run({ key }, ctx) {
          await recordRun(key, ctx.jobId, ctx.attempt, runner, own);
          await new Promise((resolve) => setTimeout(resolve, 5));
        },
      });
    const runners = ["a", "b"].map((name, i) =>
      startRunner({ ...fast, db: dbs[i], jobs: [racer(name, dbs[i])], concurrency: 3 }),
    );
    try {
      await Promise.all(runners.map((r) => r.ready));
      const keys = Array.from({ length: 40 }, (_, i) => `race-${i}`);
      const job = racer("enqueuer", dbs[0]);
      // Enqueued through the competing database, so both runners are woken by every NOTIFY.
      const ids = await dbs[0].transaction(async (sql) => {
        const out: string[] = [];
        for (const key of keys) out.push((await enqueue(job, { key }, { sql })).id);
        return out;
      });
      for (const id of ids) expect((await finished(id, dbs[0])).status).toBe("succeeded");
      const all = await dbs[0].transaction((sql) =>
        sql.query<{ key: string; runner: string }>("select key, runner from test_jobs.runs order by seq"),
      );
      expect(all.map((r) => r.key).sort()).toEqual([...keys].sort());
      expect(new Set(all.map((r) => r.runner))).toEqual(new Set(["a", "b"]));
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
      if (copy) {
        await dbs[1].close();
        await copy.drop();
      }
    }
  });

  it("rejects a payload that does not match the job's schema and stores nothing", async () => {
    // @ts-expect-error the payload type comes from the schema
    await expect(enqueue(count, { key: 42 })).rejects.toBeInstanceOf(JobPayloadError);
    await expect(enqueue(count, { key: "" })).rejects.toThrow(/invalid payload for job "test.count": key:/);
    const rows = await db().transaction((sql) => sql.query("select id from public.jobs"));
    expect(rows).toEqual([]);
  });

  it("stores the job only if the caller's transaction commits", async () => {
    await expect(
      asService(async (sql) => {
        await enqueue(count, { key: "rolled-back" }, { sql });
        throw new Error("the webhook failed after enqueueing");
      }),
    ).rejects.toThrow(/webhook failed/);
    expect(await db().transaction((sql) => sql.query("select id from public.jobs"))).toEqual([]);

    const { id } = await asService((sql) => enqueue(count, { key: "committed" }, { sql }));
    expect((await jobRow(id)).status).toBe("queued");
  });

  it("deduplicates while a job is pending, not after it finished", async () => {
    const first = await enqueue(count, { key: "dedupe" }, { dedupeKey: "contact-1" });
    const second = await enqueue(count, { key: "dedupe" }, { dedupeKey: "contact-1" });
    expect(second).toEqual({ id: first.id, backend: "local", deduplicated: true });
    const other = await enqueue(count, { key: "dedupe" }, { dedupeKey: "contact-2" });
    expect(other.id).not.toBe(first.id);

    const runner = startRunner({ ...fast, jobs: testJobs });
    try {
      await finished(first.id);
      await finished(other.id);
      const third = await enqueue(count, { key: "dedupe" }, { dedupeKey: "contact-1" });
      expect(third.deduplicated).toBe(false);
      await finished(third.id);
      expect(await runs("dedupe")).toHaveLength(3);
    } finally {
      await runner.stop();
    }
  });

  it("waits for runAt before running a job", async () => {
    const runner = startRunner({ ...fast, jobs: testJobs });
    try {
      const runAt = new Date(Date.now() + 400);
      const { id } = await enqueue(count, { key: "later" }, { runAt });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await jobRow(id)).status).toBe("queued");
      const row = await finished(id);
      expect(row.status).toBe("succeeded");
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(runAt.getTime() - 50);
    } finally {
      await runner.stop();
    }
  });

  it("hands a running job back to the queue on shutdown without counting the attempt", async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const patient = defineJob({
      name: "test.patient",
      schema: z.object({}),
      async run(_payload, ctx) {
        started();
        await new Promise((_, reject) => ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason)));
      },
    });
    const runner = startRunner({ ...fast, jobs: [patient], stopGraceMs: 50 });
    const { id } = await enqueue(patient, {});
    await running;
    await runner.stop();
    expect(await jobRow(id)).toMatchObject({ status: "queued", attempts: 0, locked_by: null });
  });

  it("a recurring job schedules its next run a period later, or a short period later when busy", async () => {
    const results = [{ backlog: 5 }, { backlog: 0 }];
    const chain = defineRecurringJob({
      name: "test.chain",
      everyMs: 3_600_000,
      busyEveryMs: 300,
      busy: (r: { backlog: number }) => r.backlog > 0,
      run: async () => results.shift() ?? { backlog: 0 },
    });
    const queued = () =>
      db().transaction((sql) =>
        sql.query<{ run_at: Date; dedupe_key: string }>(
          "select run_at, dedupe_key from public.jobs where name = 'test.chain' and status = 'queued'",
        ),
      );
    const runner = startRunner({ ...fast, jobs: [chain.job] });
    try {
      const t0 = Date.now();
      const first = await chain.start();
      await finished(first.id);
      // Busy: the next run is the short period away, under that period's key (the first held the long one's)…
      const [soon] = await queued();
      expect(soon.run_at.getTime() - t0).toBeLessThan(5_000);
      expect(soon.dedupe_key).toMatch(/^test\.chain:300ms:\d+$/);
      // …and it runs, finds nothing to do, and puts the chain back on the long period.
      await waitFor(async () => (await queued()).some((j) => !j.dedupe_key.includes("ms:")), "the long period");
      const [later] = await queued();
      expect(later.run_at.getTime() - Date.now()).toBeGreaterThan(3_500_000);
      expect(later.dedupe_key).toMatch(/^test\.chain:\d+$/);
      expect(results).toEqual([]);
    } finally {
      await runner.stop();
    }
  });

  it("enqueues several jobs in the caller's transaction in one statement, skipping those with a pending twin", async () => {
    await enqueue(count, { key: "many" }, { dedupeKey: "twin" });
    await asService((sql) =>
      enqueueAll(
        [
          { job: count, payload: { key: "many" }, options: { dedupeKey: "twin" } },
          { job: count, payload: { key: "many" }, options: { dedupeKey: "fresh" } },
          { job: count, payload: { key: "many" }, options: { runAt: new Date(Date.now() + 3_600_000) } },
        ],
        sql,
      ),
    );
    const rows = await db().transaction((sql) =>
      sql.query<{ dedupe_key: string | null; later: boolean }>(
        "select dedupe_key, run_at > now() + interval '1 minute' as later from public.jobs where name = $1 order by dedupe_key",
        [count.name],
      ),
    );
    expect(rows).toEqual([
      { dedupe_key: "fresh", later: false },
      { dedupe_key: "twin", later: false },
      { dedupe_key: null, later: true },
    ]);
    // A payload its job refuses stores none of them.
    await expect(
      asService((sql) =>
        enqueueAll(
          [
            { job: count, payload: { key: "ok" }, options: {} },
            { job: count, payload: { key: 5 }, options: {} },
          ],
          sql,
        ),
      ),
    ).rejects.toBeInstanceOf(JobPayloadError);
    expect(await db().transaction((sql) => sql.query("select 1 from public.jobs"))).toHaveLength(3);
  });

  it("queues no job its `wanted` declines, alone or with others, asked in the caller's transaction", async () => {
    const asked: string[] = [];
    const picky = defineJob({
      name: "test.picky",
      schema: z.object({ key: z.string() }),
      // Wanted where the caller's transaction said so: the answer must come from that transaction.
      async wanted({ key }, { sql }) {
        const [row] = await sql.query<{ v: string | null }>("select current_setting('test.want', true) as v");
        asked.push(`${key}:${row.v || "-"}`);
        return key !== "nobody" && row.v === "yes";
      },
      async run() {},
    });
    expect(await enqueue(picky, { key: "somebody" })).toMatchObject({ skipped: true, id: "" });
    const queued = await asService(async (sql) => {
      await sql.query("select set_config('test.want', 'yes', true)");
      const one = await enqueue(picky, { key: "somebody" }, { sql });
      await enqueueAll(
        [
          { job: picky, payload: { key: "nobody" }, options: {} },
          { job: picky, payload: { key: "somebody" }, options: { dedupeKey: "b" } },
          { job: count, payload: { key: "plain" }, options: {} },
        ],
        sql,
      );
      return one;
    });
    expect(queued.skipped).toBeUndefined();
    expect(asked).toEqual(["somebody:-", "somebody:yes", "nobody:yes", "somebody:yes"]);
    const rows = await db().transaction((sql) =>
      sql.query<{ name: string; key: string }>(
        "select name, payload ->> 'key' as key from public.jobs order by name, dedupe_key nulls first",
      ),
    );
    expect(rows).toEqual([
      { name: "test.count", key: "plain" },
      { name: "test.picky", key: "somebody" },
      { name: "test.picky", key: "somebody" },
    ]);
  });

  it("invitations.expire deletes only unaccepted invitations expired long enough ago", async () => {
    const ids = await db().transaction(async (sql) => {
      const [org] = await sql.query<{ id: string }>(
        "insert into public.organizations (name) values ('Acme') returning id",
      );
      const rows = await sql.query<{ id: string; email: string }>(
        `insert into public.invitations (org_id, email, token_hash, expires_at, accepted_at) values
           ($1, 'old@x.test', 'h1', now() - interval '40 days', null),
           ($1, 'recent@x.test', 'h2', now() - interval '3 days', null),
           ($1, 'joined@x.test', 'h3', now() - interval '40 days', now() - interval '45 days'),
           ($1, 'pending@x.test', 'h4', now() + interval '3 days', null)
         returning id, email`,
        [org.id],
      );
      return { org: org.id, rows };
    });
    const runner = startRunner({ ...fast, jobs: testJobs });
    try {
      const { id } = await enqueue(expireInvitations, {}, { orgId: ids.org });
      expect(await finished(id)).toMatchObject({ status: "succeeded", result: { deleted: 1, organizations: 1 } });
      const left = await db().transaction((sql) =>
        sql.query<{ email: string }>("select email from public.invitations where org_id = $1 order by email", [
          ids.org,
        ]),
      );
      expect(left.map((r) => r.email)).toEqual(["joined@x.test", "pending@x.test", "recent@x.test"]);
    } finally {
      await runner.stop();
    }
  });

  it("with TRIGGER_SECRET_KEY set, enqueue triggers the Trigger.dev task instead", async () => {
    const secretKey = "tr_dev_relay_test_key";
    const fake = await startTriggerFake(secretKey);
    const saved = { key: process.env.TRIGGER_SECRET_KEY, url: process.env.TRIGGER_API_URL };
    process.env.TRIGGER_SECRET_KEY = secretKey;
    process.env.TRIGGER_API_URL = fake.url;
    resetEnvCache();
    try {
      const orgId = "6f1d2c1e-9a8b-4c3d-8e7f-0a1b2c3d4e5f";
      const handle = await enqueue(expireInvitations, { olderThanDays: 7 }, { orgId, dedupeKey: "nightly" });
      expect(fake.runs).toHaveLength(1);
      const [run] = fake.runs;
      expect(handle).toEqual({ id: run.id, backend: "trigger", deduplicated: false });
      expect(run.taskId).toBe("invitations.expire");
      expect(run.authorization).toBe(`Bearer ${secretKey}`);
      // The SDK sends the payload serialised with superjson, as the worker will deserialise it.
      expect(run.body.options).toMatchObject({ payloadType: "application/super+json", metadata: { orgId } });
      expect(JSON.parse(run.body.payload as string).json).toEqual({ olderThanDays: 7 });
      await expect(enqueue(expireInvitations, { olderThanDays: -1 })).rejects.toBeInstanceOf(JobPayloadError);
      expect(fake.runs).toHaveLength(1);
      expect(await db().transaction((sql) => sql.query("select id from public.jobs"))).toEqual([]);

      // Enqueued in a transaction: requested only once it commits, and never when it rolls back.
      const heard: number[] = [];
      await asService(async (sql) => {
        await enqueue(expireInvitations, { olderThanDays: 3 }, { orgId, sql });
        heard.push(fake.runs.length);
      });
      expect(heard).toEqual([1]);
      expect(fake.runs).toHaveLength(2);
      expect(JSON.parse(fake.runs[1].body.payload as string).json).toEqual({ olderThanDays: 3 });
      await expect(
        asService(async (sql) => {
          await enqueue(expireInvitations, { olderThanDays: 4 }, { orgId, sql });
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");
      expect(fake.runs).toHaveLength(2);

      // Several in a transaction: one batch once it commits, none when it rolls back.
      const several = [5, 6, 7].map((n) => ({
        job: expireInvitations,
        payload: { olderThanDays: n },
        options: { orgId },
      }));
      await asService(async (sql) => {
        await enqueueAll(several, sql);
        heard.push(fake.runs.length);
      });
      expect(heard).toEqual([1, 2]);
      expect(fake.runs).toHaveLength(5);
      const batchIds = new Set(fake.runs.slice(2).map((r) => r.batchId));
      expect(batchIds.size).toBe(1);
      expect([...batchIds][0]).toBeTruthy();
      await expect(
        asService(async (sql) => {
          await enqueueAll(several, sql);
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");
      expect(fake.runs).toHaveLength(5);
    } finally {
      process.env.TRIGGER_SECRET_KEY = saved.key ?? "";
      process.env.TRIGGER_API_URL = saved.url ?? "";
      if (saved.key === undefined) delete process.env.TRIGGER_SECRET_KEY;
      if (saved.url === undefined) delete process.env.TRIGGER_API_URL;
      resetEnvCache();
      await fake.close();
    }
  });
});
