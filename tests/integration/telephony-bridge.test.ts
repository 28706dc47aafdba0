import { afterAll, beforeAll, expect, it } from "vitest";
import * as calls from "@/app/api/calls/route";
import * as oneCall from "@/app/api/calls/[id]/route";
import * as recording from "@/app/api/calls/[id]/recording/route";
import * as exportCsv from "@/app/api/calls/export/route";
import * as live from "@/app/api/calls/live/route";
import * as testRoute from "@/app/api/telephony/connections/[id]/test/route";
import { asService } from "@/lib/db";
import type { CallDetail } from "@/lib/telephony/calls";
import type { ConnectionView } from "@/lib/telephony/connections";
import { makeWav, startBridgeFake } from "../fakes/asterisk-bridge";
import { describeEachDb } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { count, team } from "../helpers/inbox";
import { publishedPhases, callsOf, createConnection, postBridge, setExtension } from "../helpers/telephony";

// Seed 001's bridge end to end: the real webhook route and store on the real database, click-to-call and
// recordings against the fake bridge.

const CLIENT_ID = "enterprise-0367";
let bridge: Awaited<ReturnType<typeof startBridgeFake>>;
beforeAll(async () => {
  bridge = await startBridgeFake({ clientId: CLIENT_ID });
});
afterAll(() => bridge.close());

type Team = Awaited<ReturnType<typeof team>>;

describeEachDb("telephony: Asterisk through seed 001's bridge", () => {
  let a: Team;
  let b: Team;
  let conn: ConnectionView;
  let secret: string;

  beforeAll(async () => {
    a = await team("tla", "Alpha Calls");
    b = await team("tlb", "Beta Calls");
    conn = await createConnection(a.owner, {
      kind: "asterisk_bridge",
      name: "Office PBX",
      config: { bridgeBaseUrl: bridge.url },
      secrets: { clientId: CLIENT_ID },
    });
    secret = conn.webhookSecret!;
    expect(secret.length).toBeGreaterThanOrEqual(16);
    expect(conn.webhookUrl).toMatch(new RegExp(`/api/webhooks/asterisk/${conn.id}$`));
    await setExtension(a.owner, { connectionId: conn.id, userId: a.agent.userId, extension: "101" });
  });

  const post = (body: Record<string, unknown>) => postBridge(conn.id, body, secret);

  it("logs a full inbound call as one row on the messenger contact with the same phone, with the manager and recording", async () => {
    // A WhatsApp client wrote before: the call must land on that contact, not a new one.
    const [{ id: contactId }] = await asService((sql) =>
      sql.query<{ id: string }>(
        "insert into public.contacts (org_id, name, phone) select org_id, 'Анна Петрова', '+375296254070' from public.memberships where user_id = $1 returning id",
        [a.owner.userId],
      ),
    );
    const wav = makeWav(0.5);
    const recordingUrl = bridge.addRecording("call_123.wav", wav);
    const base = { callId: "call_123", phone: "+375 29 625-40-70", type: "incoming" };
    expect((await post({ ...base, event: "call.incoming", date: "2025-08-03 14:30:00", code: "101" })).status).toBe(
      200,
    );
    expect((await post({ ...base, event: "call.answered", date: "2025-08-03 14:30:12", code: "101" })).status).toBe(
      200,
    );
    const done = await post({
      ...base,
      event: "call.finished",
      status: "completed",
      duration: 120,
      date: "2025-08-03 14:32:12",
      employee: "101",
      recording: recordingUrl,
    });
    expect(done.status, await done.clone().text()).toBe(200);

    const rows = await callsOf(conn.id, "call_123");
    expect(rows).toHaveLength(1);
    const [call] = rows;
    expect(call).toMatchObject({
      contact_id: contactId,
      member_id: a.agent.userId,
      status: "answered",
      duration_seconds: 120,
      wait_seconds: 12,
      direction: "inbound",
      recording_url: recordingUrl,
    });
    expect(await publishedPhases(call.id)).toEqual(["ringing", "answered", "ended"]);

    // The member reads it with a signed recording link that streams the provider's file through the app.
    const res = await oneCall.GET(
      jsonRequest(`/api/calls/${call.id}`, { token: a.viewer.token }),
      params({ id: call.id }),
    );
    expect(res.status).toBe(200);
    const detail = (await res.json()) as CallDetail & Record<string, unknown>;
    expect(detail).toMatchObject({ contactName: "Анна Петрова", status: "answered", hasRecording: true });
    expect(JSON.stringify(detail)).not.toContain(bridge.url);
    const audio = await recording.GET(
      new Request(`http://localhost:3000${detail.recordingUrl}`),
      params({ id: call.id }),
    );
    expect(audio.status).toBe(200);
    expect(audio.headers.get("content-type")).toBe("audio/wav");
    expect(Buffer.from(await audio.arrayBuffer()).equals(wav)).toBe(true);
    const forged = await recording.GET(
      new Request(`http://localhost:3000${detail.recordingUrl!.replace(/sig=./, "sig=A")}`),
      params({ id: call.id }),
    );
    expect(forged.status).toBe(403);

    // Another organisation sees neither the call nor a way to its recording.
    const other = await oneCall.GET(
      jsonRequest(`/api/calls/${call.id}`, { token: b.owner.token }),
      params({ id: call.id }),
    );
    expect(other.status).toBe(404);
    const theirs = (await (await calls.GET(jsonRequest("/api/calls", { token: b.owner.token }))).json()) as {
      calls: unknown[];
    };
    expect(theirs.calls).toEqual([]);
  });

  it("stores a repeated event once and folds events arriving out of order into one monotonic call", async () => {
    const base = { callId: "call_ooo", phone: "+79161234567", type: "incoming", code: "101" };
    await post({ ...base, event: "call.finished", status: "completed", duration: 30, date: "2025-08-03 15:01:00" });
    await post({ ...base, event: "call.answered", date: "2025-08-03 15:00:30" });
    await post({ ...base, event: "call.incoming", date: "2025-08-03 15:00:20" });
    await post({ ...base, event: "call.incoming", date: "2025-08-03 15:00:20" });
    const [call, ...more] = await callsOf(conn.id, "call_ooo");
    expect(more).toEqual([]);
    expect(call).toMatchObject({
      status: "answered",
      duration_seconds: 30,
      wait_seconds: 10,
      member_id: a.agent.userId,
    });
    expect(await count("call_events", "call_id = $1", [call.id])).toBe(3);
    expect((await publishedPhases(call.id)).sort()).toEqual(["answered", "ended", "ringing"]);
  });

  it("turns a missed call into one call-back task and one notice", async () => {
    const base = { callId: "call_missed", phone: "+79035550001", type: "incoming", code: "101" };
    await post({ ...base, event: "call.incoming" });
    await post({ ...base, event: "call.missed" });
    await post({ ...base, event: "call.missed" });
    await post({ ...base, event: "call.finished", status: "no_answer", duration: 0 });
    const [call] = await callsOf(conn.id, "call_missed");
    expect(call.status).toBe("missed");
    expect(call.contact_id).not.toBeNull();
    expect(await publishedPhases(call.id)).toEqual(["ringing", "missed"]);
    expect(
      await count("tasks", "dedupe_key = $1 and assignee_id = $2 and kind = 'callback'", [
        `call:${call.id}`,
        a.agent.userId,
      ]),
    ).toBe(1);
    expect(await count("notifications", "link = $1 and kind = 'call'", [`/calls?call=${call.id}`])).toBe(1);
    const [contact] = await asService((sql) =>
      sql.query<{ phone: string }>("select phone from public.contacts where id = $1", [call.contact_id]),
    );
    expect(contact.phone).toBe("+79035550001");
  });

  it("pops the ringing call up for the member whose extension rings, and closes it on hang-up", async () => {
    const base = { callId: "call_pop", phone: "+79035550002", type: "incoming", code: "101" };
    await post({ ...base, event: "call.incoming" });
    const liveFor = async (token: string) =>
      (
        (await (await live.GET(jsonRequest("/api/calls/live", { token }))).json()) as {
          calls: { phone: string; known: boolean }[];
        }
      ).calls;
    expect(await liveFor(a.agent.token)).toMatchObject([{ phone: "+79035550002", known: false }]);
    expect(await liveFor(a.viewer.token)).toEqual([]);
    expect(await liveFor(b.owner.token)).toEqual([]);
    await post({ ...base, event: "call.finished", status: "completed", duration: 5 });
    expect(await liveFor(a.agent.token)).toEqual([]);
  });

  it("refuses wrong secrets, malformed and oversized bodies and unknown connections, storing nothing", async () => {
    const before = await count("call_events", "connection_id = $1", [conn.id]);
    const event = { event: "call.incoming", callId: "call_bad", phone: "+79161234567" };
    expect((await postBridge(conn.id, event, null)).status).toBe(401);
    expect((await postBridge(conn.id, event, "x".repeat(secret.length))).status).toBe(403);
    const bad = await post({ event: "call.incoming", phone: "+79161234567" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain("callId");
    const badEvent = await post({ event: "call.exploded", callId: "x" });
    expect(((await badEvent.json()) as { error: { message: string } }).error.message).toContain("event");
    expect((await postBridge(conn.id, "{not json", secret)).status).toBe(400);
    expect((await postBridge(conn.id, JSON.stringify({ ...event, pad: "x".repeat(1024 * 1024) }), secret)).status).toBe(
      413,
    );
    expect((await postBridge("00000000-0000-4000-8000-000000000000", event, secret)).status).toBe(404);
    expect((await postBridge("not-a-uuid", event, secret)).status).toBe(404);
    expect(await count("call_events", "connection_id = $1", [conn.id])).toBe(before);
  });

  it("click-to-call reaches the bridge with the member's extension, the number and the clientId", async () => {
    const res = await calls.POST(
      jsonRequest("/api/calls", { token: a.agent.token, body: { phone: "+7 916 123-45-67" } }),
    );
    expect(res.status, await res.clone().text()).toBe(202);
    expect(await res.json()).toMatchObject({ status: "requested", source: "asterisk_bridge", phone: "+79161234567" });
    expect(bridge.calls().at(-1)?.query).toEqual({ code: "101", phone: "+79161234567", clientId: CLIENT_ID });
    // The owner has no extension: told what to do, nothing is sent.
    const sent = bridge.calls().length;
    const none = await calls.POST(jsonRequest("/api/calls", { token: a.owner.token, body: { phone: "+79161234567" } }));
    expect(none.status).toBe(409);
    const bad = await calls.POST(jsonRequest("/api/calls", { token: a.agent.token, body: { phone: "12" } }));
    expect(bad.status).toBe(400);
    expect(bridge.calls().length).toBe(sent);
  });

  it("tests the connection against the bridge and lists, filters and exports the log", async () => {
    const tested = await testRoute.POST(
      jsonRequest(`/api/telephony/connections/${conn.id}/test`, { token: a.owner.token, body: {} }),
      params({ id: conn.id }),
    );
    expect(await tested.json()).toMatchObject({ ok: true, connection: { state: "connected" } });
    const page = (await (
      await calls.GET(jsonRequest("/api/calls?status=missed", { token: a.viewer.token }))
    ).json()) as { calls: { status: string }[] };
    expect(page.calls.length).toBeGreaterThan(0);
    expect(page.calls.every((c) => c.status === "missed")).toBe(true);
    const first = (await (await calls.GET(jsonRequest("/api/calls?limit=2", { token: a.viewer.token }))).json()) as {
      calls: { id: string }[];
      nextCursor: string;
    };
    const second = (await (
      await calls.GET(jsonRequest(`/api/calls?limit=2&cursor=${first.nextCursor}`, { token: a.viewer.token }))
    ).json()) as { calls: { id: string }[] };
    expect(second.calls.length).toBeGreaterThan(0);
    expect(second.calls.map((c) => c.id)).not.toContain(first.calls[0].id);
    const found = (await (await calls.GET(jsonRequest("/api/calls?q=625-40", { token: a.viewer.token }))).json()) as {
      calls: { contactName: string }[];
    };
    expect(found.calls.map((c) => c.contactName)).toEqual(["Анна Петрова"]);
    const csv = await (await exportCsv.GET(jsonRequest("/api/calls/export", { token: a.viewer.token }))).text();
    expect(csv.split("\r\n")[0]).toContain("id,started_at,direction,status");
    expect(csv).toContain("Анна Петрова");
  });
});
