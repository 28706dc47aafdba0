// npm run bench:pipeline — the Kanban board over 100,000 deals in one pipeline (and 1,000,000 contacts) on
// PostgreSQL: the board's first page of every column, a filtered board, and a move, each beside a bare
// single-row UPDATE of a deal measured in the same run, through the same RLS transaction (withUser).
//
//   BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres)   BENCH_DEALS=100000
//   BENCH_CONTACTS=1000000   BENCH_ROUNDS=200   BENCH_SWEEP_DUE=200 (deals due for the time-rule sweep)
//   BENCH_DB_NAME (the scratch database's name; default relay_bench_pipeline_<pid>)
// Targets (issue 10): a board query under 50 ms; a move under 20 ms and at least 50% of the floor's rate; the
// time-rule sweep over 100,000 deals under 2 s. The board's first paint in Chromium: npm run bench:paint.
// A scratch database is created and dropped; the rows are made with generate_series, triggers off.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { asService, setDb, withUser, type Claims } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { openPostgres } from "@/lib/db/postgres";
import { getBoard, type BoardFilters } from "@/lib/pipeline/board";
import { moveDeal } from "@/lib/pipeline/moves";
import { dueDeals, sweep } from "@/lib/automation/sweep";
import { enabledTimeRules } from "@/lib/automation/rules";

const base = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const totalDeals = Number(process.env.BENCH_DEALS ?? 100_000);
const totalContacts = Number(process.env.BENCH_CONTACTS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 200);
const sweepDue = Number(process.env.BENCH_SWEEP_DUE ?? 200);

// BENCH_KEEP=1: seed a database named relay_bench_pipeline_keep, print its URL and stop (for EXPLAIN).
// BENCH_DB_NAME names the scratch database instead (several sessions benchmarking on one server).
const keep = process.env.BENCH_KEEP === "1";
const name = process.env.BENCH_DB_NAME ?? (keep ? "relay_bench_pipeline_keep" : `relay_bench_pipeline_${process.pid}`);
const url = new URL(base);
url.pathname = `/${name}`;

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { p50: at(0.5), p95: at(0.95), perSecond: 1000 / (s.reduce((a, b) => a + b, 0) / s.length) };
}
async function time(n: number, fn: (i: number) => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < Math.min(10, n); i++) await fn(i); // warm-up: plans cached, pages in memory
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  return stats(ms);
}
const fmt = (n: number) => n.toFixed(2).padStart(8);
function line(what: string, r: ReturnType<typeof stats>, target: string, floor?: ReturnType<typeof stats>) {
  const ratio = floor
    ? `${((100 * r.perSecond) / floor.perSecond).toFixed(0)}% of floor`.padStart(14)
    : "".padStart(14);
  console.log(`${what.padEnd(34)} p50 ${fmt(r.p50)} ms  p95 ${fmt(r.p95)} ms  ${ratio}  ${target}`);
}

async function seed(client: pg.Client) {
  const users = Array.from({ length: 5 }, () => randomUUID());
  for (const [i, id] of users.entries()) {
    // The auth trigger makes each user's profile.
    await client.query(
      "insert into auth.users (id, aud, role, email, created_at, updated_at) values ($1, 'authenticated', 'authenticated', $2, now(), now())",
      [id, `bench-${i}-${id}@example.com`],
    );
    await client.query("update public.profiles set full_name = $2 where id = $1", [id, `Agent ${i}`]);
  }
  const [{ id: orgId }] = (
    await client.query<{ id: string }>("insert into public.organizations (name) values ('Bench Pipeline') returning id")
  ).rows;
  for (const [i, id] of users.entries()) {
    await client.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, $3)", [
      orgId,
      id,
      i === 0 ? "owner" : "agent",
    ]);
  }
  await client.query("set session_replication_role = replica");
  const [{ id: pipelineId }] = (
    await client.query<{ id: string }>("select id from public.pipelines where org_id = $1 and is_default", [orgId])
  ).rows;
  const stages = (
    await client.query<{ id: string; kind: string }>(
      "select id, kind from public.stages where pipeline_id = $1 order by position",
      [pipelineId],
    )
  ).rows;
  const t0 = performance.now();
  await client.query(
    "insert into public.contacts (org_id, name) select $1, 'Клиент ' || g from generate_series(1, $2) g",
    [orgId, totalContacts],
  );
  // Every tenth contact has been analysed: hot, warm or cold.
  await client.query(
    `insert into public.leads (org_id, contact_id, score, interest_level)
     select org_id, id, (random() * 100)::int, (array['hot', 'warm', 'cold'])[1 + floor(random() * 3)::int]
       from (select org_id, id, row_number() over () as n from public.contacts where org_id = $1) c where n % 10 = 0`,
    [orgId],
  );
  // Deals spread over the stages; keys are valid fractional-indexing keys ("a0" + digits + "V"), unique per stage.
  await client.query(
    `with c as (select id, row_number() over (order by id) as n from public.contacts where org_id = $1 limit $4)
     insert into public.deals (org_id, pipeline_id, stage_id, title, contact_id, amount, currency, owner_id, tags,
                               position, stage_entered_at, created_at)
     select $1, $2, ($3::uuid[])[1 + (c.n % cardinality($3::uuid[]))], 'Сделка ' || c.n, c.id,
            round((random() * 500000)::numeric, 2), case when c.n % 4 = 0 then 'USD' else 'RUB' end,
            ($5::uuid[])[1 + (c.n % cardinality($5::uuid[]))], case when c.n % 20 = 0 then '{vip}' else '{}' end::text[],
            'a0' || lpad(c.n::text, 7, '0') || 'V', now() - random() * interval '60 days', now() - random() * interval '90 days'
       from c`,
    [orgId, pipelineId, stages.map((s) => s.id), totalDeals, users],
  );
  // With triggers off, the deals' copy of their client's interest is set here, as the leads' trigger would.
  await client.query(
    `update public.deals d set interest_level = l.interest_level from public.leads l
      where l.org_id = d.org_id and l.contact_id = d.contact_id and d.org_id = $1`,
    [orgId],
  );
  await client.query("set session_replication_role = origin");
  // Seeded with triggers off: the board's running totals are rebuilt from the deals, as the migration does.
  await client.query("select private.deal_totals_rebuild()");
  await client.query("analyze");
  console.log(
    `seeded ${totalContacts.toLocaleString("en")} contacts, ${totalDeals.toLocaleString("en")} deals in ${stages.length} stages in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return { orgId, pipelineId, stages, owner: users[0], agent: users[1] };
}

const admin = new pg.Client({ connectionString: base });
await admin.connect();
if (keep) await admin.query(`drop database if exists ${name} with (force)`);
await admin.query(`create database ${name}`);
try {
  const db = openPostgres(url.toString());
  await migrate(db);
  setDb(db);
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const { orgId, pipelineId, stages, owner, agent } = await seed(client);
  if (keep) {
    console.log(`kept ${url} (org ${orgId}, pipeline ${pipelineId}, owner ${owner}, agent ${agent})`);
    await client.end();
    await db.close();
    process.exit(0);
  }
  const claims = (sub: string): Claims => ({ sub, role: "authenticated" });
  const board = (filters: Partial<BoardFilters>, who = owner) =>
    withUser(claims(who), (sql) => getBoard(sql, pipelineId, { limit: 50, ...filters }));

  const first = await board({});
  console.log(`board: ${first.columns.map((c) => `${c.count}`).join(" / ")} deals per column, 50 cards each page`);
  const hot = await board({ interest: "hot" });
  console.log(`hot leads: ${hot.columns.map((c) => `${c.count} (${c.deals.length} cards)`).join(" / ")}`);
  console.log("");
  const boardRounds = Math.max(20, Math.floor(rounds / 4));
  const floorRead = await time(rounds, () =>
    withUser(claims(owner), (sql) =>
      sql.query("select id from public.deals where stage_id = $1 limit 1", [stages[0].id]),
    ),
  );
  line("floor: one-row SELECT", floorRead, "");
  line("board, first page per column", await time(boardRounds, () => board({})), "target < 50 ms");
  line("board, filtered (hot leads)", await time(boardRounds, () => board({ interest: "hot" })), "target < 50 ms");
  line(
    "board, filtered (owner + tag)",
    await time(boardRounds, () => board({ ownerId: agent, tag: "vip" })),
    "target < 50 ms",
  );
  line("board, agent's 'my deals'", await time(boardRounds, () => board({ mine: true }, agent)), "target < 50 ms");

  // Moves: cards from the first open column to the next one, between two of its cards (one row written).
  const open = stages.filter((s) => s.kind === "open");
  const movers = (
    await client.query<{ id: string }>("select id from public.deals where stage_id = $1 order by position limit $2", [
      open[0].id,
      rounds + 20,
    ])
  ).rows.map((r) => r.id);
  const targets = (
    await client.query<{ id: string }>("select id from public.deals where stage_id = $1 order by position limit $2", [
      open[1].id,
      rounds + 21,
    ])
  ).rows.map((r) => r.id);
  const floor = await time(rounds, (i) =>
    withUser(claims(owner), (sql) =>
      sql.query("update public.deals set title = title where id = $1", [movers[i % movers.length]]),
    ),
  );
  line("floor: bare single-row UPDATE", floor, "");
  let m = 0;
  const move = await time(rounds, async () => {
    const i = m++;
    await withUser(claims(owner), (sql) =>
      moveDeal(sql, orgId, movers[i], { stageId: open[1].id, afterId: targets[i], beforeId: targets[i + 1] }),
    );
  });
  line("move (between two cards)", move, "target < 20 ms, ≥ 50% of floor", floor);

  // The time-rule sweep (lib/automation/sweep.ts): a "24 h in stage → next stage" rule on every open column but
  // the last, over all the pipeline's deals; BENCH_SWEEP_DUE of them entered their stage 25 h ago, the others
  // within the last 20 h. One sweep finds the due deals (one query per rule) and fires each rule once per deal.
  await client.query("set session_replication_role = replica");
  await client.query(
    `update public.deals set stage_entered_at = now() - random() * interval '20 hours' where pipeline_id = $1`,
    [pipelineId],
  );
  const ruled = open.slice(0, -1);
  await client.query(
    `update public.deals set stage_entered_at = now() - interval '25 hours'
      where id in (select id from public.deals where stage_id = any($1::uuid[]) order by random() limit $2)`,
    [ruled.map((s) => s.id), sweepDue],
  );
  await client.query("set session_replication_role = origin");
  for (const [i, stage] of ruled.entries()) {
    await client.query(
      `insert into public.automation_rules (org_id, name, enabled, trigger_type, trigger, actions)
       values ($1, $2, true, 'time_in_stage', $3, $4)`,
      [
        orgId,
        `24 h in stage ${i + 1}`,
        JSON.stringify({ type: "time_in_stage", stageId: stage.id, hours: 24 }),
        JSON.stringify([{ type: "move_stage", stageId: open[i + 1].id }]),
      ],
    );
  }
  await client.query("analyze public.deals");
  const rules = await asService((sql) => enabledTimeRules(sql));
  const dueQuery = await time(boardRounds, () =>
    asService(async (sql) => {
      for (const r of rules) await dueDeals(sql, r, new Date());
    }),
  );
  line(`sweep's due query, ${rules.length} rules`, dueQuery, "(one set-based query per rule)");
  const t0 = performance.now();
  const swept = await sweep();
  const sweepMs = performance.now() - t0;
  const t1 = performance.now();
  const again = await sweep();
  const idleMs = performance.now() - t1;
  console.log(
    `${"time-rule sweep, due deals fired".padEnd(34)} ${sweepMs.toFixed(0).padStart(8)} ms for ${swept.fired} of ${swept.due} due ` +
      `(${(sweepMs / Math.max(1, swept.fired)).toFixed(1)} ms each, floor UPDATE p50 ${floor.p50.toFixed(2)} ms)  target < 2 s`,
  );
  console.log(
    `${"time-rule sweep, nothing due".padEnd(34)} ${idleMs.toFixed(0).padStart(8)} ms (${again.due} due) over ${totalDeals.toLocaleString("en")} deals`,
  );
  await client.end();
  await db.close();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
