import type { Sql } from "@/lib/db";
import { enqueue } from "@/lib/jobs/enqueue";
import { normalizePhone } from "@/lib/inbox/phone";
import type { ConnectionRecord } from "./connections";
import { callEvent, type CallEvent } from "./events";
import { afterMissedCall } from "./missed";
import { recordingShareUrl } from "./recording";

// Every source turns its provider's events into CallUpdates; this module folds them into one call row per
// (connection, provider call id). Events may arrive twice or out of order (a Twilio status callback before the
// answer, Retell's call_analyzed before call_ended): the raw event is keyed for idempotency, and the call's
// fields only ever move forward (a start only earlier, an answer or an end set once, a phase published once).

export type CallPhase = "ringing" | "answered" | "ended";
export type CallOutcome = "missed" | "busy" | "failed" | "unknown";
export type TranscriptTurn = { speaker: "agent" | "client" | "other"; text: string; start?: number };

export type CallUpdate = {
  providerCallId: string;
  /** The raw event's key within the call: the event name, plus what tells two of one name apart. */
  eventKey: string;
  raw: unknown;
  /** When it happened (the provider's time, else receipt). */
  at: Date;
  phase: CallPhase;
  /** An unanswered end: why. */
  outcome?: CallOutcome | null;
  /**
   * With phase "ended": the call is over but its end was not seen (an AMI connection was down when it hung up).
   * The call becomes status "unknown" with no end time rather than an invented one.
   */
  endUnknown?: boolean;
  direction?: "inbound" | "outbound";
  from?: string | null;
  to?: string | null;
  /** The client's number as the provider wrote it; stored as E.164. */
  clientPhone?: string | null;
  /** The manager's extension / code, or their e-mail (seed 001's `employee`), to find the member by. */
  extension?: string | null;
  memberEmail?: string | null;
  startedAt?: Date | null;
  answeredAt?: Date | null;
  endedAt?: Date | null;
  durationSeconds?: number | null;
  recordingUrl?: string | null;
  ai?: boolean;
  transcript?: TranscriptTurn[] | null;
  aiSummary?: string | null;
  aiAnalysis?: unknown;
  contactId?: string | null;
  dealId?: string | null;
};

type CallRow = {
  id: string;
  org_id: string;
  direction: "inbound" | "outbound";
  client_phone: string | null;
  contact_id: string | null;
  member_id: string | null;
  extension: string | null;
  status: string;
  outcome: CallOutcome | null;
  started_at: Date;
  answered_at: Date | null;
  ended_at: Date | null;
  duration_seconds: number | null;
  wait_seconds: number | null;
  recording_url: string | null;
  ai: boolean;
  published_phases: string[];
};

export type RecordResult = { duplicate: boolean; callId: string | null; status?: string; published: string[] };

const earlier = (a: Date, b: Date | null | undefined) => (b && b < a ? b : a);
const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/** The member line a PBX names (`e`: telephony_extensions): its extension, manager code or phone on the connection. */
const extensionOf = (connection: string, name: string) =>
  `e.connection_id = ${connection} and (e.extension = ${name} or e.manager_code = ${name} or e.phone = ${name})`;

/**
 * What an event needs looked up, in one round trip: the caller's contact (found or made by the phone, only when
 * the call has none yet) and the member whose extension, code or e-mail this is on the connection.
 */
async function lookUp(
  sql: Sql,
  conn: ConnectionRecord,
  phone: string | null,
  extension?: string | null,
  email?: string | null,
): Promise<{ contactId: string | null; memberId: string | null; extension: string | null }> {
  const [row] = await sql.query<{ contact_id: string | null; member_id: string | null; extension: string | null }>(
    `select case when $3::text is null then null else private.telephony_contact($1::uuid, $3::text) end as contact_id,
            coalesce(by_ext.user_id, by_mail.user_id) as member_id,
            case when by_ext.user_id is not null then coalesce(by_ext.extension, $4) else coalesce(mail_ext.extension, $4) end
              as extension
       from (select 1) one
       left join lateral (
         select e.user_id, e.extension from public.telephony_extensions e
          where $4::text is not null and ${extensionOf("$2", "$4")}
          limit 1) by_ext on true
       left join lateral (
         select m.user_id from public.memberships m join public.profiles p on p.id = m.user_id
          where by_ext.user_id is null and $5::text is not null and m.org_id = $1 and lower(p.email) = lower($5)
          limit 1) by_mail on true
       left join lateral (
         select e.extension from public.telephony_extensions e
          where e.connection_id = $2 and e.user_id = by_mail.user_id limit 1) mail_ext on true`,
    [conn.orgId, conn.id, phone, extension ?? null, email ?? null],
  );
  return { contactId: row.contact_id, memberId: row.member_id, extension: row.extension };
}

/** Stores one provider event and folds it into its call, in the caller's service transaction. */
export async function recordCallEvent(sql: Sql, conn: ConnectionRecord, u: CallUpdate): Promise<RecordResult> {
  const phone = normalizePhone(u.clientPhone) ?? null;
  const started = u.startedAt ?? u.at;
  // The raw event, and the call's row if this is its first word, in one statement: a duplicate touches nothing.
  // The row is born with the manager whose extension rang, so its realtime change goes to that manager's pop-up
  // alone: born without one, it told every open pop-up to ask the server (a call ringing for everyone).
  const [event] = await sql.query<{ id: string }>(
    `with ev as (
       insert into public.call_events (org_id, connection_id, provider_call_id, event, payload)
       values ($1, $2, $3, $11, $12::jsonb)
       on conflict (connection_id, provider_call_id, event) do nothing returning id),
     call as (
       insert into public.calls (org_id, connection_id, provider_call_id, source, direction, from_number, to_number,
         client_phone, started_at, ai, member_id)
       select $1::uuid, $2::uuid, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::timestamptz,
              $10::boolean,
              (select e.user_id from public.telephony_extensions e
                where $13::text is not null and ${extensionOf("$2", "$13")} limit 1)
        where exists (select 1 from ev)
       on conflict (connection_id, provider_call_id) do nothing)
     select id from ev`,
    [
      conn.orgId,
      conn.id,
      u.providerCallId,
      conn.kind,
      u.direction ?? "inbound",
      u.from?.slice(0, 200) ?? null,
      u.to?.slice(0, 200) ?? null,
      phone,
      started.toISOString(),
      u.ai ?? conn.kind === "retell",
      u.eventKey.slice(0, 300),
      JSON.stringify(u.raw ?? {}),
      u.extension ?? null,
    ],
  );
  if (!event) return { duplicate: true, callId: null, published: [] };

  // The row lock serialises concurrent events of one call, so each sees what the one before it wrote.
  const [call] = await sql.query<CallRow>(
    `select id, org_id, direction, client_phone, contact_id, member_id, extension, status, outcome, started_at,
            answered_at, ended_at, duration_seconds, wait_seconds, recording_url, ai, published_phases
       from public.calls where connection_id = $1 and provider_call_id = $2 for update`,
    [conn.id, u.providerCallId],
  );

  const startedAt = earlier(new Date(call.started_at), started);
  const answeredAt = call.answered_at
    ? new Date(call.answered_at)
    : u.phase === "answered"
      ? (u.answeredAt ?? u.at)
      : (u.answeredAt ?? null);
  const lost = u.phase === "ended" && u.endUnknown === true;
  const endedAt = call.ended_at ? new Date(call.ended_at) : u.phase === "ended" && !lost ? (u.endedAt ?? u.at) : null;
  const outcome =
    call.outcome ?? (lost ? "unknown" : u.phase === "ended" && !answeredAt ? (u.outcome ?? "missed") : null);
  // A call whose end was missed stays "unknown" until an event tells its end.
  const unknown = !endedAt && (lost || call.status === "unknown");
  const status = unknown
    ? "unknown"
    : endedAt && outcome === "unknown"
      ? "unknown"
      : answeredAt
        ? "answered"
        : endedAt
          ? (outcome ?? "missed")
          : "ringing";
  const duration =
    u.durationSeconds ?? call.duration_seconds ?? (answeredAt && endedAt ? seconds(answeredAt, endedAt) : null);
  const wait = answeredAt ? seconds(startedAt, answeredAt) : endedAt ? seconds(startedAt, endedAt) : null;

  const clientPhone = call.client_phone ?? phone;
  const knownContact = call.contact_id ?? u.contactId ?? null;
  const findContact = knownContact ? null : clientPhone;
  // The member is looked up while the call has none, or when someone answers (a ring group's call is theirs).
  const findMember = (u.extension || u.memberEmail) && (!call.member_id || !call.extension || u.phase === "answered");
  const found =
    findContact || findMember
      ? await lookUp(sql, conn, findContact, findMember ? u.extension : null, findMember ? u.memberEmail : null)
      : { contactId: null, memberId: null, extension: null };
  const contactId = knownContact ?? found.contactId;
  // Who answered a ring group is who the call is with; until then, whose phone rang first.
  let memberId = call.member_id;
  let extension = call.extension;
  if (findMember) {
    if (!memberId || !extension || (u.phase === "answered" && found.memberId)) {
      memberId = found.memberId ?? memberId;
      extension = found.extension ?? extension;
    }
  }

  // Phases in order, each once: ringing → answered → ended, or ringing → missed.
  const done = new Set(call.published_phases);
  const due: CallEvent["phase"][] = [];
  if (!done.has("ringing")) due.push("ringing");
  if (answeredAt && !done.has("answered") && !done.has("missed")) due.push("answered");
  const over = !done.has("ended") && !done.has("missed");
  if (over && (status === "unknown" || (endedAt && answeredAt))) due.push("ended");
  else if (over && endedAt && !answeredAt) due.push("missed");

  // One statement: the event linked to its call, and the call with the phases now published.
  await sql.query(
    `with linked as (update public.call_events set call_id = $1 where id = $20)
     update public.calls set started_at = $2, answered_at = $3, ended_at = $4, outcome = $5, status = $6,
        duration_seconds = $7, wait_seconds = $8, client_phone = $9, contact_id = $10, member_id = $11,
        extension = $12, recording_url = coalesce($13, recording_url),
        transcript = coalesce($14::jsonb, transcript), ai_summary = coalesce($15, ai_summary),
        ai_analysis = coalesce($16::jsonb, ai_analysis), deal_id = coalesce(deal_id, $17),
        from_number = coalesce(from_number, $18), to_number = coalesce(to_number, $19),
        published_phases = published_phases || $21::text[]
      where id = $1`,
    [
      call.id,
      startedAt.toISOString(),
      answeredAt?.toISOString() ?? null,
      endedAt?.toISOString() ?? null,
      outcome,
      status,
      duration,
      wait,
      clientPhone,
      contactId,
      memberId,
      extension?.slice(0, 40) ?? null,
      u.recordingUrl?.slice(0, 2000) ?? null,
      u.transcript ? JSON.stringify(u.transcript) : null,
      u.aiSummary?.slice(0, 10000) ?? null,
      u.aiAnalysis === undefined ? null : JSON.stringify(u.aiAnalysis),
      u.dealId ?? null,
      u.from?.slice(0, 200) ?? null,
      u.to?.slice(0, 200) ?? null,
      event.id,
      due,
    ],
  );

  if (due.length === 0) return { duplicate: false, callId: call.id, status, published: [] };

  const payload = {
    callId: call.id,
    source: conn.kind,
    connectionId: conn.id,
    direction: call.direction,
    clientPhone,
    contactId,
    memberId,
    extension,
    status,
    startedAt: startedAt.toISOString(),
    answeredAt: answeredAt?.toISOString() ?? null,
    endedAt: endedAt?.toISOString() ?? null,
    durationSeconds: duration,
    waitSeconds: wait,
    recordingUrl: (u.recordingUrl ?? call.recording_url) ? recordingShareUrl(call.id) : null,
    ai: call.ai,
  } satisfies Omit<CallEvent, "phase">;
  for (const phase of due) {
    await enqueue(callEvent, { ...payload, phase }, { sql, orgId: conn.orgId, dedupeKey: `${call.id}:${phase}` });
  }
  if (due.includes("missed") && call.direction === "inbound") {
    await afterMissedCall(sql, { orgId: conn.orgId, callId: call.id, contactId, memberId, clientPhone });
  }
  return { duplicate: false, callId: call.id, status, published: due };
}
