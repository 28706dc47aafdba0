// npm run bench:analyze — seed 004's batch analysis over 1,000 dialogs through the real batch code (lib/dialogs),
// against the fake OpenAI server answering after 300 ms, beside the ideal for the pool (concurrency ÷ 0.3 s) and
// a floor measured in the same run (the same SDK client making the same number of bare calls, no database); then
// the offline engine through the same code path.
//
//   BENCH_DIALOGS=1000   BENCH_CONCURRENCY=8 (the job's default)   BENCH_DELAY_MS=300
//   BENCH_DB=embedded (PGlite in a temporary folder, default) | postgres (a fresh database on BENCH_POSTGRES_URL,
//   default TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres, dropped afterwards)
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

const dialogs = Number(process.env.BENCH_DIALOGS ?? 1000);
const delayMs = Number(process.env.BENCH_DELAY_MS ?? 300);
const kind = process.env.BENCH_DB ?? "embedded";
const API_KEY = "sk-bench-analyze-0123456789";

// Before lib/env is read: fixed keys (no secrets.json written), quiet logs, no job runner.
process.env.JWT_SECRET ??= "bench-jwt-secret-that-is-at-least-32-characters";
process.env.ENCRYPTION_KEY ??= "0".repeat(64);
process.env.LOG_LEVEL = "silent";
process.env.JOBS_RUNNER = "off";

async function openDatabase(): Promise<() => Promise<void>> {
  if (kind === "postgres") {
    const base =
      process.env.BENCH_POSTGRES_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const name = `relay_bench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    return async () => {
      const { getDb } = await import("@/lib/db");
      await (await getDb()).close();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "relay-bench-analyze-"));
  process.env.DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  return async () => {
    const { getDb } = await import("@/lib/db");
    await (await getDb()).close();
    rmSync(dir, { recursive: true, force: true });
  };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

async function main() {
  const close = await openDatabase();
  const { getDb } = await import("@/lib/db");
  const { resetEnvCache } = await import("@/lib/env");
  const { analyzeDialogs, DEFAULT_CONCURRENCY } = await import("@/lib/dialogs/batch");
  const { createOpenAIClient } = await import("@/lib/ai/openai/client");
  const { startOpenAIFake } = await import("../../tests/fakes/openai");
  const { ANALYSES } = await import("../../tests/helpers/dialogs");
  const { seedBenchDialogs } = await import("./seed");
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? DEFAULT_CONCURRENCY);

  const fake = await startOpenAIFake({ apiKey: API_KEY, delayMs });
  try {
    let t = performance.now();
    await getDb();
    console.log(`database: ${kind}, migrated in ${fmt((performance.now() - t) / 1000)} s`);
    t = performance.now();
    const { orgId } = await seedBenchDialogs(dialogs);
    console.log(`${dialogs} dialogs seeded in ${fmt((performance.now() - t) / 1000)} s`);

    // Floor: the same SDK against the same fake, `concurrency` calls at a time, nothing else.
    const client = createOpenAIClient({ apiKey: API_KEY, baseURL: fake.url });
    // About five seconds of calls.
    const floorCalls = concurrency * Math.min(20, Math.max(3, Math.ceil(5_000 / delayMs)));
    const call = () =>
      client.chat.completions.create({ model: "gpt-4.1-mini", messages: [{ role: "user", content: "hi" }] });
    await Promise.all(Array.from({ length: concurrency }, call)); // warm-up: connections, JIT
    t = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < floorCalls) {
          await call();
        }
      }),
    );
    const floor = floorCalls / ((performance.now() - t) / 1000);
    fake.reset();

    // Seed 004's three kinds of answer in turn (hot, warm, cold), so the scores are a mix as in life.
    const answers = Object.values(ANALYSES);
    let turn = 0;
    fake.setHandler(() => ({ kind: "chat", content: answers[turn++ % answers.length] }));
    process.env.OPENAI_API_KEY = API_KEY;
    process.env.OPENAI_BASE_URL = fake.url;
    resetEnvCache();
    t = performance.now();
    const stats = await analyzeDialogs(orgId, { minIncoming: 1, force: true }, { concurrency });
    const seconds = (performance.now() - t) / 1000;
    const rate = stats.total / seconds;
    const ideal = concurrency / (delayMs / 1000);
    const calls = fake.requests.length;

    // Unchanged dialogs: the hash check alone, no model call.
    t = performance.now();
    const skipped = await analyzeDialogs(orgId, { minIncoming: 1 }, { concurrency });
    const skipRate = skipped.total / ((performance.now() - t) / 1000);

    delete process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_BASE_URL;
    resetEnvCache();
    t = performance.now();
    const offline = await analyzeDialogs(orgId, { minIncoming: 1, force: true }, { concurrency });
    const offlineRate = offline.total / ((performance.now() - t) / 1000);

    console.log(`\nOpenAI (fake, ${delayMs} ms per answer), concurrency ${concurrency}:`);
    console.log(`  stats          ${JSON.stringify(stats)}  (${calls} model calls)`);
    console.log(`  batch          ${fmt(rate)} dialogs/s  (${fmt(seconds)} s for ${stats.total})`);
    console.log(`  ideal          ${fmt(ideal)} dialogs/s  (concurrency ÷ ${delayMs / 1000} s)`);
    console.log(`  floor          ${fmt(floor)} calls/s  (bare SDK calls, same fake, same concurrency)`);
    console.log(
      `  of ideal       ${fmt((100 * rate) / ideal, 0)}%  (target ≥ 80%); of floor ${fmt((100 * rate) / floor, 0)}%`,
    );
    console.log(`unchanged dialogs (skipped, no model call): ${fmt(skipRate)} dialogs/s  ${JSON.stringify(skipped)}`);
    console.log(
      `offline engine, same code path: ${fmt(offlineRate)} dialogs/s (target ≥ 200)  ${JSON.stringify(offline)}`,
    );
    if (stats.errors || offline.errors) process.exitCode = 1;
  } finally {
    await fake.close();
    await close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
