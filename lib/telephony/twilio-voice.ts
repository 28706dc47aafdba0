import twilio from "twilio";
import { ApiError } from "@/lib/api/errors";
import { twilioApi } from "@/lib/channels/twilio/client";
import { decodeForm } from "@/lib/channels/twilio/form";
import { WebhookAuthError } from "@/lib/channels/types";
import type { Sql } from "@/lib/db";
import { normalizePhone } from "@/lib/inbox/phone";
import { connectionWebhookUrl, type ConnectionRecord } from "./connections";
import type { CallOutcome, CallUpdate } from "./store";
import type { TelephonyDelivery } from "./webhook";

// Twilio Voice. The number's voice URL (/voice) answers TwiML that rings the assigned manager's phone or SIP
// address and records from answer, its status callback (/status) and the recording callback (/recording)
// update the call; each is verified with X-Twilio-Signature over the public URL, as WhatsApp through Twilio
// is. The parent call is the client's leg (inbound) or the manager's (click-to-call); the Dial's child leg
// answering is when the client and the manager talk, so that is "answered".

const { VoiceResponse } = twilio.twiml;

export const TWILIO_HOOKS = ["voice", "status", "recording"] as const;

function verify(conn: ConnectionRecord, d: TelephonyDelivery, params: Record<string, string | string[]>) {
  const token = conn.secrets.authToken;
  if (!token) throw new WebhookAuthError("this connection has no Twilio auth token to check signatures with", 403);
  const signature = d.headers.get("x-twilio-signature");
  if (!signature) throw new WebhookAuthError("X-Twilio-Signature header is missing", 403);
  if (!twilio.validateRequest(token, signature, d.url, params))
    throw new WebhookAuthError("X-Twilio-Signature does not match this request", 403);
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const sidOf = (v: string, field: string) => {
  if (!/^CA[0-9a-fA-F]{32}$/.test(v)) throw new ApiError("bad_request", `body: ${field}: must be a Twilio Call SID`);
  return v;
};

const TERMINAL: Record<string, CallOutcome | null> = {
  completed: null,
  busy: "busy",
  "no-answer": "missed",
  canceled: "missed",
  failed: "failed",
};

/** Whom Twilio rings for a call to the number: every member with a phone on the connection (a ring group). */
async function memberPhones(sql: Sql, conn: ConnectionRecord): Promise<string[]> {
  const rows = await sql.query<{ phone: string }>(
    "select phone from public.telephony_extensions where connection_id = $1 and phone is not null order by created_at",
    [conn.id],
  );
  return rows.map((r) => r.phone);
}

const hookUrl = (conn: ConnectionRecord, hook: (typeof TWILIO_HOOKS)[number]) =>
  connectionWebhookUrl("twilio", conn.id)!.replace(/\/voice$/, `/${hook}`);

/** The TwiML that rings the managers and records the conversation. */
export function dialTwiml(conn: ConnectionRecord, targets: string[], callerId?: string): string {
  const response = new VoiceResponse();
  if (targets.length === 0) {
    response.say({ language: "en-US" }, "Sorry, nobody can take your call right now.");
    response.hangup();
    return response.toString();
  }
  const dial = response.dial({
    ...(callerId ? { callerId } : {}),
    timeout: 25,
    ...(conn.config.record === false
      ? {}
      : {
          record: "record-from-answer-dual" as const,
          recordingStatusCallback: hookUrl(conn, "recording"),
          recordingStatusCallbackEvent: ["completed"],
        }),
  });
  for (const target of targets) {
    const attrs = { statusCallback: hookUrl(conn, "status"), statusCallbackEvent: ["answered" as const] };
    if (target.startsWith("sip:") || target.startsWith("sips:")) dial.sip(attrs, target);
    else dial.number(attrs, target);
  }
  return response.toString();
}

export async function handleTwilio(conn: ConnectionRecord, d: TelephonyDelivery, sql: Sql) {
  const params = decodeForm(new TextDecoder().decode(d.rawBody));
  verify(conn, d, params);
  const p = (k: string) => one(params[k]);
  const at = new Date();
  switch (d.sub) {
    case "voice": {
      const sid = sidOf(p("CallSid"), "CallSid");
      const inbound = p("Direction") === "inbound";
      const targets = inbound ? await memberPhones(sql, conn) : [];
      const update: CallUpdate = {
        providerCallId: sid,
        eventKey: "voice",
        raw: params,
        at,
        phase: "ringing",
        direction: inbound ? "inbound" : "outbound",
        from: p("From"),
        to: p("To"),
        clientPhone: inbound ? p("From") : p("To"),
        extension: targets.length === 1 ? targets[0] : null,
      };
      const twiml = dialTwiml(conn, targets);
      return {
        updates: [update],
        respond: async () => new Response(twiml, { headers: { "content-type": "text/xml; charset=utf-8" } }),
      };
    }
    case "status": {
      const sid = sidOf(p("CallSid"), "CallSid");
      const parent = p("ParentCallSid");
      const status = p("CallStatus");
      const base = { raw: params, at, eventKey: `status:${sid}:${status}` };
      if (parent) {
        // The Dial's child leg: the manager (inbound) or the client (click-to-call) picked up.
        if (status !== "in-progress" && status !== "answered") return { updates: [] };
        const memberSide = normalizePhone(p("To")) ?? p("To");
        return {
          updates: [
            {
              ...base,
              providerCallId: sidOf(parent, "ParentCallSid"),
              phase: "answered" as const,
              extension: memberSide,
            },
          ],
        };
      }
      if (!(status in TERMINAL)) return { updates: [{ ...base, providerCallId: sid, phase: "ringing" as const }] };
      return {
        updates: [{ ...base, providerCallId: sid, phase: "ended" as const, outcome: TERMINAL[status] ?? undefined }],
      };
    }
    case "recording": {
      const sid = sidOf(p("CallSid"), "CallSid");
      if (p("RecordingStatus") !== "completed") return { updates: [] };
      const url = p("RecordingUrl");
      if (!/^https?:\/\//.test(url)) throw new ApiError("bad_request", "body: RecordingUrl: must be a URL");
      return {
        updates: [
          {
            providerCallId: sid,
            eventKey: `recording:${p("RecordingSid")}`,
            raw: params,
            at,
            phase: "ringing" as const,
            recordingUrl: url,
          },
        ],
      };
    }
    default:
      throw new ApiError("not_found", "no such Twilio Voice webhook");
  }
}

/** Click-to-call: Twilio rings the manager's phone first; when they answer, the TwiML dials the client. */
export async function twilioMakeCall(
  conn: ConnectionRecord,
  ext: { phone: string | null },
  phone: string,
): Promise<{ sid: string; from: string; to: string }> {
  if (!ext.phone) throw new ApiError("conflict", "you have no phone or SIP address on this Twilio connection");
  const number = String(conn.config.number);
  const { client } = twilioApi({ accountSid: String(conn.config.accountSid) }, {
    authToken: conn.secrets.authToken,
  } as never);
  const twiml = dialTwiml(conn, [phone], number);
  try {
    const call = await client.calls.create({
      to: ext.phone,
      from: number,
      twiml,
      statusCallback: hookUrl(conn, "status"),
      statusCallbackEvent: ["initiated", "ringing", "answered", "completed"],
    });
    return { sid: call.sid, from: number, to: phone };
  } catch (error) {
    throw new ApiError("unavailable", `Twilio refused the call: ${(error as Error).message}`);
  }
}

/** "Test connection": the account answers with these credentials. */
export async function twilioTest(conn: ConnectionRecord) {
  const { client } = twilioApi({ accountSid: String(conn.config.accountSid) }, {
    authToken: conn.secrets.authToken,
  } as never);
  await client.api.v2010.accounts(String(conn.config.accountSid)).fetch();
}
