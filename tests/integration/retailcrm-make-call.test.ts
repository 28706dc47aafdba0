import { afterAll, beforeAll, expect, it } from "vitest";
import * as makeCall from "@/app/api/retailcrm/[connectionId]/make-call/route";
import type { Connection } from "@/lib/retailcrm/connections";
import { startBridgeFake } from "../fakes/asterisk-bridge";
import { startRetailcrmFake, type RetailcrmFake } from "../fakes/retailcrm";
import { describeEachDb } from "../helpers/db";
import { orgOf } from "../helpers/dialogs";
import { params } from "../helpers/http";
import { count, team } from "../helpers/inbox";
import { connectRetailcrm } from "../helpers/retailcrm";
import { createConnection, setExtension } from "../helpers/telephony";

// RetailCRM's makeCallUrl (a user clicked a phone number inside RetailCRM): the manager's code or user id is
// mapped to a member, and the call is placed through that member's telephony as our own click-to-call does —
// here seed 001's bridge fake, which must receive the member's extension, the number and the bridge clientId.

const BRIDGE_CLIENT = "enterprise-0367";
let bridge: Awaited<ReturnType<typeof startBridgeFake>>;
let crm: RetailcrmFake;
beforeAll(async () => {
  bridge = await startBridgeFake({ clientId: BRIDGE_CLIENT });
  crm = await startRetailcrmFake();
});
afterAll(async () => {
  await bridge.close();
  await crm.close();
});

let seq = 0;

describeEachDb("RetailCRM click-to-call (makeCallUrl)", () => {
  let conn: Connection;
  let orgId: string;

  beforeAll(async () => {
    const t = await team(`rcm${seq++}${Date.now() % 1000}`, "RetailCRM calls out");
    orgId = await orgOf(t.owner);
    const tel = await createConnection(t.owner, {
      kind: "asterisk_bridge",
      name: "Office PBX",
      config: { bridgeBaseUrl: bridge.url },
      secrets: { clientId: BRIDGE_CLIENT },
    });
    await setExtension(t.owner, { connectionId: tel.id, userId: t.agent.userId, extension: "101" });
    conn = await connectRetailcrm(t.owner, orgId, crm, {
      managerMap: [
        { memberId: t.agent.userId, userId: 27, code: "101" },
        // Mapped in RetailCRM but without an extension on any telephony connection here.
        { memberId: t.owner.userId, userId: 28, code: "102" },
      ],
    });
  });

  const call = (query: Record<string, string>, init: { method?: string; form?: Record<string, string> } = {}) =>
    makeCall[(init.method ?? "GET") as "GET" | "POST"](
      new Request(`http://localhost:3000/api/retailcrm/${conn.id}/make-call?${new URLSearchParams(query)}`, {
        method: init.method ?? "GET",
        ...(init.form
          ? {
              headers: { "content-type": "application/x-www-form-urlencoded" },
              body: new URLSearchParams(init.form).toString(),
            }
          : {}),
      }),
      params({ connectionId: conn.id }),
    );

  it("places the call through the mapped manager's extension on the bridge", async () => {
    const before = bridge.calls().length;
    const res = await call({ clientId: conn.clientId, code: "101", phone: "+7 916 123-45-67", userId: "27" });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ success: true });
    expect(bridge.calls()).toHaveLength(before + 1);
    expect(bridge.calls().at(-1)?.query).toEqual({ code: "101", phone: "+79161234567", clientId: BRIDGE_CLIENT });
    expect(
      await count("retailcrm_sync_log", "org_id = $1 and entity = 'call' and field = 'make-call'", [orgId]),
    ).toBeGreaterThanOrEqual(1);
  });

  it("finds the manager by RetailCRM user id alone, and takes a POSTed form", async () => {
    const res = await call(
      {},
      { method: "POST", form: { clientId: conn.clientId, userId: "27", phone: "+74951234567" } },
    );
    expect(res.status, await res.clone().text()).toBe(200);
    expect(bridge.calls().at(-1)?.query).toEqual({ code: "101", phone: "+74951234567", clientId: BRIDGE_CLIENT });
  });

  it("answers in RetailCRM's envelope when the manager is unknown or has no telephony; nothing is dialled", async () => {
    const before = bridge.calls().length;
    const unknown = await call({ clientId: conn.clientId, code: "999", phone: "+79161234567" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ success: false, errorMsg: expect.stringContaining("999") });
    const noExtension = await call({ clientId: conn.clientId, code: "102", phone: "+79161234567" });
    expect(noExtension.status).toBe(409);
    expect(await noExtension.json()).toMatchObject({ success: false, errorMsg: expect.stringMatching(/extension/) });
    const badPhone = await call({ clientId: conn.clientId, code: "101", phone: "12" });
    expect(badPhone.status).toBe(400);
    expect(bridge.calls()).toHaveLength(before);
  });

  it("rejects a missing or wrong clientId and an unknown connection, dialling nothing", async () => {
    const before = bridge.calls().length;
    expect((await call({ code: "101", phone: "+79161234567" })).status).toBe(401);
    expect((await call({ clientId: "wrong", code: "101", phone: "+79161234567" })).status).toBe(403);
    const other = "00000000-0000-4000-8000-000000000000";
    const res = await makeCall.GET(
      new Request(`http://localhost:3000/api/retailcrm/${other}/make-call?clientId=${conn.clientId}&code=101&phone=1`),
      params({ connectionId: other }),
    );
    expect(res.status).toBe(404);
    expect(bridge.calls()).toHaveLength(before);
  });
});
