// npm run bench:telephony — seed 001's bridge call events posted to the running app at rising concurrency,
// beside the same server's one-INSERT floor (as bench:ingest measures it), every event stored once; then the
// time from a ringing event to the pop-up's data in a subscribed SSE client (the realtime change, then the
// GET /api/calls/live the browser makes) at 50 events/s: every event counted, a ring and its hang-up per call
// (25 calls a second), and again at 100 events/s (50 rings a second), the rate earlier runs used.
//
//   BENCH_DB=embedded|postgres|both (default both)   BENCH_SECONDS=5   BENCH_CONCURRENCY=1,8,32,64
//   BENCH_POPUPS=200 (ringing events for the latency run)   BENCH_MEMBERS=10 (managers, each with an extension and
//   an open SSE client; the calls ring for them in turn)   BENCH_POPUP_RATES=50,100 (events/s of the latency runs)
//   BENCH_POSTGRES_URL   BENCH_BUILD=never reuses the build   BENCH_MIN_EVENTS=10000 (events posted at least, the
//   rest after the levels at the highest concurrency)
import pg from "pg";
import { startTelegramFake } from "../../tests/fakes/telegram";
import { runLoad, stopLoadGenerator, type LoadResult } from "../ingest/load";
import { ensureBuild, snapshotBuild, startApp, type Target } from "../ingest/server";

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const minEvents = Number(process.env.BENCH_MIN_EVENTS ?? 10_000);
const levels = (process.env.BENCH_CONCURRENCY ?? "1,8,32,64").split(",").map(Number);
const popups = Number(process.env.BENCH_POPUPS ?? 200);
const members = Number(process.env.BENCH_MEMBERS ?? 10);
const popupRates = (process.env.BENCH_POPUP_RATES ?? "50,100").split(",").map(Number).filter(Boolean);
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const kinds = (process.env.BENCH_DB ?? "both") === "both" ? ["embedded", "postgres"] : [process.env.BENCH_DB!];

async function api<T>(url: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(url, { ...init, headers });
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : res.json()) as Promise<T>;
}

/** Whether an SSE change block concerns this manager: their call, one that was theirs, or one ringing for all. */
function forMe(block: string, userId: string): boolean {
  const data = block.split("\n").find((l) => l.startsWith("data: "));
  if (!data) return true;
  const e = JSON.parse(data.slice(6)) as { member_id?: string; old_member_id?: string };
  return !e.member_id || e.member_id === userId || e.old_member_id === userId;
}

async function setUp(base: string, botToken: string) {
  const session = await api<{ access_token: string; user: { id: string } }>(`${base}/api/auth/signup`, {
    method: "POST",
    body: JSON.stringify({
      email: `bench-tel-${Date.now()}@example.com`,
      password: "bench password",
      name: "Bench",
      organizationName: "Bench Calls",
    }),
  });
  const token = session.access_token;
  // The floor's INSERT goes into a channel's raw events, as bench:ingest's does.
  const channel = await api<{ id: string }>(`${base}/api/channels`, {
    method: "POST",
    token,
    body: JSON.stringify({
      type: "telegram",
      name: "Floor",
      secrets: { botToken, webhookSecret: "bench_webhook_secret_0123456789" },
    }),
  });
  const conn = await api<{ id: string; webhookSecret: string }>(`${base}/api/telephony/connections`, {
    method: "POST",
    token,
    body: JSON.stringify({
      kind: "asterisk_bridge",
      name: "Bench PBX",
      config: { bridgeBaseUrl: "http://127.0.0.1:9" },
      secrets: { clientId: "bench" },
    }),
  });
  await api(`${base}/api/telephony/extensions`, {
    method: "PUT",
    token,
    body: JSON.stringify({ connectionId: conn.id, userId: session.user.id, extension: "101" }),
  });
  // The managers the pop-up run rings, each with an extension 201, 202, … and their own browser (SSE client).
  const managers: { token: string; extension: string; userId: string }[] = [];
  for (let i = 0; i < members; i++) {
    const email = `bench-tel-m${i}-${Date.now()}@example.com`;
    const { url } = await api<{ url: string }>(`${base}/api/team/invitations`, {
      method: "POST",
      token,
      body: JSON.stringify({ email, role: "agent" }),
    });
    const m = await api<{ access_token: string; user: { id: string } }>(`${base}/api/auth/signup`, {
      method: "POST",
      body: JSON.stringify({
        email,
        password: "bench password",
        name: `Manager ${i}`,
        invitationToken: new URL(url).pathname.split("/").pop(),
      }),
    });
    const extension = String(201 + i);
    await api(`${base}/api/telephony/extensions`, {
      method: "PUT",
      token,
      body: JSON.stringify({ connectionId: conn.id, userId: m.user.id, extension }),
    });
    managers.push({ token: m.access_token, extension, userId: m.user.id });
  }
  return { token, channelId: channel.id, connectionId: conn.id, secret: conn.webhookSecret, managers };
}
type Setup = Awaited<ReturnType<typeof setUp>>;

const row = (db: string, route: string, c: number, r: LoadResult, floor?: LoadResult) =>
  console.log(
    [
      db.padEnd(9),
      route.padEnd(8),
      String(c).padStart(4),
      r.perSecond.toFixed(0).padStart(9),
      r.p50.toFixed(1).padStart(8),
      r.p99.toFixed(1).padStart(8),
      String(r.errors).padStart(6),
      floor ? `${((100 * r.perSecond) / floor.perSecond).toFixed(0)} %`.padStart(9) : "",
    ].join(" "),
  );

async function benchEvents(target: Target, s: Setup) {
  const floor = {
    url: `${target.url}/api/bench/insert?channelId=${s.channelId}`,
    method: "POST" as const,
    headers: { "content-type": "application/json", authorization: `Bearer ${s.token}` },
    body: JSON.stringify({ update_id: "%SEQ%", floor: true }),
    seq: 1,
  };
  const events = {
    url: `${target.url}/api/webhooks/asterisk/${s.connectionId}`,
    method: "POST" as const,
    headers: { "content-type": "application/json", "x-relay-secret": s.secret },
    // Each request a new call from one of 2,000 clients (%CLIENT% is 500000…501999): the first makes the contact.
    body: JSON.stringify({
      event: "call.incoming",
      callId: "bench-%SEQ%",
      phone: "+7916%CLIENT%0",
      type: "incoming",
      code: "101",
    }),
    clients: 2_000,
    seq: 1_000_000,
  };
  await runLoad(floor, 8, 1);
  const warm = await runLoad(events, 8, 1);
  console.log("db        route    conc  events/s   p50 ms   p99 ms errors  of floor");
  let posted = warm.ok;
  let latest = warm;
  for (const c of levels) {
    const f = await runLoad(floor, c, seconds);
    row(target.kind, "floor", c, f);
    const e = await runLoad(events, c, seconds);
    row(target.kind, "events", c, e, f);
    latest = e;
    posted += e.ok;
  }
  // The 10,000 events at least: the rest at the highest concurrency, for about as long as they take.
  while (posted < minEvents) {
    const c = Math.max(...levels);
    const e = await runLoad(events, c, Math.max(1, Math.ceil((minEvents - posted) / Math.max(20, latest.perSecond))));
    posted += e.ok;
    latest = e;
  }
  console.log(`${posted.toLocaleString("en")} call events posted in all`);
  // The same events again, as a retrying PBX bridge would send them: each must change nothing.
  const last = events.seq;
  events.seq = 1_000_000;
  const again = await runLoad(events, 8, Math.min(seconds, 3));
  // A replay longer than the runs before it also posts events never sent: those are new calls, not duplicates.
  const distinct = Math.max(last, events.seq) - 1_000_000;
  events.seq = last;
  return { posted, duplicates: Math.min(again.ok, posted), distinct };
}

async function checkStoredOnce(
  target: Target,
  s: Setup,
  sent: { posted: number; duplicates: number; distinct: number },
) {
  if (!target.databaseUrl) {
    console.log(`posted ${sent.posted} events, then ${sent.duplicates} of them again (embedded: counted in the tests)`);
    return;
  }
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  const [r] = (
    await client.query(
      `select count(*)::int as events, count(distinct provider_call_id)::int as calls,
              (select count(*)::int from public.calls where connection_id = $1 and provider_call_id like 'bench-%') as rows
         from public.call_events where connection_id = $1 and provider_call_id like 'bench-%'`,
      [s.connectionId],
    )
  ).rows as { events: number; calls: number; rows: number }[];
  console.log(
    `posted ${sent.posted} events, then ${sent.duplicates} of them again (${sent.distinct} distinct in all); stored: ${r.events} events, ${r.calls} calls, ${r.rows} call rows (each once: ${r.events === sent.distinct && r.rows === sent.distinct})`,
  );
  await client.end();
}

/**
 * Calls at `rate` / 2 a second (each posts its ringing event and, when its card is seen or after 3 s, its
 * hang-up: `rate` events a second), ringing the managers in turn; each manager's SSE client, on every calls change, asks
 * for its pop-up cards as the browser does. The latency is from the POST to the card being in that answer.
 */
async function benchPopup(target: Target, s: Setup, rate: number) {
  const sent = new Map<string, { at: number; callId: string }>();
  const latencies: number[] = [];
  const hook = (body: Record<string, unknown>) =>
    fetch(`${target.url}/api/webhooks/asterisk/${s.connectionId}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-relay-secret": s.secret },
      body: JSON.stringify({ type: "incoming", ...body }),
    }).then((r) => r.body?.cancel());
  // The manager picks up once the card is on screen, so the pop-up list holds only what still rings.
  const hangUp = (phone: string, callId: string, code: string) =>
    void hook({ event: "call.missed", callId, phone, code }).catch(() => undefined);
  const controllers: AbortController[] = [];
  const readers: Promise<void>[] = [];
  for (const m of s.managers) {
    const controller = new AbortController();
    controllers.push(controller);
    const res = await fetch(`${target.url}/api/realtime`, {
      headers: { authorization: `Bearer ${m.token}`, accept: "text/event-stream" },
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let pending = false;
    let again = false;
    const look = async () => {
      if (pending) return void (again = true);
      pending = true;
      do {
        again = false;
        const { calls } = await api<{ calls: { phone: string }[] }>(`${target.url}/api/calls/live`, {
          token: m.token,
        }).catch(() => ({ calls: [] }));
        for (const c of calls) {
          const call = sent.get(c.phone);
          if (call === undefined) continue;
          latencies.push(performance.now() - call.at);
          sent.delete(c.phone);
          hangUp(c.phone, call.callId, m.extension);
        }
      } while (again);
      pending = false;
    };
    readers.push(
      (async () => {
        let buffer = "";
        for (;;) {
          const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let i;
          while ((i = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            // As the browser's pop-up does: a change to another manager's call is skipped, and a hang-up
            // (`ended`) only drops its card.
            if (block.includes('"table":"calls"') && forMe(block, m.userId) && !block.includes('"ended":true'))
              void look();
          }
        }
      })(),
    );
  }
  const base = 3_000_000 + Math.floor(Math.random() * 1_000_000);
  for (let i = 0; i < popups; i++) {
    const phone = `+7903${String(base + i).padStart(7, "0")}`;
    const callId = `pop-${base + i}`;
    const code = s.managers[i % s.managers.length].extension;
    const started = performance.now();
    sent.set(phone, { at: started, callId });
    void hook({ event: "call.incoming", callId, phone, code }).catch(() => undefined);
    // Not seen within 3 s: counted as missing, and hung up so it does not hide the next ones.
    setTimeout(() => {
      if (sent.delete(phone)) hangUp(phone, callId, code);
    }, 3_000);
    await new Promise((r) => setTimeout(r, Math.max(0, 2000 / rate - (performance.now() - started))));
  }
  await new Promise((r) => setTimeout(r, 3_500));
  for (const c of controllers) c.abort();
  await Promise.all(readers);
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  console.log(
    `${target.kind}: ringing → pop-up card over SSE at ${rate} events/s (${rate / 2} calls/s, ${s.managers.length} managers): ${latencies.length}/${popups} seen within 3 s, p50 ${p(0.5).toFixed(0)} ms, p95 ${p(0.95).toFixed(0)} ms, p99 ${p(0.99).toFixed(0)} ms (target p95 < 1000 ms)`,
  );
}

async function main() {
  ensureBuild();
  const app = snapshotBuild();
  const telegram = await startTelegramFake();
  try {
    for (const kind of kinds) {
      console.log(`\n=== ${kind} ===`);
      const target = await startApp(kind as "embedded" | "postgres", {
        telegramApiRoot: telegram.apiRoot,
        postgresUrl,
        appDir: app.dir,
      });
      try {
        const setup = await setUp(target.url, telegram.token);
        for (const rate of popupRates) await benchPopup(target, setup, rate);
        const sent = await benchEvents(target, setup);
        await checkStoredOnce(target, setup, sent);
      } finally {
        await target.stop();
      }
    }
  } finally {
    await telegram.close();
    stopLoadGenerator();
    app.remove();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
