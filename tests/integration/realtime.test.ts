import { randomBytes, randomUUID } from "node:crypto";
import { QueryClient } from "@tanstack/react-query";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/realtime/route";
import { GET as getToken } from "@/app/api/realtime/token/route";
import { signAccessToken } from "@/lib/auth/tokens";
import { asService, setDb } from "@/lib/db";
import { openPostgres } from "@/lib/db/postgres";
import { resetEnvCache } from "@/lib/env";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { checkRealtimeHub, realtimeSubscriberCount, subscribe } from "@/lib/realtime/hub";
import { createInvalidator } from "@/lib/realtime/client/invalidator";
import { connectSse } from "@/lib/realtime/client/sse-transport";
import { toRealtimeEvent } from "@/lib/realtime/client/supabase-transport";
import type { RealtimeStatus } from "@/lib/realtime/client/types";
import { describeEachDb } from "../helpers/db";
import { tableSeeds } from "../helpers/seed";
import { withDatabase } from "../helpers/global-setup";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Long enough for a NOTIFY to cross a real connection many times over: what has not arrived by then never will.
const QUIET_MS = 400;

/** A queue with a timed wait, for anything that arrives asynchronously. */
function inbox<T>() {
  const items: T[] = [];
  const waiters: ((item: T) => void)[] = [];
  return {
    items,
    push(item: T) {
      items.push(item);
      waiters.splice(0).forEach((w) => w(item));
    },
    /** The next item to arrive after `seen` items, or undefined after timeoutMs. */
    async next(seen: number, timeoutMs = 2_000): Promise<T | undefined> {
      if (items.length > seen) return items[seen];
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(undefined), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(items[seen]);
        });
      });
    },
  };
}

function hubSubscriber() {
  const events = inbox<RealtimeEvent>();
  let resyncs = 0;
  return {
    events,
    resyncs: () => resyncs,
    subscriber: { onEvent: (e: RealtimeEvent) => events.push(e), onResync: () => void resyncs++ },
  };
}

type Frame = { event: string; data: unknown };

/** Reads an SSE body into frames, as EventSource would; `ended` resolves when the server closes it. */
function readFrames(res: Response) {
  const frames = inbox<Frame>();
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const fields = Object.fromEntries(
          block
            .split("\n")
            .filter((line) => line && !line.startsWith(":"))
            .map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1).trim()]),
        );
        if (fields.data !== undefined) frames.push({ event: fields.event ?? "message", data: JSON.parse(fields.data) });
      }
    }
  })();
  return { frames, ended, cancel: () => reader.cancel().catch(() => {}) };
}

type Member = { userId: string; email: string; orgId: string; sessionId: string };

async function createUser(sql: Parameters<Parameters<typeof asService>[0]>[0]) {
  const userId = randomUUID();
  const email = `u-${userId.slice(0, 8)}@example.com`;
  await sql.query(
    "insert into auth.users (id, email, aud, role, created_at, updated_at) values ($1, $2, 'authenticated', 'authenticated', now(), now())",
    [userId, email],
  );
  const sessionId = randomUUID();
  await sql.query("insert into auth.sessions (id, user_id, created_at, updated_at) values ($1, $2, now(), now())", [
    sessionId,
    userId,
  ]);
  return { userId, email, sessionId };
}

function createOrg(name: string): Promise<Member> {
  return asService(async (sql) => {
    const user = await createUser(sql);
    const [org] = await sql.query<{ id: string }>(
      "insert into public.organizations (name, created_by) values ($1, $2) returning id",
      [name, user.userId],
    );
    await sql.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, 'owner')", [
      org.id,
      user.userId,
    ]);
    await sql.query("update public.profiles set active_org_id = $1 where id = $2", [org.id, user.userId]);
    return { ...user, orgId: org.id };
  });
}

function addMember(orgId: string): Promise<Member> {
  return asService(async (sql) => {
    const user = await createUser(sql);
    await sql.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, 'agent')", [
      orgId,
      user.userId,
    ]);
    return { ...user, orgId };
  });
}

/** A change in the organisation: an invitation, as the team page would create. */
function invite(orgId: string): Promise<string> {
  return asService(async (sql) => {
    const [row] = await sql.query<{ id: string }>(
      "insert into public.invitations (org_id, email, token_hash) values ($1, $2, $3) returning id",
      [orgId, `guest-${randomUUID().slice(0, 8)}@example.com`, randomBytes(32).toString("hex")],
    );
    return row.id;
  });
}

const notify = (payload: string) => asService((sql) => sql.query("select pg_notify('relay_realtime', $1)", [payload]));

async function tokenFor(m: Member, orgId: string | null = m.orgId) {
  return (await signAccessToken({ userId: m.userId, email: m.email, sessionId: m.sessionId, orgId })).token;
}

const request = (token?: string, signal?: AbortSignal, path = "/api/realtime") =>
  new Request(`http://localhost${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    signal,
  });

/** Opens the route's stream and waits for `ready`. */
async function openStream(token: string) {
  const abort = new AbortController();
  const res = await GET(request(token, abort.signal));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const stream = readFrames(res);
  const ready = await stream.frames.next(0);
  expect(ready?.event).toBe("ready");
  return { ...stream, ready, abort: () => abort.abort() };
}

/** EventSource over the route handler, reconnecting after a dropped stream the way a browser does. */
class RouteEventSource extends EventTarget {
  static opened = 0;
  readyState = 0;
  onerror: ((e: Event) => void) | null = null;
  private abort = new AbortController();
  private closed = false;

  constructor(private token: string) {
    super();
    RouteEventSource.opened++;
    void this.run();
  }

  private async run() {
    this.abort = new AbortController();
    const res = await GET(request(this.token, this.abort.signal));
    if (this.closed) return void res.body?.cancel();
    if (!res.ok) {
      this.readyState = 2;
      this.onerror?.(new Event("error"));
      return;
    }
    this.readyState = 1;
    const { frames, ended } = readFrames(res);
    let seen = 0;
    const pump = setInterval(() => {
      while (frames.items.length > seen) {
        const f = frames.items[seen++];
        this.dispatchEvent(new MessageEvent(f.event, { data: JSON.stringify(f.data) }));
      }
    }, 5);
    await ended;
    await sleep(10);
    clearInterval(pump);
    if (this.closed) return;
    this.readyState = 0;
    this.onerror?.(new Event("error"));
    setTimeout(() => void this.run(), 20);
  }

  /** A network drop: the stream ends without the client closing it. */
  drop() {
    this.abort.abort();
  }

  close() {
    this.closed = true;
    this.readyState = 2;
    this.abort.abort();
  }
}

const savedEnv = { ...process.env };
beforeAll(() => {
  process.env.JWT_SECRET = randomBytes(24).toString("hex");
  process.env.ENCRYPTION_KEY = randomBytes(32).toString("hex");
  delete process.env.NEXT_PUBLIC_SUPABASE_URL;
  delete process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY;
  resetEnvCache();
});
afterAll(() => {
  process.env = savedEnv;
  resetEnvCache();
});

describeEachDb("realtime", ({ kind, db }) => {
  let orgA: Member;
  let orgB: Member;

  beforeAll(async () => {
    orgA = await createOrg("Org A");
    orgB = await createOrg("Org B");
  });

  describe("hub", () => {
    const listenBackends = async () => {
      const rows = await db().transaction((sql) =>
        sql.query<{ n: number }>(
          "select count(*)::int as n from pg_stat_activity where datname = current_database() and query ilike 'listen %'",
        ),
      );
      return rows[0].n;
    };

    it("delivers a change in org A to org A's subscriber and never to org B's", async () => {
      const a = hubSubscriber();
      const b = hubSubscriber();
      const offA = await subscribe(orgA.orgId, a.subscriber);
      const offB = await subscribe(orgB.orgId, b.subscriber);
      try {
        const idA = await invite(orgA.orgId);
        expect(await a.events.next(0)).toEqual({ table: "invitations", op: "INSERT", org_id: orgA.orgId, id: idA });
        await sleep(QUIET_MS);
        expect(b.events.items).toEqual([]);

        // B's subscription is alive: its own change reaches it, and still not A.
        const idB = await invite(orgB.orgId);
        expect(await b.events.next(0)).toEqual({ table: "invitations", op: "INSERT", org_id: orgB.orgId, id: idB });
        await sleep(QUIET_MS);
        expect(a.events.items).toHaveLength(1);
      } finally {
        offA();
        offB();
      }
    });

    it("announces updates and deletes, memberships by user id", async () => {
      const a = hubSubscriber();
      const off = await subscribe(orgA.orgId, a.subscriber);
      try {
        const id = await invite(orgA.orgId);
        await asService((sql) => sql.query("delete from public.invitations where id = $1", [id]));
        const member = await addMember(orgA.orgId);
        await asService((sql) =>
          sql.query("update public.memberships set role = 'manager' where user_id = $1", [member.userId]),
        );
        await expect.poll(() => a.events.items.length).toBe(4);
        expect(a.events.items.map((e) => [e.table, e.op, e.id])).toEqual([
          ["invitations", "INSERT", id],
          ["invitations", "DELETE", id],
          ["memberships", "INSERT", member.userId],
          ["memberships", "UPDATE", member.userId],
        ]);
      } finally {
        off();
      }
    });

    it("says whose call changed, and whose it was when it moved, so a pop-up skips others' calls", async () => {
      const a = hubSubscriber();
      const off = await subscribe(orgA.orgId, a.subscriber);
      try {
        const [one, two] = [await addMember(orgA.orgId), await addMember(orgA.orgId)];
        const fixture = { orgId: orgA.orgId, ownerId: orgA.userId, viewerId: one.userId, spareUserId: two.userId };
        const [call] = (await asService((sql) => tableSeeds.calls.seed(sql, fixture))) as { id: string }[];
        const move = (to: string | null) =>
          asService((sql) => sql.query("update public.calls set member_id = $2 where id = $1", [call.id, to]));
        await move(one.userId);
        await move(two.userId);
        // Hung up: the change says so, and the pop-up drops the card without asking again.
        await asService((sql) => sql.query("update public.calls set ended_at = now() where id = $1", [call.id]));
        await expect.poll(() => a.events.items.filter((e) => e.table === "calls").length).toBe(4);
        expect(a.events.items.filter((e) => e.table === "calls")).toEqual([
          { table: "calls", op: "INSERT", org_id: orgA.orgId, id: call.id, ended: false },
          { table: "calls", op: "UPDATE", org_id: orgA.orgId, id: call.id, member_id: one.userId, ended: false },
          {
            table: "calls",
            op: "UPDATE",
            org_id: orgA.orgId,
            id: call.id,
            member_id: two.userId,
            old_member_id: one.userId,
            ended: false,
          },
          {
            table: "calls",
            op: "UPDATE",
            org_id: orgA.orgId,
            id: call.id,
            member_id: two.userId,
            old_member_id: two.userId,
            ended: true,
          },
        ]);
      } finally {
        off();
      }
    });

    it("drops malformed and org-less notifications", async () => {
      const a = hubSubscriber();
      const off = await subscribe(orgA.orgId, a.subscriber);
      try {
        await notify("not json");
        await notify(JSON.stringify({ table: "jobs", op: "INSERT", org_id: null, id: "1" }));
        await notify(JSON.stringify({ table: "jobs", op: "TRUNCATE", org_id: orgA.orgId, id: "1" }));
        await notify(JSON.stringify({ table: "jobs", op: "INSERT", org_id: "not-a-uuid", id: "1" }));
        await notify(JSON.stringify({ ping: randomUUID() }));
        await notify(JSON.stringify({ table: "jobs", op: "INSERT", org_id: orgA.orgId, id: "valid" }));
        // Notifications arrive in commit order: had any malformed one got through, it would be first.
        expect(await a.events.next(0)).toMatchObject({ id: "valid" });
        await sleep(QUIET_MS);
        expect(a.events.items).toHaveLength(1);
      } finally {
        off();
      }
    });

    it("stops delivering after unsubscribe and lets go of the LISTEN when no one is left", async () => {
      const a = hubSubscriber();
      const off = await subscribe(orgA.orgId, a.subscriber);
      expect(realtimeSubscriberCount()).toBe(1);
      off();
      off();
      expect(realtimeSubscriberCount()).toBe(0);
      await invite(orgA.orgId);
      await sleep(QUIET_MS);
      expect(a.events.items).toEqual([]);
      if (kind === "postgres") await expect.poll(() => listenBackends()).toBe(0);
    });

    it("checks its LISTEN connection and keeps delivering while it is alive", async () => {
      const a = hubSubscriber();
      const off = await subscribe(orgA.orgId, a.subscriber);
      try {
        await checkRealtimeHub();
        expect(a.resyncs()).toBe(0);
        const id = await invite(orgA.orgId);
        expect(await a.events.next(0)).toMatchObject({ id });
      } finally {
        off();
      }
    });

    it.runIf(kind === "postgres")("listens again, and says resync, when its LISTEN connection dies", async () => {
      const a = hubSubscriber();
      const off = await subscribe(orgA.orgId, a.subscriber);
      try {
        await db().transaction((sql) =>
          sql.query(
            "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen %'",
          ),
        );
        await invite(orgA.orgId);
        await sleep(QUIET_MS);
        expect(a.events.items).toEqual([]);

        await checkRealtimeHub();
        expect(a.resyncs()).toBe(1);
        const id = await invite(orgA.orgId);
        expect(await a.events.next(0)).toMatchObject({ id });
        expect(await listenBackends()).toBe(1);
      } finally {
        off();
      }
    });

    it.runIf(kind === "postgres")("follows the database when it is replaced", async () => {
      const a = hubSubscriber();
      const off = await subscribe(orgA.orgId, a.subscriber);
      const [{ name }] = await db().transaction((sql) =>
        sql.query<{ name: string }>("select current_database() as name"),
      );
      const other = openPostgres(withDatabase(process.env.TEST_DATABASE_URL!, name), 2);
      setDb(other);
      try {
        const b = hubSubscriber();
        const offB = await subscribe(orgA.orgId, b.subscriber);
        // One LISTEN, on the new database object; the first subscriber still hears through it.
        await expect.poll(() => listenBackends()).toBe(1);
        expect(a.resyncs()).toBe(1);
        const id = await invite(orgA.orgId);
        expect(await a.events.next(0)).toMatchObject({ id });
        expect(await b.events.next(0)).toMatchObject({ id });
        offB();
      } finally {
        off();
        setDb(db());
        await other.close();
      }
    });
  });

  describe("GET /api/realtime", () => {
    it("answers 401 without a token, and 401 for a forged one", async () => {
      const res = await GET(request());
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: "unauthorized" } });
      const forged = (await tokenFor(orgA)).slice(0, -4) + "AAAA";
      expect((await GET(request(forged))).status).toBe(401);
    });

    it("answers 403 to a user with no organisation, and 401 once the session is signed out", async () => {
      const loner = await asService(createUser);
      const res = await GET(request(await tokenFor({ ...loner, orgId: "" }, null)));
      expect(res.status).toBe(403);

      const member = await addMember(orgA.orgId);
      const token = await tokenFor(member);
      await asService((sql) => sql.query("delete from auth.sessions where id = $1", [member.sessionId]));
      expect((await GET(request(token))).status).toBe(401);
    });

    it("streams org A's changes to org A's member and never org B's", async () => {
      const stream = await openStream(await tokenFor(orgA));
      try {
        expect(stream.ready?.data).toEqual({ org_id: orgA.orgId });
        // B's change is committed first: had it leaked, it would be the first frame.
        await invite(orgB.orgId);
        const idA = await invite(orgA.orgId);
        expect(await stream.frames.next(1)).toEqual({
          event: "change",
          data: { table: "invitations", op: "INSERT", org_id: orgA.orgId, id: idA },
        });
        await invite(orgB.orgId);
        await sleep(QUIET_MS);
        expect(stream.frames.items).toHaveLength(2);
      } finally {
        stream.abort();
      }
      await stream.ended;
      await expect.poll(() => realtimeSubscriberCount()).toBe(0);
    });

    it("never serves an organisation the token names but the user is not a member of", async () => {
      // A token claiming org B for a member of A only: the database decides, and it says A.
      const stream = await openStream(await tokenFor(orgA, orgB.orgId));
      try {
        expect(stream.ready?.data).toEqual({ org_id: orgA.orgId });
        await invite(orgB.orgId);
        const idA = await invite(orgA.orgId);
        expect(await stream.frames.next(1)).toMatchObject({ event: "change", data: { org_id: orgA.orgId, id: idA } });
        await sleep(QUIET_MS);
        expect(stream.frames.items).toHaveLength(2);
      } finally {
        stream.abort();
      }
      await expect.poll(() => realtimeSubscriberCount()).toBe(0);
    });

    it("cleans up when the reader cancels the stream", async () => {
      const stream = await openStream(await tokenFor(orgA));
      expect(realtimeSubscriberCount()).toBe(1);
      await stream.cancel();
      expect(realtimeSubscriberCount()).toBe(0);
    });

    it("ends the stream when the member is removed from the organisation", async () => {
      const member = await addMember(orgA.orgId);
      const stream = await openStream(await tokenFor(member));
      try {
        await asService((sql) => sql.query("delete from public.memberships where user_id = $1", [member.userId]));
        expect(await stream.frames.next(1)).toMatchObject({
          event: "change",
          data: { table: "memberships", op: "DELETE", id: member.userId },
        });
        await stream.ended;
        expect(realtimeSubscriberCount()).toBe(0);
        expect((await GET(request(await tokenFor(member)))).status).toBe(403);
      } finally {
        stream.abort();
      }
    });
  });

  describe("GET /api/realtime/token", () => {
    it("is not there on the embedded install, where the token never leaves its cookie", async () => {
      const res = await getToken(request(await tokenFor(orgA), undefined, "/api/realtime/token"));
      expect(res.status).toBe(404);
    });
  });

  describe("client: SSE transport and invalidation", () => {
    it("invalidates org A's query keys on org A's change, coalesced, and not on org B's", async () => {
      const queryClient = new QueryClient();
      const keys = { invitations: [["team", "invitations"]], memberships: [["team", "members"]] };
      queryClient.setQueryData(["team", "invitations"], []);
      queryClient.setQueryData(["team", "members"], []);
      const invalidated = () =>
        Object.values(keys)
          .flat()
          .filter((k) => queryClient.getQueryState(k)?.isInvalidated);
      const invalidator = createInvalidator(
        queryClient,
        (t) => keys[t as keyof typeof keys],
        () => Object.values(keys).flat(),
        30,
      );
      const statuses: RealtimeStatus[] = [];
      const token = await tokenFor(orgA);
      const sources: RouteEventSource[] = [];
      const opts = {
        url: "http://localhost/api/realtime",
        createEventSource: () => {
          const s = new RouteEventSource(token);
          sources.push(s);
          return s as unknown as EventSource;
        },
      };
      const handlers = {
        onEvent: invalidator.event,
        onReset: invalidator.reset,
        onStatus: (s: RealtimeStatus) => statuses.push(s),
      };
      const disconnect = connectSse(orgA.orgId, handlers, opts);
      const second = connectSse(orgA.orgId, { onEvent() {}, onReset() {}, onStatus() {} }, opts);
      try {
        await expect.poll(() => statuses.at(-1)).toBe("connected");
        // Two listeners in one tab share one stream.
        expect(sources).toHaveLength(1);
        expect(realtimeSubscriberCount()).toBe(1);

        await invite(orgB.orgId);
        await sleep(QUIET_MS);
        expect(invalidated()).toEqual([]);

        await invite(orgA.orgId);
        await invite(orgA.orgId);
        await expect.poll(invalidated).toEqual([["team", "invitations"]]);

        // A dropped stream reconnects, then everything is refetched: changes in the gap were not announced.
        queryClient.setQueryData(["team", "invitations"], []);
        sources[0].drop();
        await expect.poll(() => statuses.includes("reconnecting")).toBe(true);
        await expect.poll(() => statuses.at(-1)).toBe("connected");
        await expect.poll(() => invalidated()).toHaveLength(2);
      } finally {
        disconnect();
        second();
        invalidator.dispose();
      }
      await expect.poll(() => realtimeSubscriberCount()).toBe(0);
    });
  });
});

describe("Supabase Realtime payloads", () => {
  const org = randomUUID();
  const payload = (eventType: string, row: Record<string, unknown>, old: Record<string, unknown> = {}) =>
    ({ schema: "public", table: "deals", eventType, new: row, old, commit_timestamp: "", errors: [] }) as never;

  it("become the same events the embedded stream sends", () => {
    expect(toRealtimeEvent(payload("INSERT", { id: "d1", org_id: org, title: "secret" }), org)).toEqual({
      table: "deals",
      op: "INSERT",
      org_id: org,
      id: "d1",
    });
    expect(toRealtimeEvent(payload("UPDATE", { id: 7, org_id: org }), org)).toMatchObject({ op: "UPDATE", id: "7" });
    expect(toRealtimeEvent(payload("INSERT", { user_id: "u1", org_id: org }), org)).toMatchObject({ id: "u1" });
    const manager = randomUUID();
    expect(toRealtimeEvent(payload("UPDATE", { id: "c1", org_id: org, member_id: manager }), org)).toEqual({
      table: "deals",
      op: "UPDATE",
      org_id: org,
      id: "c1",
      member_id: manager,
    });
    // A row that records its end says whether it has ended (the pop-up drops a hung-up call's card).
    const at = new Date().toISOString();
    expect(toRealtimeEvent(payload("UPDATE", { id: "c1", org_id: org, ended_at: at }), org)).toMatchObject({
      ended: true,
    });
    expect(toRealtimeEvent(payload("INSERT", { id: "c1", org_id: org, ended_at: null }), org)).toMatchObject({
      ended: false,
    });
    expect(toRealtimeEvent(payload("DELETE", {}, { id: "c1" }), org)).not.toHaveProperty("ended");
  });

  it("keep a DELETE that carries only the key, and drop another organisation's row", () => {
    expect(toRealtimeEvent(payload("DELETE", {}, { id: "d1" }), org)).toEqual({
      table: "deals",
      op: "DELETE",
      org_id: org,
      id: "d1",
    });
    expect(toRealtimeEvent(payload("INSERT", { id: "d2", org_id: randomUUID() }), org)).toBeUndefined();
  });
});
