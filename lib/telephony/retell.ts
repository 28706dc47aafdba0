import Retell from "retell-sdk";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { parseWith } from "@/lib/api/handler";
import { parseJsonText } from "@/lib/api/body";
import { WebhookAuthError } from "@/lib/channels/types";
import { env } from "@/lib/env";
import type { ConnectionRecord } from "./connections";
import type { CallOutcome, CallUpdate, TranscriptTurn } from "./store";
import type { TelephonyDelivery } from "./webhook";

// Retell AI voice agent (seed 000): call_started / call_ended / call_analyzed webhooks signed with the API key
// (x-retell-signature, checked by the SDK's own Retell.verify — async since 5.60, so it is awaited: a bare
// `!Retell.verify(...)` is always false and would accept every forgery). Outbound "AI call" through the SDK's
// createPhoneCall with our ids in metadata, which Retell echoes in every webhook. Calls only, never chats.

export const RETELL_EVENTS = ["call_started", "call_ended", "call_analyzed"] as const;

const ms = z.number().int().nonnegative();
const callSchema = z.object({
  call_id: z.string().min(1).max(256),
  agent_id: z.string().max(256).optional(),
  call_type: z.string().max(40).optional(),
  call_status: z.string().max(40).optional(),
  direction: z.enum(["inbound", "outbound"]).optional(),
  from_number: z.string().max(64).nullish(),
  to_number: z.string().max(64).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  start_timestamp: ms.nullish(),
  end_timestamp: ms.nullish(),
  duration_ms: ms.nullish(),
  disconnection_reason: z.string().max(100).nullish(),
  transcript: z.string().max(200_000).nullish(),
  transcript_object: z
    .array(
      z.object({ role: z.string().max(40), content: z.string().max(20_000), words: z.array(z.unknown()).optional() }),
    )
    .max(2_000)
    .nullish(),
  recording_url: z.url().max(2000).nullish(),
  call_analysis: z
    .object({
      call_summary: z.string().max(10_000).nullish(),
      user_sentiment: z.string().max(40).nullish(),
      call_successful: z.boolean().nullish(),
      in_voicemail: z.boolean().nullish(),
      custom_analysis_data: z.unknown().optional(),
    })
    .passthrough()
    .nullish(),
});
export const retellWebhookSchema = z.object({ event: z.string().min(1).max(60), call: callSchema });

const DIAL_OUTCOMES: Record<string, CallOutcome> = {
  dial_busy: "busy",
  dial_failed: "failed",
  dial_no_answer: "missed",
  voicemail_reached: "missed",
};

function turns(call: z.infer<typeof callSchema>): TranscriptTurn[] | null {
  if (call.transcript_object?.length) {
    return call.transcript_object.map((t) => ({
      speaker: t.role === "agent" ? "agent" : t.role === "user" ? "client" : "other",
      text: t.content,
      start: (t.words?.[0] as { start?: number } | undefined)?.start,
    }));
  }
  if (!call.transcript) return null;
  return call.transcript
    .split("\n")
    .map((line) => /^(Agent|User):\s*(.*)$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => !!m && !!m[2])
    .map((m) => ({ speaker: m[1] === "Agent" ? "agent" : "client", text: m[2] }));
}

const uuidOr = (v: unknown) => (typeof v === "string" && z.uuid().safeParse(v).success ? v : null);

export async function handleRetell(conn: ConnectionRecord, d: TelephonyDelivery) {
  const apiKey = conn.secrets.apiKey;
  if (!apiKey) throw new WebhookAuthError("this connection has no Retell API key to check signatures with", 403);
  const signature = d.headers.get("x-retell-signature");
  if (!signature) throw new WebhookAuthError("x-retell-signature header is missing", 401);
  const body = new TextDecoder().decode(d.rawBody);
  if (!(await Retell.verify(body, apiKey, signature)))
    throw new WebhookAuthError("x-retell-signature does not match this body", 403);
  const { event, call } = parseWith(retellWebhookSchema, parseJsonText(body, "body"), "body");
  if (!(RETELL_EVENTS as readonly string[]).includes(event)) return { updates: [] };
  const inbound = call.direction !== "outbound";
  const started = call.start_timestamp ? new Date(call.start_timestamp) : null;
  const ended = call.end_timestamp ? new Date(call.end_timestamp) : null;
  const notConnected = call.call_status === "not_connected" || !!DIAL_OUTCOMES[call.disconnection_reason ?? ""];
  const base: Omit<CallUpdate, "phase"> = {
    providerCallId: call.call_id,
    eventKey: event,
    raw: JSON.parse(body),
    at: new Date(),
    direction: inbound ? "inbound" : "outbound",
    from: call.from_number,
    to: call.to_number,
    clientPhone: inbound ? call.from_number : call.to_number,
    ai: true,
    startedAt: started,
    contactId: uuidOr(call.metadata?.contact_id),
    dealId: uuidOr(call.metadata?.deal_id),
    recordingUrl: call.recording_url ?? null,
    transcript: turns(call),
    aiSummary: call.call_analysis?.call_summary ?? null,
    aiAnalysis: call.call_analysis ?? undefined,
  };
  if (event === "call_started") return { updates: [{ ...base, phase: "answered" as const, answeredAt: started }] };
  // call_ended and call_analyzed both describe the finished call (either may come first).
  const update: CallUpdate = notConnected
    ? { ...base, phase: "ended", endedAt: ended, outcome: DIAL_OUTCOMES[call.disconnection_reason ?? ""] ?? "failed" }
    : {
        ...base,
        phase: "ended",
        answeredAt: started,
        endedAt: ended,
        durationSeconds: call.duration_ms != null ? Math.round(call.duration_ms / 1000) : null,
      };
  return { updates: [update], analyze: !notConnected && !!update.transcript?.length };
}

export function retellClient(conn: ConnectionRecord) {
  return new Retell({ apiKey: conn.secrets.apiKey, baseURL: env().RETELL_API_BASE_URL ?? undefined, maxRetries: 2 });
}

/** The outbound "AI call": the configured agent calls the client from its number. */
export async function retellCreateCall(
  conn: ConnectionRecord,
  phone: string,
  ctx: { orgId: string; contactId: string | null; dealId: string | null },
) {
  try {
    return await retellClient(conn).call.createPhoneCall({
      from_number: String(conn.config.fromNumber),
      to_number: phone,
      override_agent_id: String(conn.config.agentId),
      metadata: { org_id: ctx.orgId, contact_id: ctx.contactId, deal_id: ctx.dealId, connection_id: conn.id },
    });
  } catch (error) {
    throw new ApiError("unavailable", `Retell refused the call: ${(error as Error).message}`);
  }
}

export async function retellTest(conn: ConnectionRecord) {
  await retellClient(conn).agent.retrieve(String(conn.config.agentId));
}
