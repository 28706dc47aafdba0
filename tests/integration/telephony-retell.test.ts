import { afterAll, beforeAll, expect, it } from "vitest";
import * as aiCall from "@/app/api/calls/ai/route";
import * as oneCall from "@/app/api/calls/[id]/route";
import * as hook from "@/app/api/webhooks/retell/[connectionId]/route";
import { asService } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { analyzeCall } from "@/lib/telephony/analyze-call";
import type { CallDetail } from "@/lib/telephony/calls";
import type { ConnectionView } from "@/lib/telephony/connections";
import { retellCall, retellWebhook, startRetellFake, type RetellFake } from "../fakes/retell";
import { describeEachDb } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { count, team } from "../helpers/inbox";
import { callsOf, createConnection } from "../helpers/telephony";

// Retell AI end to end: webhooks signed with the SDK's own Retell.sign through the real route, the transcript
// through the dialog analysis and scoring (offline engine here), an outbound AI call against the fake.

const API_KEY = "key_" + "3f".repeat(16);
const AGENT = "agent_5ec5eb129f3165cfa07b581a1a";
const NUMBER = "+14157774444";

let fake: RetellFake;
beforeAll(async () => {
  fake = await startRetellFake({ apiKey: API_KEY, agentId: AGENT });
  process.env.RETELL_API_BASE_URL = fake.url;
  resetEnvCache();
});
afterAll(async () => {
  await fake.close();
  delete process.env.RETELL_API_BASE_URL;
  resetEnvCache();
});

type Team = Awaited<ReturnType<typeof team>>;

describeEachDb("telephony: Retell AI voice agent", () => {
  let a: Team;
  let b: Team;
  let conn: ConnectionView;

  beforeAll(async () => {
    a = await team("rta", "Alpha Agents");
    b = await team("rtb", "Beta Agents");
    conn = await createConnection(a.owner, {
      kind: "retell",
      name: "Aria",
      config: { agentId: AGENT, fromNumber: NUMBER },
      secrets: { apiKey: API_KEY },
    });
  });

  const post = async (event: string, call: Record<string, unknown>, key = API_KEY, signed = true) => {
    const { body, headers } = await retellWebhook(API_KEY, event, call, key);
    const h: Record<string, string> = { ...headers };
    if (!signed) delete h["x-retell-signature"];
    return hook.POST(
      new Request(`http://localhost:3000/api/webhooks/retell/${conn.id}`, { method: "POST", headers: h, body }),
      params({ connectionId: conn.id }),
    );
  };

  it("stores an AI call once with its transcript, recording and Retell's analysis, and scores it as a dialog", async () => {
    const call = retellCall({
      callId: "call_6d46e695cfcb54749aa0440102f",
      agentId: AGENT,
      from: "+79161230001",
      to: NUMBER,
    });
    const started = {
      ...call,
      call_status: "ongoing",
      transcript: undefined,
      transcript_object: undefined,
      end_timestamp: undefined,
    };
    expect((await post("call_started", started)).status).toBe(200);
    // call_analyzed before call_ended, as has been seen; then Retell's retry of call_ended.
    expect(
      (
        await post("call_analyzed", {
          ...call,
          ...retellCall({
            ...call,
            callId: call.call_id,
            agentId: AGENT,
            from: call.from_number,
            to: NUMBER,
            analysis: true,
          }),
        })
      ).status,
    ).toBe(200);
    expect((await post("call_ended", call)).status).toBe(200);
    expect((await post("call_ended", call)).status).toBe(200);

    const [row, ...more] = await callsOf(conn.id, call.call_id);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ status: "answered", duration_seconds: 88, direction: "inbound", member_id: null });
    expect(await count("call_events", "call_id = $1", [row.id])).toBe(3);
    expect(
      await count("jobs", "name = 'telephony.analyze-call' and payload ->> 'callId' = $1", [row.id]),
    ).toBeGreaterThan(0);

    const outcome = await analyzeCall((await orgOf(a.owner.userId))!, row.id);
    expect(outcome.analyzed).toBe(true);
    const [lead] = await asService((sql) =>
      sql.query<{ source: string; score: number }>("select source, score from public.leads where contact_id = $1", [
        row.contact_id,
      ]),
    );
    expect(lead.source).toBe("call");
    expect(lead.score).toBe(outcome.score);

    const detail = (await (
      await oneCall.GET(jsonRequest(`/api/calls/${row.id}`, { token: a.viewer.token }), params({ id: row.id }))
    ).json()) as CallDetail;
    expect(detail.ai).toBe(true);
    expect(detail.aiScore).toBe(outcome.score);
    expect(detail.aiSummary).toContain("consultation booked");
    expect(detail.transcript?.map((t) => t.speaker)).toEqual(["agent", "client", "agent", "client"]);
    expect(detail.transcript?.[1].text).toContain("бюджет 300 тысяч");
    expect(detail.recordingUrl).toMatch(/^\/api\/calls\/.+\/recording\?exp=/);
    expect(
      (await oneCall.GET(jsonRequest(`/api/calls/${row.id}`, { token: b.owner.token }), params({ id: row.id }))).status,
    ).toBe(404);
  });

  it("logs a call that never connected as not answered, without a call_started", async () => {
    const call = {
      ...retellCall({ callId: "call_busy_1", agentId: AGENT, from: NUMBER, to: "+79161230002" }),
      direction: "outbound",
      call_status: "not_connected",
      disconnection_reason: "dial_busy",
      transcript: "",
      transcript_object: [],
    };
    expect((await post("call_ended", call)).status).toBe(200);
    const [row] = await callsOf(conn.id, "call_busy_1");
    expect(row.status).toBe("busy");
    expect(await count("tasks", "dedupe_key = $1", [`call:${row.id}`])).toBe(0);
  });

  it("refuses a forged or unsigned webhook and stores nothing", async () => {
    const call = retellCall({ callId: "call_forged", agentId: AGENT, from: "+79161230003", to: NUMBER });
    expect((await post("call_ended", call, "key_wrong_" + "0".repeat(20))).status).toBe(403);
    expect((await post("call_ended", call, API_KEY, false)).status).toBe(401);
    expect(await callsOf(conn.id, "call_forged")).toEqual([]);
  });

  it("starts an outbound AI call through createPhoneCall with the agent, the numbers and our ids", async () => {
    const orgId = await orgOf(a.owner.userId);
    const [{ id: contactId }] = await asService(async (sql) =>
      sql.query<{ id: string }>(
        "insert into public.contacts (org_id, name, phone) values ($1, 'Игорь', '+79161230004') returning id",
        [orgId],
      ),
    );
    const res = await aiCall.POST(
      jsonRequest("/api/calls/ai", { token: a.agent.token, body: { phone: "+79161230004", contactId } }),
    );
    expect(res.status, await res.clone().text()).toBe(202);
    const started = (await res.json()) as { providerCallId: string };
    expect(fake.created.at(-1)).toMatchObject({
      from_number: NUMBER,
      to_number: "+79161230004",
      override_agent_id: AGENT,
      metadata: { contact_id: contactId, connection_id: conn.id },
    });
    const [row] = await callsOf(conn.id, started.providerCallId);
    expect(row).toMatchObject({ direction: "outbound", contact_id: contactId, status: "ringing" });
    const none = await aiCall.POST(
      jsonRequest("/api/calls/ai", { token: b.owner.token, body: { phone: "+79161230004" } }),
    );
    expect(none.status).toBe(409);
  });
});

async function orgOf(userId: string) {
  const [row] = await asService((sql) =>
    sql.query<{ org_id: string }>("select org_id from public.memberships where user_id = $1 limit 1", [userId]),
  );
  return row?.org_id;
}
