import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as webhookPost } from "@/app/api/webhooks/[provider]/[channelId]/route";
import { GET as meGet } from "@/app/api/me/route";
import { isUnavailable } from "@/lib/api/errors";
import { toErrorResponse } from "@/lib/api/handler";
import { createChannel, loadChannelRecord } from "@/lib/channels/store";
import type { ChannelRecord } from "@/lib/channels/types";
import { asService, setDb, type Database } from "@/lib/db";
import { openPostgres } from "@/lib/db/postgres";
import { directRoute } from "@/lib/server/direct-routes";
import { signedUpdate, textUpdate } from "../fakes/telegram";
import { describeEachDb, pgliteCopy } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { count, postWebhook, team, type Person } from "../helpers/inbox";
import { createOrgFixture } from "../helpers/seed";

// A database outage is a 503 (the provider retries), whatever the driver says about it; a body over 1 MB is a
// 413 that reaches the client, even while it is still sending, on both webhook paths.

const BOT_TOKEN = "807000001:AAFakeTokenForTestsOnly_abcdefghijklmno";
const SECRET = "outage_secret_1";
const deliver = (ch: ChannelRecord, update: unknown) =>
  postWebhook("telegram", ch.id, signedUpdate(SECRET, update as never));

describeEachDb("database outage", ({ kind, db }) => {
  let channel: ChannelRecord;
  let person: Person;
  beforeAll(async () => {
    channel = await asService(async (sql) => {
      const org = await createOrgFixture(sql, "Outage");
      const view = await createChannel(sql, org.orgId, {
        type: "telegram",
        name: "Bot",
        config: {},
        secrets: { botToken: BOT_TOKEN, webhookSecret: SECRET },
        enabled: true,
      } as never);
      return (await loadChannelRecord(sql, view.id))!;
    });
    ({ owner: person } = await team(`outage-${Math.random().toString(36).slice(2, 8)}`, "Outage team"));
  });

  /** Runs fn with the process's database swapped for one that is down, then puts the real one back. */
  async function whileDown(down: Database, fn: () => Promise<void>) {
    setDb(down);
    try {
      await fn();
    } finally {
      setDb(db());
    }
  }

  it("a database that is gone answers 503 with retry-after to a webhook and to an API route", async () => {
    const down = kind === "pglite" ? await pgliteCopy() : openPostgres("postgres://postgres@127.0.0.1:1/none");
    if (kind === "pglite") await down.close(); // "PGlite is closed"
    await whileDown(down, async () => {
      const hook = await deliver(channel, textUpdate("during the outage", { chatId: 3100 }));
      expect(hook.status).toBe(503);
      expect(hook.headers.get("retry-after")).toBe("5");
      const me = await meGet(jsonRequest("/api/me", { token: person.token }), params({}));
      expect(me.status).toBe(503);
    });
    if (kind === "postgres") await down.close();
    expect(await count("messages", "text = 'during the outage'", [])).toBe(0);
  });

  it.runIf(kind === "postgres")(
    "a connection cut mid-transaction is unavailable, also as 'not queryable'; the pool hands out a working one next",
    async () => {
      const errors: unknown[] = [];
      await db()
        .transaction(async (sql) => {
          await sql.query("select pg_terminate_backend(pg_backend_pid())").catch((e) => errors.push(e));
          await sql.query("select 1").catch((e) => errors.push(e));
        })
        .catch((e) => errors.push(e));
      expect(errors.length).toBeGreaterThanOrEqual(2);
      expect(errors.some((e) => /not queryable/.test((e as Error).message))).toBe(true);
      for (const e of errors) {
        expect(isUnavailable(e), (e as Error).message).toBe(true);
        expect(toErrorResponse(e).status).toBe(503);
      }
      // Every pooled connection in turn: none is the broken one.
      const rows = await Promise.all(
        Array.from({ length: 12 }, () => db().transaction((sql) => sql.query("select 1 as one"))),
      );
      expect(rows.every((r) => r[0].one === 1)).toBe(true);
    },
  );

  it.runIf(kind === "postgres")(
    "deliveries while every connection is being killed hear 200 or 503, and each 503 stored exactly once on its retry",
    async () => {
      const [{ name }] = await asService((sql) => sql.query<{ name: string }>("select current_database() as name"));
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      let killing = true;
      const killer = (async () => {
        while (killing) {
          await admin.query(
            "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
            [name],
          );
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      const updates = Array.from({ length: 120 }, (_, i) =>
        textUpdate(`outage ${i}`, { chatId: 3200 + (i % 5), updateId: 8_800_000 + i }),
      );
      const statuses: number[] = [];
      for (let i = 0; i < updates.length; i += 20)
        statuses.push(
          ...(await Promise.all(updates.slice(i, i + 20).map(async (u) => (await deliver(channel, u)).status))),
        );
      killing = false;
      await killer;
      await admin.end();
      expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
      // The provider retries what was not acknowledged; what was acknowledged it does not.
      for (const [i, s] of statuses.entries())
        if (s === 503) expect((await deliver(channel, updates[i])).status).toBe(200);
      expect(await count("messages", "channel_id = $1 and text like 'outage %'", [channel.id])).toBe(120);
    },
  );
});

/** POSTs size bytes in 64 KB chunks, yielding between writes, so the client is still sending when it is answered. */
function slowPost(base: string, path: string, size: number, declare: boolean) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (declare) headers["content-length"] = String(size);
    const req = httpRequest(`${base}${path}`, { method: "POST", headers }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const write = () => {
      if (sent >= size) return void req.end();
      sent += chunk.length;
      if (req.write(chunk)) setImmediate(write);
      else req.once("drain", write);
    };
    write();
  });
}

describe("a body over 1 MB hears its 413, never a reset connection", () => {
  const servers: Server[] = [];
  const bases: Record<string, string> = {};
  const listen = async (
    name: string,
    handle: (req: IncomingMessage, res: import("node:http").ServerResponse) => void,
  ) => {
    const server = createServer(handle);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    servers.push(server);
    bases[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  beforeAll(async () => {
    // server.mjs's path: node:http straight to lib/server/direct-routes.ts.
    await listen("direct", (req, res) => {
      if (!directRoute(req, res)) res.writeHead(404).end();
    });
    // The Next.js path: the route handler with the request body as a web stream, as Next.js hands it over.
    await listen("route", async (req, res) => {
      const url = `http://127.0.0.1${req.url}`;
      const [, , , provider, channelId] = new URL(url).pathname.split("/");
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const request = new Request(url, {
        method: "POST",
        headers,
        body: Readable.toWeb(req) as ReadableStream,
        duplex: "half",
      } as RequestInit);
      const answer = await webhookPost(request, params({ provider, channelId }));
      res.writeHead(answer.status, { "content-type": "application/json" }).end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  afterAll(async () => {
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });

  for (const path of ["direct", "route"])
    it(`${path}: 3 MB streamed, chunked or declared, is answered 413 every time`, async () => {
      const url = "/api/webhooks/telegram/00000000-0000-4000-8000-000000000000";
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await slowPost(bases[path], url, 3 * 1024 * 1024, i % 2 === 0));
      expect(answers.map((a) => a.status)).toEqual(Array(6).fill(413));
      expect(JSON.parse(answers[0].body).error.code).toBe("payload_too_large");
    });
});
