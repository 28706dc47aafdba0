// npm run bench:automation — what automation costs, each figure beside its floor measured in the same run
// (PostgreSQL):
//  1. bench:ingest's webhook load with a message-received rule switched on vs off, interleaved (off, on, off,
//     on) on one app whose jobs runner works in-process, so the rule's step competes with ingest for the CPU.
//     Every client has an open deal, so the rule reads its conditions and fires (move + notify) on first replies.
//  2. the time-rule sweep over 100,000 deals in one pipeline: the due-deals query alone, and a whole sweep
//     that finds BENCH_DUE of them due and moves each.
//
//   BENCH_SECONDS=5  BENCH_CONCURRENCY=32  BENCH_DEALS=100000  BENCH_DUE=200
//   BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres)
import pg from "pg";
import { dueDeals, sweep } from "@/lib/automation/sweep";
import { enabledTimeRules } from "@/lib/automation/rules";
import { asService, setDb } from "@/lib/db";
import { openPostgres } from "@/lib/db/postgres";
import { startTelegramFake, textUpdate } from "../../tests/fakes/telegram";
import { runLoad, stopLoadGenerator, type LoadResult } from "../ingest/load";
import { ensureBuild, snapshotBuild, startApp } from "../ingest/server";

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const totalDeals = Number(process.env.BENCH_DEALS ?? 100_000);
const dueCount = Number(process.env.BENCH_DUE ?? 200);
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
// The rule's step runs in the app's own jobs runner, as on an embedded install or a single-instance deploy.
process.env.BENCH_JOBS_RUNNER ??= "on";

const WEBHOOK_SECRET = "bench_webhook_secret_0123456789";
const SEQ = 900_000_001;
const CLIENT = 900_000_002;
const CLIENTS = 2_000;
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "-");

async function api<T>(url: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(url, { ...init, headers });
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

function updateTemplate(text: string) {
  const update = textUpdate(text, {
    chatId: CLIENT,
    from: { first_name: `Client ${CLIENT}`, username: `client_${CLIENT}`, language_code: "ru" },
    updateId: SEQ,
    messageId: SEQ,
  });
  return JSON.stringify(update).replaceAll(String(SEQ), "%SEQ%").replaceAll(String(CLIENT), "%CLIENT%");
}

type Stage = { id: string; funnelStage: string | null };

async function main() {
  ensureBuild();
  const app = snapshotBuild();
  const telegram = await startTelegramFake();
  const target = await startApp("postgres", { telegramApiRoot: telegram.apiRoot, postgresUrl, appDir: app.dir });
  const db = new pg.Client({ connectionString: target.databaseUrl });
  try {
    await db.connect();
    const session = await api<{ access_token: string }>(`${target.url}/api/auth/signup`, {
      method: "POST",
      body: JSON.stringify({
        email: `bench-${Date.now()}@example.com`,
        password: "bench password",
        name: "Bench",
        organizationName: "Bench Rules",
      }),
    });
    const token = session.access_token;
    const channel = await api<{ id: string }>(`${target.url}/api/channels`, {
      method: "POST",
      token,
      body: JSON.stringify({
        type: "telegram",
        name: "Bench bot",
        secrets: { botToken: telegram.token, webhookSecret: WEBHOOK_SECRET },
      }),
    });
    const [pipeline] = await api<{ id: string; stages: Stage[] }[]>(`${target.url}/api/pipeline`, { token });
    const lead = pipeline.stages.find((s) => s.funnelStage === "new_lead")!.id;
    const qualified = pipeline.stages.find((s) => s.funnelStage === "qualified")!.id;

    const spec = {
      url: `${target.url}/api/webhooks/telegram/${channel.id}`,
      method: "POST" as const,
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
      body: updateTemplate("Здравствуйте! Сколько стоит ремонт квартиры под ключ?"),
      clients: CLIENTS,
      seq: 1_000_000,
    };
    // Warm-up makes the 2,000 contacts; then each gets an open deal, so the rule has something to act on.
    await runLoad(spec, 8, 3);
    const { rowCount } = await db.query(
      `insert into public.deals (org_id, pipeline_id, stage_id, title, contact_id, position)
       select c.org_id, $1, $2, 'Deal of ' || c.name, c.id, 'c' || lpad(row_number() over (order by c.id)::text, 8, '0')
         from public.contacts c join public.channels ch on ch.org_id = c.org_id where ch.id = $3`,
      [pipeline.id, lead, channel.id],
    );
    console.log(`${rowCount} open deals for the clients`);
    const rule = await api<{ id: string }>(`${target.url}/api/automation/rules`, {
      method: "POST",
      token,
      body: JSON.stringify({
        name: "First reply → Qualified",
        enabled: false,
        trigger: { type: "message_received" },
        conditions: [{ type: "first_reply" }, { type: "stage_is", stageIds: [lead] }],
        actions: [
          { type: "move_stage", stageId: qualified },
          { type: "notify", to: "owner", text: "The client replied" },
        ],
      }),
    });
    const setRule = (enabled: boolean) =>
      api(`${target.url}/api/automation/rules/${rule.id}`, {
        method: "PATCH",
        token,
        body: JSON.stringify({ enabled }),
      });

    console.log(`\nwebhook ingest, ${concurrency} concurrent, ${seconds} s per run`);
    console.log("rule        msg/s   p50 ms   p99 ms errors");
    const results: Record<"off" | "on", LoadResult[]> = { off: [], on: [] };
    for (const state of ["off", "on", "off", "on"] as const) {
      await setRule(state === "on");
      const r = await runLoad(spec, concurrency, seconds);
      results[state].push(r);
      console.log(
        `${state.padEnd(8)} ${fmt(r.perSecond).padStart(8)} ${fmt(r.p50, 2).padStart(8)} ${fmt(r.p99, 2).padStart(8)} ${String(r.errors).padStart(6)}`,
      );
    }
    const mean = (rs: LoadResult[]) => rs.reduce((s, r) => s + r.perSecond, 0) / rs.length;
    const { rows: fired } = await db.query<{ n: string }>(
      "select count(*)::text as n from public.automation_runs where rule_id = $1 and status = 'fired'",
      [rule.id],
    );
    console.log(
      `with the rule: ${fmt(mean(results.on))} msg/s = ${fmt((100 * mean(results.on)) / mean(results.off), 0)}% of ${fmt(mean(results.off))} without (target ≥ 90%); it fired ${fired[0].n} times`,
    );
    await setRule(false);
    await benchSweep(target.databaseUrl!, db, token, target.url, pipeline.id, lead, qualified);
  } finally {
    await db.end().catch(() => undefined);
    await target.stop();
    await telegram.close();
    stopLoadGenerator();
    app.remove();
  }
}

async function benchSweep(
  databaseUrl: string,
  db: pg.Client,
  token: string,
  base: string,
  pipelineId: string,
  lead: string,
  qualified: string,
) {
  console.log(`\nseeding ${totalDeals} deals in New lead (${dueCount} of them there for more than 24 h)…`);
  const [{ org_id: orgId }] = (
    await db.query<{ org_id: string }>("select org_id from public.pipelines where id = $1", [pipelineId])
  ).rows;
  await db.query(
    `insert into public.deals (org_id, pipeline_id, stage_id, title, position, stage_entered_at)
     select $1, $2, $3, 'Bench deal ' || i, 'd' || lpad(i::text, 8, '0'), now()
       from generate_series(1, $4) i`,
    [orgId, pipelineId, lead, totalDeals],
  );
  // A new deal entered its stage now (the insert trigger says so); the due ones are put back 30 hours.
  await db.query(
    `update public.deals set stage_entered_at = now() - interval '30 hours'
      where pipeline_id = $1 and title in (select 'Bench deal ' || i from generate_series(1, $2) i)`,
    [pipelineId, dueCount],
  );
  await db.query("analyze public.deals");
  await api(`${base}/api/automation/rules`, {
    method: "POST",
    token,
    body: JSON.stringify({
      name: "24 h in New lead → Qualified",
      enabled: true,
      trigger: { type: "time_in_stage", stageId: lead, hours: 24 },
      actions: [{ type: "move_stage", stageId: qualified }],
    }),
  });
  setDb(openPostgres(databaseUrl));
  const [rule] = (await asService((sql) => enabledTimeRules(sql))).filter((r) => r.org_id === orgId);
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    found = (await asService((sql) => dueDeals(sql, rule, new Date()))).length;
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  console.log(`due-deals query over ${totalDeals} deals: ${fmt(times[2], 2)} ms (median of 5), ${found} due`);
  const t0 = performance.now();
  const result = await sweep();
  const ms = performance.now() - t0;
  console.log(
    `sweep: ${result.rules} time rule(s), ${result.due} due, ${result.fired} moved in ${fmt(ms / 1000, 2)} s ` +
      `(${fmt(ms / Math.max(1, result.fired), 2)} ms per moved deal; target < 2 s)`,
  );
  const again = performance.now();
  const second = await sweep();
  console.log(`next sweep (nothing new due): ${second.due} due in ${fmt(performance.now() - again, 1)} ms`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
