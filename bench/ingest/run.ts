// npm run bench:ingest — signed Telegram updates posted to the running app at rising concurrency, beside the
// floor of the same server doing one INSERT, then the inbox list query over 1,000,000 messages (PostgreSQL).
//
//   BENCH_DB=embedded|postgres|both (default both)   BENCH_SECONDS=5   BENCH_CONCURRENCY=1,8,32,64
//   BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres)   BENCH_MESSAGES=1000000
//   BENCH_URL=http://… reuses a running app (started with BENCH_ROUTES=1) instead of starting one.
//   BENCH_JOBS_RUNNER=on|off: follow-up jobs in the app's process (default: on for embedded, off for
//   PostgreSQL, where production runs them on Trigger.dev or a worker instance).
// Routes: webhook and floor (one INSERT) are served as in production, by server.mjs's direct routes; noop is
// Next.js answering a constant (the framework's own ceiling); bare is node:http + the INSERT in another process.
import { fork } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { inboxParams, inboxQuery, type SearchPlan } from "@/lib/inbox/inbox";
import { startTelegramFake, textUpdate } from "../../tests/fakes/telegram";
import { explainAsMember, seedMessages, selectAsMember } from "./inbox-query";
import { runLoad, stopLoadGenerator, type LoadResult, type LoadSpec } from "./load";
import { ensureBuild, snapshotBuild, startApp, type Target } from "./server";

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const levels = (process.env.BENCH_CONCURRENCY ?? "1,8,32,64").split(",").map(Number);
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const totalMessages = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const kinds = (process.env.BENCH_DB ?? "both") === "both" ? ["embedded", "postgres"] : [process.env.BENCH_DB!];

const WEBHOOK_SECRET = "bench_webhook_secret_0123456789";
const SEQ = 900_000_001;
const CLIENT = 900_000_002;

async function api<T>(url: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(url, { ...init, headers });
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

async function setUp(base: string, botToken: string) {
  const email = `bench-${Date.now()}@example.com`;
  const session = await api<{ access_token: string; user: { id: string } }>(`${base}/api/auth/signup`, {
    method: "POST",
    body: JSON.stringify({ email, password: "bench password", name: "Bench", organizationName: "Bench Ltd" }),
  });
  const channel = await api<{ id: string; webhookUrl: string; status: string }>(`${base}/api/channels`, {
    method: "POST",
    token: session.access_token,
    body: JSON.stringify({ type: "telegram", name: "Bench bot", secrets: { botToken, webhookSecret: WEBHOOK_SECRET } }),
  });
  return { token: session.access_token, userId: session.user.id, channelId: channel.id };
}

/** A Telegram update as a template: the load generator gives each request its own ids and one of the clients. */
function updateTemplate(text: string) {
  const update = textUpdate(text, {
    chatId: CLIENT,
    // Each client its own name: look-alike contacts would each get merge suggestions.
    from: { first_name: `Client ${CLIENT}`, username: `client_${CLIENT}`, language_code: "ru" },
    updateId: SEQ,
    messageId: SEQ,
  });
  return JSON.stringify(update).replaceAll(String(SEQ), "%SEQ%").replaceAll(String(CLIENT), "%CLIENT%");
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "-");
function row(db: string, route: string, c: number, r: LoadResult, floor?: LoadResult) {
  const ratio = floor ? `${fmt((100 * r.perSecond) / floor.perSecond, 0)}%` : "";
  console.log(
    [
      db.padEnd(9),
      route.padEnd(8),
      String(c).padStart(4),
      fmt(r.perSecond).padStart(9),
      fmt(r.p50, 2).padStart(8),
      fmt(r.p99, 2).padStart(8),
      String(r.errors).padStart(6),
      ratio.padStart(9),
    ].join(" "),
  );
}

type Setup = Awaited<ReturnType<typeof setUp>>;
type Route = { name: string; spec: LoadSpec };

function routes(target: Target, setup: Setup, bare?: string): Route[] {
  const json = { "content-type": "application/json" };
  const floorBody = updateTemplate("floor");
  const list: Route[] = [
    // Next.js answering a constant: the framework's own ceiling here.
    {
      name: "noop",
      spec: {
        url: `${target.url}/api/bench/noop`,
        method: "POST",
        headers: { ...json, authorization: `Bearer ${setup.token}` },
        body: floorBody,
        seq: 1,
      },
    },
    {
      name: "floor",
      spec: {
        url: `${target.url}/api/bench/insert?channelId=${setup.channelId}`,
        method: "POST",
        headers: { ...json, authorization: `Bearer ${setup.token}` },
        body: floorBody,
        seq: 1,
      },
    },
    {
      name: "webhook",
      spec: {
        url: `${target.url}/api/webhooks/telegram/${setup.channelId}`,
        method: "POST",
        headers: { ...json, "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
        body: updateTemplate("Здравствуйте! Сколько стоит ремонт квартиры под ключ?"),
        // 2,000 different clients: the first message of each makes a contact and a conversation.
        clients: 2_000,
        seq: 1_000_000,
      },
    },
  ];
  if (bare) {
    list.splice(2, 0, {
      name: "bare",
      spec: { url: `${bare}/?channelId=${setup.channelId}`, method: "POST", headers: json, body: floorBody, seq: 1 },
    });
  }
  const only = process.env.BENCH_ROUTES_ONLY?.split(",");
  return only ? list.filter((r) => only.includes(r.name)) : list;
}

/** node:http + lib/db without Next.js, beside the app (PostgreSQL only: PGlite is the app's own file). */
async function startBare(databaseUrl: string) {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = fork(path.join(import.meta.dirname, "bare.ts"), [port, databaseUrl].map(String), {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("exit", reject);
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

async function benchIngest(target: Target, setup: Setup) {
  const bare = target.databaseUrl && !process.env.BENCH_NO_BARE ? await startBare(target.databaseUrl) : undefined;
  try {
    const list = routes(target, setup, bare?.url);
    for (const r of list) await runLoad(r.spec, 8, r.name === "webhook" ? 2 : 1); // warm-up: JIT, pools, contacts
    console.log("db        route    conc     msg/s   p50 ms   p99 ms errors  of floor");
    const results: { c: number; webhook?: LoadResult; floor?: LoadResult }[] = [];
    for (const c of levels) {
      const at: Record<string, LoadResult> = {};
      for (const r of list) {
        at[r.name] = await runLoad(r.spec, c, seconds);
        row(target.kind, r.name, c, at[r.name], r.name === "webhook" ? at.floor : undefined);
      }
      results.push({ c, webhook: at.webhook, floor: at.floor });
    }
    return results;
  } finally {
    bare?.stop();
  }
}

async function checkStoredOnce(target: Target, channelId: string) {
  if (!target.databaseUrl) return;
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ events: string; messages: string }>(
    `select (select count(*) from public.webhook_events where channel_id = $1 and event_id ~ '^[0-9]+$')::text as events,
            (select count(*) from public.messages where channel_id = $1)::text as messages`,
    [channelId],
  );
  await client.end();
  console.log(`stored: ${rows[0].events} Telegram updates, ${rows[0].messages} messages (one per update expected)`);
}

async function benchInboxQuery(target: Target, setup: Setup) {
  if (!target.databaseUrl || totalMessages <= 0) return;
  const perConversation = 50;
  const conversations = Math.ceil(totalMessages / perConversation);
  console.log(`\nseeding ${conversations} conversations × ${perConversation} messages…`);
  const t0 = performance.now();
  const { orgId, messages } = await seedMessages(target.databaseUrl, setup.channelId, conversations, perConversation);
  console.log(`${messages} messages in the database (seeded in ${fmt((performance.now() - t0) / 1000)} s)`);

  const cases: [string, string][] = [
    ["inbox, first page", "limit=50"],
    ["status=open", "status=open&limit=50"],
    ["unread=true", "unread=true&limit=50"],
    ["assignee=unassigned", "assignee=unassigned&limit=50"],
    ["search q=квартира", `q=${encodeURIComponent("квартира")}&limit=50`],
    ["search q=bathroom", "q=bathroom&limit=50"],
    ["search q=пентхаус (none)", `q=${encodeURIComponent("пентхаус")}&limit=50`],
  ];
  console.log("query                    SQL ms (median)   API ms p50   API ms p99");
  for (const [name, qs] of cases) {
    const query = Object.fromEntries(new URLSearchParams(qs));
    const parsed = {
      limit: Number(query.limit ?? 50),
      status: query.status as never,
      unread: query.unread === "true" ? true : undefined,
      assignee: query.assignee as never,
      q: query.q,
    };
    const params = inboxParams(orgId, setup.userId, parsed);
    // A search first asks how common its words are (lib/inbox/inbox.ts searchPlan), then lists: both are timed.
    let plan: SearchPlan | undefined;
    let choosing = 0;
    if (parsed.q) {
      const many = "select private.search_matches_many($1, $2) as many";
      choosing = (await explainAsMember(target.databaseUrl, setup.userId, many, [orgId, parsed.q])).medianMs;
      const [row] = await selectAsMember<{ many: boolean }>(target.databaseUrl, setup.userId, many, [orgId, parsed.q]);
      plan = row.many ? "common" : "rare";
    }
    const list = await explainAsMember(target.databaseUrl, setup.userId, inboxQuery(plan), params);
    const sql = { medianMs: choosing + list.medianMs, plan: `${plan ?? "no search"}\n${list.plan}` };
    const http = await runLoad(
      {
        url: `${target.url}/api/messaging/inbox?${qs}`,
        method: "GET",
        headers: { authorization: `Bearer ${setup.token}` },
        seq: 0,
      },
      1,
      2,
    );
    console.log(
      `${name.padEnd(24)} ${fmt(sql.medianMs, 2).padStart(15)} ${fmt(http.p50, 2).padStart(12)} ${fmt(http.p99, 2).padStart(12)}`,
    );
    if (process.env.BENCH_PLANS) console.log(sql.plan);
  }
}

async function main() {
  const external = process.env.BENCH_URL;
  if (!external) ensureBuild();
  const app = external ? undefined : snapshotBuild();
  const telegram = await startTelegramFake();
  try {
    for (const kind of external ? ["external"] : kinds) {
      console.log(`\n=== ${kind} ===`);
      const target: Target = external
        ? { kind: "embedded", url: external.replace(/\/$/, ""), stop: async () => {} }
        : await startApp(kind as "embedded" | "postgres", {
            telegramApiRoot: telegram.apiRoot,
            postgresUrl,
            appDir: app!.dir,
          });
      try {
        const setup = await setUp(target.url, telegram.token);
        await benchIngest(target, setup);
        await checkStoredOnce(target, setup.channelId);
        if (!process.env.BENCH_SKIP_INBOX) await benchInboxQuery(target, setup);
      } finally {
        await target.stop();
      }
    }
  } finally {
    await telegram.close();
    stopLoadGenerator();
    app?.remove();
  }
  console.log(
    "\ntargets: webhook ≥ 1,000 msg/s on PostgreSQL, ≥ 50% of the floor, p99 < 100 ms; inbox list < 50 ms with 1M messages",
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
