// npm run bench:analytics — the analytics dashboard over a year of one busy organisation on PostgreSQL:
// 1,000,000 messages in 100,000 conversations, 100,000 deals, 100,000 calls (plus another organisation's
// noise), made with generate_series (triggers off, then the rollups rebuilt). Every dashboard report for
// a 90-day period through the member's RLS transaction (withUser), as the dashboard asks it (with the previous
// period), beside a bare count(*) over the same source rows in the same run; the whole dashboard (every report
// at once, as the browser asks); the same with 5,000 and 20,000 messages stored live and not compacted yet (the
// views' delta part; BENCH_PENDING=5000,20000); and a 100,000-row CSV export's rate and the process's memory growth.
//
//   BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres)   BENCH_SCALE=1 (0.1 for a quick run)
//   BENCH_ROUNDS=10   BENCH_KEEP_DB=<name>: seed into that database once and keep it; later runs with the same name
//   migrate it (new migrations) and measure without seeding again (same BENCH_SCALE; BENCH_REBUILD=1 rebuilds the
//   rollups after a migration that changes them). BENCH_REPORTS=messages,response-times: time only those reports
//   one by one (the whole dashboard is always every report) and skip the CSV, for quick back-to-back comparisons.
// The bench organisation's zone is Europe/Moscow (Settings → AI), the zone the dashboard asks in; messages is also
// timed asked in UTC, which reads the hourly rollups instead of the daily ones.
// Targets (issue 12): each report < 200 ms, the whole dashboard < 1 s; CSV ≥ 20,000 rows/s, memory < +100 MB.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { conversationsCsv } from "@/lib/analytics/export";
import { csvSourceStream } from "@/lib/export/csv";
import { exportQuerySchema, reportIds, runReport, type ReportId } from "@/lib/analytics";
import { setDb, withUser, type Claims, type Sql } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { openPostgres } from "@/lib/db/postgres";

const base = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const scale = Number(process.env.BENCH_SCALE ?? 1);
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
const only = process.env.BENCH_REPORTS?.split(",").filter(Boolean) as ReportId[] | undefined;
const ZONE = "Europe/Moscow";
const CONVERSATIONS = Math.round(100_000 * scale);
const PER_CONVERSATION = 10;
const DEALS = Math.round(100_000 * scale);
const CALLS = Math.round(100_000 * scale);

const keep = process.env.BENCH_KEEP_DB;
if (keep && !/^[a-z_][a-z0-9_]*$/.test(keep)) throw new Error("BENCH_KEEP_DB must be a plain lower-case name");
const name = keep ?? `relay_bench_analytics_${process.pid}`;
const url = new URL(base);
url.pathname = `/${name}`;

const ms = (t: number) => `${t.toFixed(1).padStart(7)} ms`;

// Wall times swing with the shared machine's load; the CPU time the PostgreSQL backend spent on a report
// (utime + stime of its process, in clock ticks of 10 ms, read from /proc: the server runs on this machine) much
// less, so each line also gives the server's CPU per call, averaged over the runs.
function backendCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}
let cpuSpent = 0;
async function onBackend<T>(sql: Sql, fn: () => Promise<T>): Promise<T> {
  const [{ pid }] = await sql.query<{ pid: number }>("select pg_backend_pid() as pid");
  const before = backendCpuMs(pid);
  try {
    return await fn();
  } finally {
    cpuSpent += backendCpuMs(pid) - before;
  }
}
/** `timed` with the backend CPU per call. */
async function timedCpu<T>(fn: () => Promise<T>) {
  cpuSpent = 0;
  const r = await timed(fn);
  const cpu = cpuSpent / (rounds + 1);
  return { ...r, cpu: Number.isNaN(cpu) ? "cpu n/a" : `cpu ${cpu.toFixed(0).padStart(4)} ms` };
}
async function timed<T>(fn: () => Promise<T>, n = rounds) {
  await fn(); // warm-up
  const all: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    last = await fn();
    all.push(performance.now() - t);
  }
  all.sort((a, b) => a - b);
  return { p50: all[Math.floor(all.length / 2)], max: all[all.length - 1], last: last as T };
}

async function seedOrg(client: pg.Client, label: string, conversations: number, deals: number, calls: number) {
  const users = Array.from({ length: 6 }, () => randomUUID());
  for (const [i, id] of users.entries()) {
    await client.query(
      "insert into auth.users (id, aud, role, email, created_at, updated_at) values ($1, 'authenticated', 'authenticated', $2, now(), now())",
      [id, `bench-${label}-${i}@example.com`],
    );
    await client.query("update public.profiles set full_name = $2 where id = $1", [id, `${label} agent ${i}`]);
  }
  const [{ id: orgId }] = (
    await client.query<{ id: string }>("insert into public.organizations (name) values ($1) returning id", [label])
  ).rows;
  for (const [i, id] of users.entries())
    await client.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, $3)", [
      orgId,
      id,
      i === 0 ? "owner" : "agent",
    ]);
  const [{ id: pipelineId }] = (
    await client.query<{ id: string }>("select id from public.pipelines where org_id = $1 and is_default", [orgId])
  ).rows;
  const stages = (
    await client.query<{ id: string; kind: string }>(
      "select id, kind from public.stages where pipeline_id = $1 order by position",
      [pipelineId],
    )
  ).rows;
  const channels: string[] = [];
  for (const type of ["telegram", "evolution", "instagram"]) {
    const [{ id }] = (
      await client.query<{ id: string }>(
        "insert into public.channels (org_id, type, name) values ($1, $2, $3) returning id",
        [orgId, type, `${label} ${type}`],
      )
    ).rows;
    channels.push(id);
  }
  await client.query("set session_replication_role = replica");
  await client.query(
    "insert into public.contacts (org_id, name) select $1, 'Клиент ' || g from generate_series(1, $2) g",
    [orgId, conversations],
  );
  // One conversation per contact, started at a random moment of the last year, ten messages ten minutes
  // apart: the client, then the AI or an agent, alternating.
  await client.query(
    `insert into public.conversations (org_id, channel_id, contact_id, thread_id, created_at, last_message_at,
                                       last_message_direction)
     select $1, ($2::uuid[])[1 + (n % 3)], id, 't' || n, at, at + interval '90 minutes', 'out'
       from (select id, row_number() over () as n, now() - random() * interval '365 days' as at
               from public.contacts where org_id = $1) c`,
    [orgId, channels],
  );
  await client.query(
    `insert into public.messages (org_id, conversation_id, channel_id, direction, sender_type, sender_user_id, status,
                                  text, occurred_at, created_at, provider_message_id)
     select c.org_id, c.id, c.channel_id, case when i % 2 = 0 then 'in' else 'out' end,
            case when i % 2 = 0 then 'contact' when i % 4 = 1 then 'ai' else 'agent' end,
            case when i % 4 = 3 then ($2::uuid[])[1 + (abs(hashtext(c.id::text)) % 6)] end,
            case when i % 2 = 0 then 'received' else 'sent' end,
            case when i = 0 then (array['Сколько стоит доставка?', 'Какая цена?', 'How much is it?', 'Где вы находитесь?',
                                        'Есть ли скидки?', 'Can I pay by card?'])[1 + (abs(hashtext(c.id::text)) % 6)]
                 else 'сообщение ' || i end,
            c.created_at + make_interval(mins => i * 10), c.created_at + make_interval(mins => i * 10), c.id || ':' || i
       from public.conversations c cross join generate_series(0, $3 - 1) i where c.org_id = $1`,
    [orgId, users, PER_CONVERSATION],
  );
  await client.query(
    `insert into public.leads (org_id, contact_id, channel_id, score, interest_level, analyzed_at, funnel_stage,
                               qualification_complete)
     select c.org_id, c.contact_id, c.channel_id, (random() * 100)::int,
            (array['hot', 'warm', 'cold'])[1 + floor(random() * 3)::int], c.created_at + interval '1 hour',
            'new_lead', random() < 0.3
       from public.conversations c where c.org_id = $1 and abs(hashtext(c.id::text)) % 3 = 0`,
    [orgId],
  );
  await client.query(
    // Deals created over the year (not at the contacts' seeding time, which left every deal, its close and its
    // stage stays outside any past period).
    `with c as (select id, now() - random() * interval '365 days' as created_at, row_number() over (order by id) as n
                  from public.contacts where org_id = $1 limit $4)
     insert into public.deals (org_id, pipeline_id, stage_id, title, contact_id, amount, currency, owner_id, position,
                               stage_entered_at, created_at, closed_at)
     select $1, $2, s.id, 'Сделка ' || c.n, c.id, round((random() * 500000)::numeric, 2), 'RUB',
            ($5::uuid[])[1 + (c.n % 6)], 'a0' || lpad(c.n::text, 7, '0') || 'V',
            c.created_at + interval '1 day', c.created_at, case when s.kind <> 'open' then c.created_at + interval '5 days' end
       from c cross join lateral (select ($3::uuid[])[1 + (c.n % cardinality($3::uuid[]))] as id) sid
       join public.stages s on s.id = sid.id`,
    [orgId, pipelineId, stages.map((s) => s.id), deals, users],
  );
  await client.query(
    `insert into public.stage_history (org_id, deal_id, pipeline_id, to_stage_id, moved_at)
     select org_id, id, pipeline_id, stage_id, stage_entered_at from public.deals where org_id = $1`,
    [orgId],
  );
  const [{ id: connectionId }] = (
    await client.query<{ id: string }>(
      "insert into public.telephony_connections (org_id, kind, name) values ($1, 'asterisk_bridge', 'PBX') returning id",
      [orgId],
    )
  ).rows;
  await client.query(
    `insert into public.calls (org_id, connection_id, provider_call_id, source, direction, client_phone, member_id,
                               status, started_at, answered_at, ended_at, duration_seconds, wait_seconds)
     select $1, $2, 'c' || g, 'asterisk_bridge', case when g % 2 = 0 then 'inbound' else 'outbound' end,
            '+7916' || lpad((g % 10000000)::text, 7, '0'), ($3::uuid[])[1 + (g % 6)],
            case when g % 5 = 0 then 'missed' else 'answered' end, at,
            case when g % 5 <> 0 then at + interval '10 seconds' end, at + interval '3 minutes',
            case when g % 5 <> 0 then 170 end, 10
       from (select g, now() - random() * interval '365 days' as at from generate_series(1, $4) g) x`,
    [orgId, connectionId, users, calls],
  );
  await client.query("set session_replication_role = origin");
  return { orgId, owner: users[0], channels };
}

const admin = new pg.Client({ connectionString: base });
await admin.connect();
const exists = (await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1;
if (!exists) await admin.query(`create database ${name}`);
try {
  const db = openPostgres(url.toString());
  await migrate(db);
  setDb(db);
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const t0 = performance.now();
  const kept = exists
    ? (
        await client.query<{ orgId: string; owner: string }>(
          `select o.id as "orgId", m.user_id as owner from public.organizations o
             join public.memberships m on m.org_id = o.id and m.role = 'owner' where o.name = 'Bench Analytics'`,
        )
      ).rows[0]
    : undefined;
  if (exists && !kept) throw new Error(`database ${name} exists but holds no seeded bench organisation`);
  const { orgId, owner } =
    kept ??
    (await (async () => {
      const seeded = await seedOrg(client, "Bench Analytics", CONVERSATIONS, DEALS, CALLS);
      await seedOrg(client, "Noise", Math.round(CONVERSATIONS / 5), Math.round(DEALS / 5), Math.round(CALLS / 5));
      await client.query("analyze");
      return seeded;
    })());
  // The organisation's zone, in which the daily rollups are kept: compaction moves them to it if they were not.
  await client.query(
    `insert into public.ai_settings (org_id, availability) values ($1, jsonb_build_object('timezone', $2::text))
     on conflict (org_id) do update set availability = public.ai_settings.availability || excluded.availability`,
    [orgId, ZONE],
  );
  await client.query("select private.analytics_compact()");
  const t1 = performance.now();
  // A kept database keeps its rollups unless BENCH_REBUILD=1 (after a migration that changes them).
  const rebuild = !kept || process.env.BENCH_REBUILD === "1";
  // The deals' rollups too: the contacts' outcomes (conversion-rates) and the board's totals (pipeline-value).
  if (rebuild)
    await client.query(
      "select private.analytics_rebuild(), private.analytics_contact_outcomes_rebuild(), private.deal_totals_rebuild()",
    );
  const rebuilt = performance.now() - t1;
  if (rebuild) await client.query("vacuum analyze");
  const count = async (sql: string) => Number((await client.query<{ n: string }>(sql, [orgId])).rows[0].n);
  console.log(
    `seeded ${(await count("select count(*) as n from public.messages where org_id = $1")).toLocaleString("en")} messages, ` +
      `${CONVERSATIONS.toLocaleString("en")} conversations, ${DEALS.toLocaleString("en")} deals, ${CALLS.toLocaleString("en")} calls ` +
      `(+ a fifth as noise) ${kept ? "(kept from an earlier run)" : `in ${((t1 - t0) / 1000).toFixed(1)} s`}; private.analytics_rebuild() ${rebuild ? `${(rebuilt / 1000).toFixed(1)} s` : "skipped"}`,
  );

  const claims: Claims = { sub: owner, role: "authenticated" };
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const to = day(new Date());
  const from = day(new Date(Date.now() - 89 * 86_400_000));
  const q = {
    from,
    to,
    tz: ZONE,
    compare: true,
    channel: undefined,
    pipelineId: undefined,
    memberId: undefined,
  };
  const report = (id: ReportId, query = q) =>
    withUser(claims, (sql) => onBackend(sql, () => runReport(sql, orgId, id, query)));

  // The floors: a bare count(*) of the period's source rows, in the same RLS transaction.
  const floor = (table: string, column: string) =>
    timedCpu(() =>
      withUser(claims, (sql) =>
        onBackend(sql, () =>
          sql.query(
            `select count(*) from public.${table} where org_id = $1 and ${column} >= $2::date and ${column} < $3::date + 1`,
            [orgId, from, to],
          ),
        ),
      ),
    );
  console.log(
    `\n90 days (${from} .. ${to}), p50 of ${rounds} runs, each with the previous period as the dashboard asks`,
  );
  const floors = {
    messages: await floor("messages", "occurred_at"),
    conversations: await floor("conversations", "created_at"),
    deals: await floor("deals", "created_at"),
    calls: await floor("calls", "started_at"),
  };
  for (const [t, r] of Object.entries(floors))
    console.log(`floor: count(*) of the period's ${t.padEnd(13)} ${ms(r.p50)}  ${r.cpu}`);
  const run = async (label: string) => {
    console.log(`\n${label}`);
    for (const id of only ?? reportIds) {
      const r = await timedCpu(() => report(id));
      console.log(
        `${id.padEnd(20)} p50 ${ms(r.p50)}  max ${ms(r.max)}  ${r.cpu}  ${r.p50 < 200 ? "ok" : "OVER"} (< 200 ms)`,
      );
    }
    const utc = await timedCpu(() => report("messages", { ...q, tz: "UTC" }));
    console.log(
      `${"messages, tz=UTC".padEnd(20)} p50 ${ms(utc.p50)}  max ${ms(utc.max)}  ${utc.cpu}  (not the organisation's zone: hours)`,
    );
    const whole = await timedCpu(() => Promise.all(reportIds.map((id) => report(id))));
    console.log(
      `${"whole dashboard".padEnd(20)} p50 ${ms(whole.p50)}  max ${ms(whole.max)}  ${whole.cpu}  ${whole.p50 < 1000 ? "ok" : "OVER"} (< 1 s, reports at once)`,
    );
  };
  await run("compacted rollups");

  // Messages stored live (the triggers write deltas), not compacted yet: what the views add to each read. A
  // backlog that busy compaction (every 5 s once a run folded 1,000 or more) allows at ~1,000 messages/s, and a
  // whole minute of that rate (the idle period), each spread over 80 days of distinct conversations (the worst
  // case for the views: a live burst lands on today's few conversations).
  for (const backlog of (process.env.BENCH_PENDING ?? "5000,20000").split(",").map(Number).filter(Boolean)) {
    await client.query(
      `insert into public.messages (org_id, conversation_id, channel_id, direction, sender_type, status, text,
                                    occurred_at, provider_message_id)
       select c.org_id, c.id, c.channel_id, 'in', 'contact', 'received', 'ещё вопрос?', now() - random() * interval '80 days',
              'live:' || $2 || ':' || c.id
         from public.conversations c where c.org_id = $1 limit $3`,
      [orgId, `${process.pid}:${backlog}`, backlog],
    );
    await client.query("analyze public.analytics_message_deltas");
    await run(`with ${Math.min(backlog, CONVERSATIONS).toLocaleString("en")} deltas pending (not compacted)`);
    const tc = performance.now();
    const [{ folded }] = (await client.query<{ folded: number }>("select private.analytics_compact() as folded")).rows;
    console.log(`compaction: ${folded.toLocaleString("en")} deltas folded in ${ms(performance.now() - tc)}`);
  }

  if (!only) {
    // CSV: every conversation with its messages over a period holding ~100,000 rows, streamed.
    const csvDays = Math.max(1, Math.round((100_000 / (CONVERSATIONS * PER_CONVERSATION)) * 365));
    const csvQuery = exportQuerySchema.parse({
      report: "conversations",
      from: day(new Date(Date.now() - (csvDays - 1) * 86_400_000)),
      to,
      tz: "UTC",
    });
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const tcsv = performance.now();
    const body = csvSourceStream(await withUser(claims, (sql) => conversationsCsv(claims, sql, orgId, csvQuery)));
    let rows = -1;
    let bytes = 0;
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = typeof value === "string" ? value : new TextDecoder().decode(value);
      bytes += chunk.length;
      for (let i = chunk.indexOf("\n"); i !== -1; i = chunk.indexOf("\n", i + 1)) rows++;
    }
    const secs = (performance.now() - tcsv) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(
      `\nCSV (conversations with messages, ${csvDays} days): ${rows.toLocaleString("en")} rows, ${(bytes / 1e6).toFixed(1)} MB in ${secs.toFixed(2)} s = ` +
        `${Math.round(rows / secs).toLocaleString("en")} rows/s (≥ 20,000); memory +${((peak - rss0) / 1e6).toFixed(1)} MB at peak (< 100 MB)`,
    );
  }
  // A kept database stays as seeded: this run's live messages go, and so do the rollup rows only they made (each
  // run's 20,000 on random days of the same conversations had grown the period's conversation-days fourfold).
  await client.query("delete from public.messages where org_id = $1 and provider_message_id like 'live:%'", [orgId]);
  await client.query("select private.analytics_compact()");
  for (const [table, count] of [
    ["analytics_conversation_hours", "inbound + outbound"],
    ["analytics_conversation_days", "active_hours"],
    ["analytics_message_hours", "messages"],
    ["analytics_message_days", "messages"],
  ])
    await client.query(`delete from public.${table} where org_id = $1 and ${count} = 0`, [orgId]);
  await client.query("vacuum analyze");
  await client.end();
  await db.close();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  if (!keep) await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
