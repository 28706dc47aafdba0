// npm run bench:ingest — signed Telegram updates posted to the running app at rising concurrency, beside the
// floor of the same server doing one INSERT, then the inbox list query over 1,000,000 messages (PostgreSQL).
//
//   BENCH_DB=embedded|postgres|both (default both)   BENCH_SECONDS=5   BENCH_CONCURRENCY=1,8,32,64
//   BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres)   BENCH_MESSAGES=1000000
//   BENCH_URL=http://… reuses a running app (started with BENCH_ROUTES=1) instead of starting one.
import pg from "pg";
import { inboxParams, INBOX_QUERY } from "@/lib/inbox/inbox";
import { startTelegramFake, textUpdate } from "../../tests/fakes/telegram";
import { explainAsMember, seedMessages } from "./inbox-query";
import { runLoad, type LoadResult } from "./load";
import { ensureBuild, snapshotBuild, startApp, type Target } from "./server";

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const levels = (process.env.BENCH_CONCURRENCY ?? "1,8,32,64").split(",").map(Number);
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const totalMessages = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const kinds = (process.env.BENCH_DB ?? "both") === "both" ? ["embedded", "postgres"] : [process.env.BENCH_DB!];

const WEBHOOK_SECRET = "bench_webhook_secret_0123456789";
let updateId = 1_000_000;
let messageId = 1;

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

function clientUpdate(client: number) {
  return textUpdate("Здравствуйте! Сколько стоит ремонт квартиры под ключ?", {
    chatId: 500_000 + client,
    from: { first_name: `Client ${client}`, username: `client_${client}`, language_code: "ru" },
    updateId: ++updateId,
    messageId: ++messageId,
  });
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

async function benchIngest(target: Target, setup: Awaited<ReturnType<typeof setUp>>) {
  const webhook = () => ({
    url: `${target.url}/api/webhooks/telegram/${setup.channelId}`,
    init: {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
      // 2,000 different clients: the first message of each makes a contact and a conversation.
      body: JSON.stringify(clientUpdate(updateId % 2_000)),
    },
  });
  const floor = () => ({
    url: `${target.url}/api/bench/insert?channelId=${setup.channelId}`,
    init: {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${setup.token}` },
      body: JSON.stringify(textUpdate("floor", { updateId: ++updateId, messageId: ++messageId })),
    },
  });
  await runLoad(webhook, 8, 2); // warm-up: JIT, connection pool, the first contacts
  await runLoad(floor, 8, 1);
  console.log("db        route    conc     msg/s   p50 ms   p99 ms errors  of floor");
  const results: { c: number; webhook: LoadResult; floor: LoadResult }[] = [];
  for (const c of levels) {
    const f = await runLoad(floor, c, seconds);
    row(target.kind, "floor", c, f);
    const w = await runLoad(webhook, c, seconds);
    row(target.kind, "webhook", c, w, f);
    results.push({ c, webhook: w, floor: f });
  }
  return results;
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

async function benchInboxQuery(target: Target, setup: Awaited<ReturnType<typeof setUp>>) {
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
    const sql = await explainAsMember(
      target.databaseUrl,
      setup.userId,
      INBOX_QUERY,
      inboxParams(orgId, setup.userId, parsed),
    );
    const http = await runLoad(
      () => ({
        url: `${target.url}/api/messaging/inbox?${qs}`,
        init: { headers: { authorization: `Bearer ${setup.token}` } },
      }),
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
        await benchInboxQuery(target, setup);
      } finally {
        await target.stop();
      }
    }
  } finally {
    await telegram.close();
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
