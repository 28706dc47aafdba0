import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { parseWith } from "@/lib/api/handler";
import { parseJsonText } from "@/lib/api/body";
import { WebhookAuthError } from "@/lib/channels/types";
import type { ConnectionRecord } from "./connections";
import type { CallUpdate } from "./store";

// Seed 001's Asterisk bridge (asterisk.py): it posts call.incoming / outgoing / answered / finished / missed
// with the seed's call fields to /api/webhooks/asterisk/<connectionId>, with the connection's shared secret in
// X-Relay-Secret; click-to-call is its GET /api/makecallexternal?code=&phone=&clientId=.

export const BRIDGE_EVENTS = [
  "call.incoming",
  "call.outgoing",
  "call.answered",
  "call.finished",
  "call.missed",
] as const;

const providerId = z.string().trim().min(1, "is required").max(256);
/** Seed 001 writes "2025-08-03 14:30:00" (the bridge's UTC); an ISO time with an offset is read as such. */
const bridgeDate = z
  .string()
  .max(40)
  .transform((v, ctx) => {
    const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(v) ? `${v.replace(" ", "T")}Z` : v;
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "must be a date such as 2025-08-03 14:30:00" });
      return z.NEVER;
    }
    return d;
  });

export const bridgeEventSchema = z
  .object({
    event: z.enum(BRIDGE_EVENTS),
    callId: providerId.optional(),
    call_id: providerId.optional(),
    phone: z.string().max(64).nullish(),
    type: z.enum(["incoming", "outgoing"]).optional(),
    status: z.string().max(40).nullish(),
    duration: z.coerce
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .nullish(),
    date: bridgeDate.nullish(),
    employee: z.string().max(254).nullish(),
    /** The manager's extension (seed 001's `code`). */
    code: z.string().max(40).nullish(),
    extension: z.string().max(40).nullish(),
    recording: z.url().max(2000).nullish(),
  })
  .refine((e) => e.callId ?? e.call_id, { path: ["callId"], message: "is required" });
export type BridgeEvent = z.output<typeof bridgeEventSchema>;

/** Checks the shared secret: missing 401, wrong 403; a connection without one refuses everything. */
export function verifyBridge(conn: ConnectionRecord, headers: Headers): void {
  const secret = conn.secrets.webhookSecret;
  if (!secret) throw new WebhookAuthError("this connection has no webhook secret to check", 403);
  const bearer = headers.get("authorization")?.replace(/^Bearer\s+/i, "");
  const given = headers.get("x-relay-secret") ?? bearer;
  if (!given) throw new WebhookAuthError("X-Relay-Secret header is missing", 401);
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new WebhookAuthError("X-Relay-Secret does not match", 403);
}

const OUTCOMES: Record<string, CallUpdate["outcome"]> = {
  busy: "busy",
  failed: "failed",
  congestion: "failed",
  chanunavail: "failed",
  noanswer: "missed",
  no_answer: "missed",
  "no answer": "missed",
  missed: "missed",
  cancel: "missed",
  canceled: "missed",
  cancelled: "missed",
};

export function bridgeUpdate(raw: unknown): CallUpdate {
  const e = parseWith(bridgeEventSchema, raw, "body");
  const at = e.date ?? new Date();
  const status = (e.status ?? "").toLowerCase();
  const answeredByStatus = ["completed", "answered", "answer", "success"].includes(status) && (e.duration ?? 0) > 0;
  const base = {
    providerCallId: (e.callId ?? e.call_id)!,
    eventKey: e.event,
    raw,
    at,
    clientPhone: e.phone ?? null,
    extension: e.code ?? e.extension ?? null,
    memberEmail: e.employee?.includes("@") ? e.employee : null,
    direction: e.type === "outgoing" || e.event === "call.outgoing" ? ("outbound" as const) : undefined,
    recordingUrl: e.recording ?? null,
  };
  if (!base.extension && e.employee && !e.employee.includes("@")) base.extension = e.employee;
  switch (e.event) {
    case "call.incoming":
      return { ...base, direction: base.direction ?? "inbound", phase: "ringing" };
    case "call.outgoing":
      return { ...base, phase: "ringing" };
    case "call.answered":
      return { ...base, phase: "answered" };
    case "call.missed":
      return { ...base, phase: "ended", outcome: "missed", durationSeconds: 0 };
    case "call.finished": {
      const answered = answeredByStatus || status === "";
      return {
        ...base,
        phase: "ended",
        endedAt: at,
        // A finished call that was talked over: the answer is duration seconds before its end.
        answeredAt: answered && e.duration ? new Date(at.getTime() - e.duration * 1000) : null,
        durationSeconds: e.duration ?? null,
        outcome: OUTCOMES[status] ?? (answered ? null : "missed"),
      };
    }
  }
}

export const parseBridgeBody = (rawBody: Uint8Array) => parseJsonText(new TextDecoder().decode(rawBody), "body");

/** Seed 001's click-to-call: the bridge rings the manager's extension, then dials the client. */
export async function bridgeMakeCall(conn: ConnectionRecord, extension: string, phone: string): Promise<void> {
  const base = String(conn.config.bridgeBaseUrl ?? "");
  const url = new URL(`${base}/api/makecallexternal`);
  url.searchParams.set("code", extension);
  url.searchParams.set("phone", phone);
  url.searchParams.set("clientId", conn.secrets.clientId ?? "");
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new ApiError("unavailable", `the Asterisk bridge could not be reached: ${(error as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) throw new ApiError("unavailable", `the Asterisk bridge answered ${res.status}: ${text.slice(0, 200)}`);
}

/** "Test connection": the bridge's /api/monitor answers for this clientId. */
export async function bridgeTest(conn: ConnectionRecord): Promise<void> {
  const url = new URL(`${String(conn.config.bridgeBaseUrl ?? "")}/api/monitor`);
  url.searchParams.set("clientId", conn.secrets.clientId ?? "");
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  await res.body?.cancel();
  if (res.status === 401 || res.status === 403) throw new Error("the bridge refused the clientId");
  if (!res.ok) throw new Error(`the bridge answered ${res.status}`);
}
