import { afterAll, beforeAll, expect, it } from "vitest";
import * as calls from "@/app/api/calls/route";
import * as oneCall from "@/app/api/calls/[id]/route";
import * as recording from "@/app/api/calls/[id]/recording/route";
import * as hook from "@/app/api/webhooks/twilio-voice/[connectionId]/[hook]/route";
import { resetEnvCache } from "@/lib/env";
import type { CallDetail } from "@/lib/telephony/calls";
import type { ConnectionView } from "@/lib/telephony/connections";
import { makeWav } from "../fakes/asterisk-bridge";
import { startTwilioVoiceFake, twilioWebhook, type VoiceFake } from "../fakes/twilio-voice";
import { newSid, type TwilioParams } from "../fakes/twilio-webhooks";
import { describeEachDb } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { parseTwiml } from "../helpers/twiml";
import { count, team } from "../helpers/inbox";
import { publishedPhases, callsOf, createConnection, setExtension } from "../helpers/telephony";

// Twilio Voice end to end: signed voice/status/recording webhooks through the real route, the TwiML the
// number gets, click-to-call through the real twilio SDK against the fake, the recording fetched with the
// account's credentials.

const ACCOUNT_SID = "AC" + "7a11".repeat(8);
const AUTH_TOKEN = "4d".repeat(16);
const NUMBER = "+14155550100";
const APP_URL = "https://crm.example.com";
const MANAGER_PHONE = "+79990001122";
const CLIENT = "+79161234567";

let fake: VoiceFake;
beforeAll(async () => {
  fake = await startTwilioVoiceFake({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  process.env.TWILIO_API_BASE_URL = fake.url;
  process.env.APP_URL = APP_URL;
  resetEnvCache();
});
afterAll(async () => {
  await fake.close();
  delete process.env.TWILIO_API_BASE_URL;
  delete process.env.APP_URL;
  resetEnvCache();
});

type Team = Awaited<ReturnType<typeof team>>;

describeEachDb("telephony: Twilio Voice", () => {
  let a: Team;
  let b: Team;
  let conn: ConnectionView;

  beforeAll(async () => {
    a = await team("twa", "Alpha Voice");
    b = await team("twb", "Beta Voice");
    conn = await createConnection(a.owner, {
      kind: "twilio",
      name: "Main number",
      config: { accountSid: ACCOUNT_SID, number: NUMBER },
      secrets: { authToken: AUTH_TOKEN },
    });
    expect(conn.webhookUrl).toBe(`${APP_URL}/api/webhooks/twilio-voice/${conn.id}/voice`);
    await setExtension(a.owner, { connectionId: conn.id, userId: a.agent.userId, phone: MANAGER_PHONE });
  });

  const send = (name: "voice" | "status" | "recording", p: TwilioParams, signature?: string | null) =>
    hook.POST(
      twilioWebhook({
        url: `${APP_URL}/api/webhooks/twilio-voice/${conn.id}/${name}`,
        authToken: AUTH_TOKEN,
        params: p,
        signature,
      }),
      params({ connectionId: conn.id, hook: name }),
    );
  const inbound = (sid: string) => ({
    CallSid: sid,
    AccountSid: ACCOUNT_SID,
    From: CLIENT,
    To: NUMBER,
    Caller: CLIENT,
    Called: NUMBER,
    Direction: "inbound",
    CallStatus: "ringing",
    ApiVersion: "2010-04-01",
    FromCountry: "RU",
    CallerCity: "",
  });

  it("answers TwiML that rings the manager and records, and logs the full call once with its recording", async () => {
    const sid = newSid("CA");
    const res = await send("voice", inbound(sid));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/xml");
    const twiml = parseTwiml(await res.text());
    // <Response><Dial record… recordingStatusCallback…><Number statusCallback…>manager</Number></Dial></Response>
    expect(twiml).toMatchObject({ name: "Response", attrs: {} });
    expect(twiml.children).toHaveLength(1);
    const [dial] = twiml.children;
    expect(dial).toMatchObject({
      name: "Dial",
      attrs: {
        timeout: "25",
        record: "record-from-answer-dual",
        recordingStatusCallback: `${APP_URL}/api/webhooks/twilio-voice/${conn.id}/recording`,
        recordingStatusCallbackEvent: "completed",
      },
    });
    expect(dial.children).toEqual([
      {
        name: "Number",
        attrs: {
          statusCallback: `${APP_URL}/api/webhooks/twilio-voice/${conn.id}/status`,
          statusCallbackEvent: "answered",
        },
        text: MANAGER_PHONE,
        children: [],
      },
    ]);

    const child = newSid("CA");
    const answered = {
      CallSid: child,
      ParentCallSid: sid,
      CallStatus: "in-progress",
      To: MANAGER_PHONE,
      From: CLIENT,
      AccountSid: ACCOUNT_SID,
    };
    expect((await send("status", answered)).status).toBe(200);
    expect((await send("status", answered)).status).toBe(200); // Twilio's retry
    const wav = makeWav(0.3);
    const rec = fake.addRecording(wav);
    expect(
      (
        await send("recording", {
          AccountSid: ACCOUNT_SID,
          CallSid: sid,
          RecordingSid: rec.sid,
          RecordingUrl: rec.url,
          RecordingStatus: "completed",
          RecordingDuration: "58",
          RecordingChannels: "2",
          RecordingSource: "DialVerb",
        })
      ).status,
    ).toBe(200);
    expect((await send("status", { ...inbound(sid), CallStatus: "completed", CallDuration: "65" })).status).toBe(200);

    const [call, ...more] = await callsOf(conn.id, sid);
    expect(more).toEqual([]);
    expect(call).toMatchObject({
      status: "answered",
      member_id: a.agent.userId,
      recording_url: rec.url,
      direction: "inbound",
    });
    expect(call.contact_id).not.toBeNull();
    expect(await count("call_events", "call_id = $1", [call.id])).toBe(4);
    expect(await publishedPhases(call.id)).toEqual(["ringing", "answered", "ended"]);

    const detail = (await (
      await oneCall.GET(jsonRequest(`/api/calls/${call.id}`, { token: a.viewer.token }), params({ id: call.id }))
    ).json()) as CallDetail;
    expect(JSON.stringify(detail)).not.toContain(fake.url);
    const audio = await recording.GET(
      new Request(`http://localhost:3000${detail.recordingUrl}`),
      params({ id: call.id }),
    );
    expect(audio.status).toBe(200);
    expect(Buffer.from(await audio.arrayBuffer()).equals(wav)).toBe(true);
    const other = await oneCall.GET(
      jsonRequest(`/api/calls/${call.id}`, { token: b.owner.token }),
      params({ id: call.id }),
    );
    expect(other.status).toBe(404);
  });

  it("makes a call nobody answered a missed call with one call-back task", async () => {
    const sid = newSid("CA");
    await send("voice", { ...inbound(sid), From: "+79035557777" });
    await send("status", { ...inbound(sid), From: "+79035557777", CallStatus: "completed", CallDuration: "30" });
    await send("status", { ...inbound(sid), From: "+79035557777", CallStatus: "completed", CallDuration: "30" });
    const [call] = await callsOf(conn.id, sid);
    expect(call.status).toBe("missed");
    expect(await count("tasks", "dedupe_key = $1", [`call:${call.id}`])).toBe(1);
  });

  it("refuses a wrong or missing signature and stores nothing", async () => {
    const sid = newSid("CA");
    expect((await send("voice", inbound(sid), "bm90IHRoZSBzaWduYXR1cmU=")).status).toBe(403);
    expect((await send("voice", inbound(sid), null)).status).toBe(403);
    expect(await callsOf(conn.id, sid)).toEqual([]);
    expect((await send("voice", { ...inbound(sid), CallSid: "nope" })).status).toBe(400);
  });

  it("click-to-call rings the manager's phone first, then dials the client, and logs the call", async () => {
    const res = await calls.POST(jsonRequest("/api/calls", { token: a.agent.token, body: { phone: CLIENT } }));
    expect(res.status, await res.clone().text()).toBe(202);
    const started = (await res.json()) as { providerCallId: string; source: string };
    expect(started.source).toBe("twilio");
    const made = fake.calls.at(-1)!;
    expect(made.sid).toBe(started.providerCallId);
    expect(made.form).toMatchObject({ To: MANAGER_PHONE, From: NUMBER });
    // The manager's leg, once answered, dials the client with the connection's number as the caller id.
    const twiml = parseTwiml(String(made.form.Twiml));
    expect(twiml.name).toBe("Response");
    expect(twiml.children).toHaveLength(1);
    const [dial] = twiml.children;
    expect(dial).toMatchObject({ name: "Dial", attrs: { callerId: NUMBER } });
    expect(dial.children).toEqual([expect.objectContaining({ name: "Number", text: CLIENT, children: [] })]);
    expect(made.form.StatusCallback).toBe(`${APP_URL}/api/webhooks/twilio-voice/${conn.id}/status`);
    const [call] = await callsOf(conn.id, made.sid);
    expect(call).toMatchObject({ direction: "outbound", member_id: a.agent.userId, status: "ringing" });
  });
});
