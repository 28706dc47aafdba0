import { afterAll, beforeAll, expect, it } from "vitest";
import * as calls from "@/app/api/calls/route";
import * as live from "@/app/api/calls/live/route";
import * as oneConnection from "@/app/api/telephony/connections/[id]/route";
import * as testRoute from "@/app/api/telephony/connections/[id]/test/route";
import { asService } from "@/lib/db";
import { startAmiSupervisor, type AmiSupervisor } from "@/lib/telephony/ami/source";
import type { ConnectionView } from "@/lib/telephony/connections";
import { cdrBlock, fixtureBlocks, get, rewrite, startAmiFake, type AmiFake, type Block } from "../fakes/asterisk-ami";
import { describeEachDb } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { count, team } from "../helpers/inbox";
import { publishedPhases, createConnection, setExtension } from "../helpers/telephony";
import { drainJobs } from "../helpers/automation";
import { orgOf } from "../helpers/dialogs";
import { connectRetailcrm } from "../helpers/retailcrm";
import { fakePerFile } from "../helpers/fake-per-file";
import { startRetailcrmFake } from "../fakes/retailcrm";

// Asterisk over AMI end to end: the worker's supervisor holds a real TCP session to the fake PBX, which plays
// the real captured event blocks (rewritten so a client calls in from a trunk); calls land through the shared
// call store on the real database.

const SECRET = "ami-s3cret-for-tests";
const ANSWERED = "ami_answered_outbound.sweeney-asterisk-mqtt.raw";
const HUNT = "ami_unanswered_huntgroup.sweeney-asterisk-mqtt.raw";
const PATTERN = "https://pbx.example.com/monitor/{yyyy}/{mm}/{dd}/{file}";
// How long an end waits for its CDR here (5 s in production).
const CDR_WAIT_MS = 600;

const crm = fakePerFile(
  () => startRetailcrmFake(),
  () => ({}),
);

let ami: AmiFake;
beforeAll(async () => {
  ami = await startAmiFake({ username: "crm", secret: SECRET });
});
afterAll(() => ami.close());

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, ms = 8_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

type Row = {
  id: string;
  contact_id: string | null;
  member_id: string | null;
  status: string;
  direction: string;
  duration_seconds: number | null;
  recording_url: string | null;
  ended_at: Date | null;
  client_phone: string | null;
};
const rowsOf = (connectionId: string, providerCallId: string) =>
  asService((sql) =>
    sql.query<Row>(
      `select id, contact_id, member_id, status, direction, duration_seconds, recording_url, ended_at, client_phone
         from public.calls where connection_id = $1 and provider_call_id = $2`,
      [connectionId, providerCallId],
    ),
  );
const stateOf = async (id: string) =>
  (
    await asService((sql) =>
      sql.query<{ state: string; last_error: string | null }>(
        "select state, last_error from public.telephony_connections where id = $1",
        [id],
      ),
    )
  )[0];

/** The answered capture as a client's inbound call to extension 101; its Linkedid is `${prefix}.40`. */
const inbound = (prefix: string, client: string, file?: string): Block[] => [
  ...rewrite(fixtureBlocks(ANSWERED), { idPrefix: prefix, client, clientName: "Client", extensions: { "21": "101" } }),
  cdrBlock({
    uniqueid: `${prefix}.40`,
    linkedid: `${prefix}.40`,
    source: client,
    destination: "101",
    channel: "PJSIP/trunk-00000019",
    destinationChannel: "PJSIP/101-0000001a",
    disposition: "ANSWERED",
    duration: 20,
    billsec: 15,
    start: "2026-02-12 10:30:36",
    recordingFile: file,
  }),
];
const upTo = (blocks: Block[], event: string, nth = 1) => {
  let seen = 0;
  const i = blocks.findIndex((b) => get(b, "Event") === event && ++seen === nth);
  return [blocks.slice(0, i + 1), blocks.slice(i + 1)];
};

describeEachDb("telephony: Asterisk directly over AMI", () => {
  let a: Awaited<ReturnType<typeof team>>;
  let conn: ConnectionView;
  let sup: AmiSupervisor;

  beforeAll(async () => {
    ami.clear();
    a = await team("ami", "AMI Calls");
    conn = await createConnection(a.owner, {
      kind: "asterisk_ami",
      name: "FreePBX",
      config: { host: ami.host, port: ami.port, username: "crm", recordingUrlPattern: PATTERN },
      secrets: { secret: SECRET },
    });
    expect(conn.webhookUrl).toBeNull();
    expect(JSON.stringify(conn)).not.toContain(SECRET);
    await setExtension(a.owner, { connectionId: conn.id, userId: a.agent.userId, extension: "101" });
    sup = startAmiSupervisor({
      rescanMs: 300,
      keepAliveMs: 400,
      backoff: { minMs: 50, maxMs: 400 },
      timeoutMs: 2_000,
      cdrWaitMs: CDR_WAIT_MS,
    });
    await waitFor("the AMI session", async () => (await stateOf(conn.id)).state === "connected" && ami.listeners() > 0);
    // …and its first look at the channels up (CoreShowChannels) answered.
    await waitFor("the first CoreShowChannels", async () => ami.actions.includes("coreshowchannels"));
    await new Promise((r) => setTimeout(r, 200));
  });
  afterAll(async () => {
    await sup.stop();
  });

  it("logs a full inbound call (ringing → answered → hangup, CDR with recording) as one row on the client's contact with the manager", async () => {
    const [{ id: contactId }] = await asService((sql) =>
      sql.query<{ id: string }>(
        "insert into public.contacts (org_id, name, phone) select org_id, 'Анна Петрова', '+79161234567' from public.memberships where user_id = $1 returning id",
        [a.owner.userId],
      ),
    );
    const file = "in-101-79161234567-20260212-103036-1771000001.40.wav";
    const blocks = inbound("1771000001", "79161234567", file);
    const [ringing, rest] = upTo(blocks, "DialBegin");
    ami.play(ringing);
    // The same blocks again (a PBX repeating itself): stored once.
    ami.play(ringing);
    const id = "1771000001.40";
    const liveFor = async (token: string) =>
      ((await (await live.GET(jsonRequest("/api/calls/live", { token }))).json()) as { calls: { phone: string }[] })
        .calls;
    await waitFor("the ringing call", async () => (await rowsOf(conn.id, id))[0]?.member_id === a.agent.userId);
    await waitFor("the pop-up", async () => (await liveFor(a.agent.token))[0]?.phone === "+79161234567", 3_000);
    ami.play(rest);
    const [call] = await waitFor("the recording", async () => {
      const r = await rowsOf(conn.id, id);
      return r[0]?.recording_url ? r : undefined;
    });
    expect(await rowsOf(conn.id, id)).toHaveLength(1);
    expect(call).toMatchObject({
      contact_id: contactId,
      member_id: a.agent.userId,
      status: "answered",
      direction: "inbound",
      duration_seconds: 15,
      recording_url: `https://pbx.example.com/monitor/2026/02/12/${file}`,
    });
    expect(call.ended_at).not.toBeNull();
    expect(await publishedPhases(call.id)).toEqual(["ringing", "answered", "ended"]);
    expect(await liveFor(a.agent.token)).toEqual([]);
    // Newchannel, DialBegin, DialEnd, Hangup of the last leg, Cdr: each once though the start came twice.
    const events = await asService((sql) =>
      sql.query<{ event: string }>("select event from public.call_events where call_id = $1 order by event", [call.id]),
    );
    expect(events.map((e) => e.event.split(":")[0])).toEqual(["Cdr", "DialBegin", "DialEnd", "Hangup", "Newchannel"]);

    // The whole call replayed: nothing new.
    ami.play(blocks);
    await new Promise((r) => setTimeout(r, 300));
    expect(await count("call_events", "call_id = $1", [call.id])).toBe(5);
    expect(await rowsOf(conn.id, id)).toHaveLength(1);
  });

  it("makes one missed call (and one call-back task) of a ring group nobody answers, on a new contact", async () => {
    const blocks = rewrite(fixtureBlocks(HUNT), {
      idPrefix: "1771000002",
      client: "79035550001",
      extensions: { "11": "101" },
    });
    ami.play(blocks);
    const id = "1771000002.49";
    const [call] = await waitFor("the missed call", async () => {
      const r = await rowsOf(conn.id, id);
      return r[0]?.status === "missed" ? r : undefined;
    });
    expect(await rowsOf(conn.id, id)).toHaveLength(1);
    expect(call.member_id).toBe(a.agent.userId);
    expect(await publishedPhases(call.id)).toEqual(["ringing", "missed"]);
    expect(await count("tasks", "dedupe_key = $1 and kind = 'callback'", [`call:${call.id}`])).toBe(1);
    const [contact] = await asService((sql) =>
      sql.query<{ phone: string }>("select phone from public.contacts where id = $1", [call.contact_id]),
    );
    expect(contact.phone).toBe("+79035550001");
  });

  it("click-to-call sends Originate with the manager's channel, the client's number and the call's id", async () => {
    const res = await calls.POST(
      jsonRequest("/api/calls", { token: a.agent.token, body: { phone: "+7 916 765-43-21" } }),
    );
    expect(res.status, await res.clone().text()).toBe(202);
    const started = (await res.json()) as { source: string; providerCallId: string };
    expect(started.source).toBe("asterisk_ami");
    expect(ami.originates.at(-1)).toMatchObject({
      Action: "Originate",
      ActionID: `c2c-${started.providerCallId}`,
      Channel: "PJSIP/101",
      Context: "from-internal",
      Exten: "79167654321",
      Priority: "1",
      Async: "true",
      ChannelId: started.providerCallId,
      Variable: `CRM_CALL_ID=${started.providerCallId}`,
    });
    const [call] = await waitFor("the originated call's end", async () => {
      const r = await rowsOf(conn.id, started.providerCallId);
      return r[0]?.ended_at ? r : undefined;
    });
    expect(await rowsOf(conn.id, started.providerCallId)).toHaveLength(1);
    expect(call).toMatchObject({
      direction: "outbound",
      status: "answered",
      member_id: a.agent.userId,
      client_phone: "+79167654321",
    });

    ami.setOriginateResult("busy");
    const busy = (await (
      await calls.POST(jsonRequest("/api/calls", { token: a.agent.token, body: { phone: "+79167654322" } }))
    ).json()) as { providerCallId: string };
    ami.setOriginateResult("answer");
    await waitFor("the busy result", async () => (await rowsOf(conn.id, busy.providerCallId))[0]?.status === "busy");
  });

  it("an AMI call ends on its CDR, so RetailCRM's calls/upload carries the recording", async () => {
    await connectRetailcrm(a.owner, await orgOf(a.owner), crm.fake, {
      managerMap: [{ memberId: a.agent.userId, userId: 27, code: "101" }],
    });
    const file = "in-101-79035550006-20260212-103036-1771000006.40.wav";
    const blocks = inbound("1771000006", "79035550006", file);
    const cdrAt = blocks.findIndex((b) => get(b, "Event") === "Cdr");
    // Everything up to the last Hangup; the CDR comes a moment later, as cdr_manager sends it.
    ami.play(blocks.slice(0, cdrAt));
    const id = "1771000006.40";
    await waitFor("the answer", async () => (await rowsOf(conn.id, id))[0]?.status === "answered");
    await new Promise((r) => setTimeout(r, CDR_WAIT_MS / 3));
    // The Hangup is in hand but held: the call has not ended yet.
    expect((await rowsOf(conn.id, id))[0]).toMatchObject({ status: "answered", ended_at: null });
    ami.play(blocks.slice(cdrAt));
    const [call] = await waitFor("the end with the recording", async () => {
      const r = await rowsOf(conn.id, id);
      return r[0]?.ended_at ? r : undefined;
    });
    expect(call).toMatchObject({
      status: "answered",
      duration_seconds: 15,
      recording_url: `https://pbx.example.com/monitor/2026/02/12/${file}`,
    });
    expect(await publishedPhases(call.id)).toEqual(["ringing", "answered", "ended"]);
    await drainJobs(["telephony.call-event"]);
    const uploads = crm.fake.state.calls.filter((c) => c.externalId === call.id);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({ type: "in", phone: "+79035550006", code: "101", userId: 27, duration: 15 });
    expect(uploads[0].recordUrl).toEqual(expect.stringContaining(`/api/calls/${call.id}/recording`));
    const hangups = crm.fake.state.callEvents.filter((e) => e.callExternalId === call.id && e.type === "hangup");
    expect(hangups).toHaveLength(1);
  });

  it("a call whose CDR never comes still ends, once, when the wait runs out", async () => {
    const blocks = inbound("1771000007", "79035550007", "never-sent.wav");
    ami.play(blocks.filter((b) => get(b, "Event") !== "Cdr"));
    const id = "1771000007.40";
    const [call] = await waitFor("the end without a CDR", async () => {
      const r = await rowsOf(conn.id, id);
      return r[0]?.ended_at ? r : undefined;
    });
    expect(call).toMatchObject({ status: "answered", recording_url: null });
    // Waiting longer changes nothing: the end was published once.
    await new Promise((r) => setTimeout(r, CDR_WAIT_MS * 2));
    expect(await publishedPhases(call.id)).toEqual(["ringing", "answered", "ended"]);
    expect(await rowsOf(conn.id, id)).toHaveLength(1);
    await drainJobs(["telephony.call-event"]);
    const uploads = crm.fake.state.calls.filter((c) => c.externalId === call.id);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).not.toHaveProperty("recordUrl");
  });

  it("a wrong secret: the connection reports the refused login, stores nothing, and stops when disabled", async () => {
    const bad = await createConnection(a.owner, {
      kind: "asterisk_ami",
      name: "Wrong secret",
      config: { host: ami.host, port: ami.port, username: "crm" },
      secrets: { secret: "not-the-secret" },
    });
    await sup.refresh();
    const state = await waitFor("the auth error", async () => {
      const s = await stateOf(bad.id);
      return s.state === "error" ? s : undefined;
    });
    expect(state.last_error).toContain("Authentication failed");
    const tested = await testRoute.POST(
      jsonRequest(`/api/telephony/connections/${bad.id}/test`, { token: a.owner.token, body: {} }),
      params({ id: bad.id }),
    );
    expect(await tested.json()).toMatchObject({ ok: false, error: expect.stringContaining("Authentication failed") });
    const good = await testRoute.POST(
      jsonRequest(`/api/telephony/connections/${conn.id}/test`, { token: a.owner.token, body: {} }),
      params({ id: conn.id }),
    );
    expect(await good.json()).toMatchObject({ ok: true, connection: { state: "connected" } });

    ami.play(inbound("1771000003", "79035550003"));
    await waitFor("the good session's copy", async () => (await rowsOf(conn.id, "1771000003.40"))[0]?.ended_at);
    expect(await count("calls", "connection_id = $1", [bad.id])).toBe(0);
    expect(await count("call_events", "connection_id = $1", [bad.id])).toBe(0);

    const off = await oneConnection.PATCH(
      jsonRequest(`/api/telephony/connections/${bad.id}`, {
        method: "PATCH",
        token: a.owner.token,
        body: { enabled: false },
      }),
      params({ id: bad.id }),
    );
    expect(off.status).toBe(200);
    await sup.refresh();
    expect(sup.connectionIds()).toEqual([conn.id]);
    const attempts = ami.logins.filter((l) => !l.ok).length;
    await new Promise((r) => setTimeout(r, 600));
    expect(ami.logins.filter((l) => !l.ok).length).toBe(attempts);
  });

  it("reconnects after the PBX drops the socket mid-call: an end it missed is unknown, a call still up ends normally", async () => {
    const lost = inbound("1771000004", "79035550004");
    const kept = inbound("1771000005", "79035550005");
    const [lostStart, lostEnd] = upTo(lost, "BridgeEnter", 2);
    const [keptStart, keptEnd] = upTo(kept, "BridgeEnter", 2);
    ami.play([...lostStart, ...keptStart]);
    for (const id of ["1771000004.40", "1771000005.40"])
      await waitFor(`${id} answered`, async () => (await rowsOf(conn.id, id))[0]?.status === "answered");

    ami.unreachable();
    await waitFor("the source to notice", async () => (await stateOf(conn.id)).state === "retrying");
    // While we are away the first call hangs up (its CDR with it); the second is still talking.
    ami.play(lostEnd);
    ami.reachable();
    const [gone] = await waitFor("the unseen end", async () => {
      const r = await rowsOf(conn.id, "1771000004.40");
      return r[0]?.status === "unknown" ? r : undefined;
    });
    expect((await stateOf(conn.id)).state).toBe("connected");
    expect(gone.ended_at).toBeNull();
    expect(await rowsOf(conn.id, "1771000004.40")).toHaveLength(1);
    expect(await publishedPhases(gone.id)).toEqual(["ringing", "answered", "ended"]);
    expect(await count("tasks", "dedupe_key = $1", [`call:${gone.id}`])).toBe(0);

    const [still] = await rowsOf(conn.id, "1771000005.40");
    expect(still).toMatchObject({ status: "answered", ended_at: null });
    ami.play(keptEnd);
    // Hangup, then its CDR's talk time.
    const [ended] = await waitFor("the second call's end", async () => {
      const r = await rowsOf(conn.id, "1771000005.40");
      return r[0]?.ended_at && r[0].duration_seconds === 15 ? r : undefined;
    });
    expect(ended).toMatchObject({ status: "answered", duration_seconds: 15 });
    expect(await rowsOf(conn.id, "1771000005.40")).toHaveLength(1);
    expect(await count("call_events", "call_id = $1 and event like 'Newchannel%'", [ended.id])).toBe(1);
    expect(await publishedPhases(ended.id)).toEqual(["ringing", "answered", "ended"]);
  });
});
