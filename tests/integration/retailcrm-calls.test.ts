import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { asService } from "@/lib/db";
import { enqueue, startRunner } from "@/lib/jobs";
import { syncCall } from "@/lib/retailcrm/calls";
import { callEvent, callEventSteps, type CallEvent } from "@/lib/telephony/events";
import { describeEachDb } from "../helpers/db";
import { orgOf } from "../helpers/dialogs";
import { fakePerFile } from "../helpers/fake-per-file";
import { count, eventually, team } from "../helpers/inbox";
import { connectRetailcrm } from "../helpers/retailcrm";
import { startRetailcrmFake } from "../fakes/retailcrm";

const crm = fakePerFile(
  () => startRetailcrmFake(),
  () => ({}),
);

let seq = 0;
const newPhone = () => `+7916${String(Date.now() % 1e6).padStart(6, "0")}${seq++ % 10}`;

function call(over: Partial<CallEvent> = {}): CallEvent {
  return {
    callId: randomUUID(),
    phase: "ringing",
    source: "asterisk_bridge",
    connectionId: randomUUID(),
    direction: "inbound",
    clientPhone: newPhone(),
    contactId: null,
    memberId: null,
    extension: "101",
    status: "ringing",
    startedAt: "2026-12-06T10:56:04.000Z",
    answeredAt: null,
    endedAt: null,
    durationSeconds: null,
    waitSeconds: null,
    recordingUrl: null,
    ai: false,
    ...over,
  };
}

describeEachDb("RetailCRM call flow", () => {
  let orgId: string;
  let agentId: string;

  beforeAll(async () => {
    const t = await team(`rcc${seq++}${Date.now() % 1000}`, "Calls to RetailCRM");
    orgId = await orgOf(t.owner);
    agentId = t.agent.userId;
    await connectRetailcrm(t.owner, orgId, crm.fake, { managerMap: [{ memberId: agentId, userId: 27, code: "101" }] });
  });

  it("registers its step on the telephony event", () => {
    expect(callEventSteps.map((s) => s.name)).toContain("retailcrm.call-sync");
  });

  it("queues a call's event only where a listener acts on it: RetailCRM connected and a client's number", async () => {
    const other = await orgOf((await team(`rcn${seq++}${Date.now() % 1000}`, "No RetailCRM")).owner);
    const jobs = (callId: string) =>
      count("jobs", "name = 'telephony.call-event' and payload ->> 'callId' = $1", [callId]);
    const connected = call();
    expect((await enqueue(callEvent, connected, { orgId })).skipped).toBeUndefined();
    expect(await jobs(connected.callId)).toBe(1);
    const elsewhere = call();
    expect(await enqueue(callEvent, elsewhere, { orgId: other })).toMatchObject({ skipped: true, id: "" });
    const withheld = call({ clientPhone: null });
    expect(await enqueue(callEvent, withheld, { orgId })).toMatchObject({ skipped: true });
    // In the emitter's transaction too, as the call store publishes.
    const inTx = call();
    await asService((sql) => enqueue(callEvent, inTx, { orgId, sql }));
    await asService((sql) => enqueue(callEvent, call(), { orgId: other, sql }));
    expect(await jobs(elsewhere.callId)).toBe(0);
    expect(await jobs(withheld.callId)).toBe(0);
    expect(await jobs(inTx.callId)).toBe(1);
    expect(await count("jobs", "name = 'telephony.call-event' and org_id = $1", [other])).toBe(0);
    await asService((sql) =>
      sql.query("delete from public.jobs where payload ->> 'callId' = any($1)", [[connected.callId, inTx.callId]]),
    );
  });

  it("a new caller becomes one RetailCRM customer even when two calls arrive together", async () => {
    const phone = newPhone();
    await Promise.all([
      syncCall({ ...call({ clientPhone: phone }), orgId }),
      syncCall({ ...call({ clientPhone: phone }), orgId }),
    ]);
    const creates = crm.fake.state.requests.filter((r) => r.path === "/api/v5/customers/create");
    expect(creates).toHaveLength(1);
    expect(creates[0].form.customer).toMatchObject({ phones: [{ number: phone }] });
    expect(await count("retailcrm_customers", "org_id = $1 and phone = $2", [orgId, phone])).toBe(1);
    // A third call finds the link and asks RetailCRM nothing about the customer.
    crm.fake.reset();
    await syncCall({ ...call({ clientPhone: phone }), orgId });
    expect(crm.fake.state.requests.map((r) => r.path)).toEqual(["/api/v5/telephony/call/event"]);
  });

  it("a caller RetailCRM already knows is linked, not created again", async () => {
    const phone = newPhone();
    const known = crm.fake.userCreates("customer", {
      firstName: "Ольга",
      phones: [{ number: phone.replace("+7", "8") }],
    });
    await syncCall({ ...call({ clientPhone: phone }), orgId });
    expect(crm.fake.state.requests.filter((r) => r.path === "/api/v5/customers/create")).toHaveLength(0);
    const [link] = await asService((sql) =>
      sql.query<{ id: string }>(
        "select retailcrm_customer_id::int as id from public.retailcrm_customers where org_id = $1 and phone = $2",
        [orgId, phone],
      ),
    );
    expect(Number(link.id)).toBe(known.id);
  });

  it("sends in / hangup with the manager's code and uploads the finished call with its recording, once", async () => {
    const base = call({ memberId: agentId });
    await syncCall({ ...base, orgId });
    await syncCall({
      ...base,
      phase: "answered",
      status: "in_progress",
      answeredAt: "2026-12-06T10:56:14.000Z",
      orgId,
    });
    const ended = {
      ...base,
      phase: "ended" as const,
      status: "answered" as const,
      answeredAt: "2026-12-06T10:56:14.000Z",
      endedAt: "2026-12-06T10:57:14.000Z",
      durationSeconds: 60,
      waitSeconds: 10,
      recordingUrl: "https://relay.example/r/abc.mp3",
      orgId,
    };
    await syncCall(ended);
    await syncCall(ended); // the job retried: nothing is sent twice
    expect(crm.fake.state.callEvents.map((e) => [e.type, e.codes, e.userIds, e.callExternalId, e.site])).toEqual([
      ["in", ["101"], [27], base.callId, "shop"],
      ["in", ["101"], [27], base.callId, "shop"],
      ["hangup", ["101"], [27], base.callId, "shop"],
    ]);
    expect(crm.fake.state.callEvents[0].phone).toBe(base.clientPhone);
    expect(crm.fake.state.calls).toEqual([
      {
        date: "2026-12-06 10:56:04",
        type: "in",
        phone: base.clientPhone,
        code: "101",
        userId: 27,
        result: "answered",
        duration: 60,
        durationWaiting: 10,
        externalId: base.callId,
        recordUrl: "https://relay.example/r/abc.mp3",
        site: "shop",
      },
    ]);
  });

  it("an outbound missed call is 'out' then hangup with no answer", async () => {
    const base = call({ direction: "outbound", extension: "205" });
    await syncCall({ ...base, orgId });
    await syncCall({ ...base, phase: "missed", status: "missed", orgId });
    expect(crm.fake.state.callEvents.map((e) => [e.type, e.codes, e.hangupStatus])).toEqual([
      ["out", ["205"], null],
      ["hangup", ["205"], "no answer"],
    ]);
    expect(crm.fake.state.calls[0]).toMatchObject({ type: "out", result: "no answer", code: "205" });
    expect(crm.fake.state.calls[0]).not.toHaveProperty("recordUrl");
  });

  it("runs as the telephony.call-event job through the in-process runner", async () => {
    const runner = startRunner({ jobs: [callEvent], pollMs: 50 });
    await runner.ready;
    try {
      const base = call();
      await enqueue(callEvent, { ...base, phase: "missed", status: "missed" }, { orgId });
      await eventually(async () => crm.fake.state.calls.find((c) => c.externalId === base.callId));
    } finally {
      await runner.stop();
    }
  });

  it("RetailCRM refusing is logged for Settings; rate limiting makes the job wait and retry", async () => {
    crm.fake.fail({
      status: 400,
      path: /call\/event/,
      body: { success: false, errorMsg: "Validation error", errors: { phone: "bad" } },
    });
    const base = call();
    await syncCall({ ...base, orgId });
    const [log] = await asService((sql) =>
      sql.query<{ kind: string; message: string }>(
        "select kind, message from public.retailcrm_sync_log where local_id = $1",
        [base.callId],
      ),
    );
    expect(log).toEqual({ kind: "error", message: "RetailCRM: Validation error — phone: bad" });
    for (let i = 0; i < 5; i++) crm.fake.fail({ status: 503, path: /call\/event/ });
    await expect(syncCall({ ...call(), orgId })).rejects.toMatchObject({ name: "RetryLaterError" });
    const [conn] = await asService((sql) =>
      sql.query<{ status: string }>("select status from public.retailcrm_connections where org_id = $1", [orgId]),
    );
    expect(conn.status).toBe("rate_limited");
  });
});
