import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { asService, type Sql } from "@/lib/db";
import { normalizePhone, parseTypedPhone } from "@/lib/inbox/phone";
import { amiMakeCall } from "./ami/originate";
import { bridgeMakeCall } from "./bridge";
import { recordCallEvent, type CallUpdate } from "./store";
import { twilioMakeCall } from "./twilio-voice";
import { retellCreateCall } from "./retell";
import { loadConnectionRecord, type ConnectionKind, type ConnectionRecord } from "./connections";

// Click-to-call: the member's phone rings first through the source they have an extension on, then the
// client's. The call's row is made by the events that follow (the bridge's call.outgoing, Twilio's and
// Retell's callbacks), so a started call is logged once, the same way as one dialled on the desk phone.

export const startCallSchema = z.object({
  phone: z.string().trim().min(3).max(40),
  contactId: z.uuid().optional(),
  dealId: z.uuid().optional(),
  /** Which connection to call through; by default the first the member has an extension on. */
  connectionId: z.uuid().optional(),
});
export const startedCallSchema = z.object({
  status: z.literal("requested"),
  source: z.enum(["asterisk_bridge", "asterisk_ami", "twilio", "retell"]),
  connectionId: z.uuid(),
  phone: z.string(),
  /** The provider's id of the call when it gives one at once (Twilio, AMI). */
  providerCallId: z.string().nullable(),
});
export type StartedCall = z.infer<typeof startedCallSchema>;

type Dialer = (
  conn: ConnectionRecord,
  ext: { extension: string | null; phone: string | null; userId: string },
  phone: string,
  ctx: { orgId: string; contactId: string | null; dealId: string | null },
) => Promise<string | null>;

const dialers: Partial<Record<ConnectionKind, Dialer>> = {
  async asterisk_bridge(conn, ext, phone) {
    if (!ext.extension) throw new ApiError("conflict", "you have no extension on this connection");
    await bridgeMakeCall(conn, ext.extension, phone);
    return null;
  },
  async asterisk_ami(conn, ext, phone, ctx) {
    if (!ext.extension) throw new ApiError("conflict", "you have no extension on this connection");
    // Logged first under the Originate's ChannelId (the call's Linkedid), so the PBX's events find the row.
    const callId = randomUUID();
    const log = (u: Partial<CallUpdate> & Pick<CallUpdate, "eventKey" | "phase">) =>
      asService((sql) =>
        recordCallEvent(sql, conn, {
          providerCallId: callId,
          raw: { channelId: callId, extension: ext.extension, phone },
          at: new Date(),
          direction: "outbound",
          to: phone,
          clientPhone: phone,
          extension: ext.extension,
          contactId: ctx.contactId,
          dealId: ctx.dealId,
          ...u,
        }),
      );
    await log({ eventKey: "originate", phase: "ringing" });
    try {
      await amiMakeCall(conn, callId, ext.extension, phone);
    } catch (error) {
      await log({ eventKey: "originate-failed", phase: "ended", outcome: "failed", raw: { error: String(error) } });
      throw error;
    }
    return callId;
  },
  async twilio(conn, ext, phone, ctx) {
    const call = await twilioMakeCall(conn, ext, phone);
    // Logged at once (Twilio gave its id): the status callbacks that follow find the row.
    await asService((sql) =>
      recordCallEvent(sql, conn, {
        providerCallId: call.sid,
        eventKey: "originate",
        raw: { sid: call.sid },
        at: new Date(),
        phase: "ringing",
        direction: "outbound",
        from: call.from,
        to: call.to,
        clientPhone: phone,
        extension: ext.phone,
        contactId: ctx.contactId,
        dealId: ctx.dealId,
      }),
    );
    return call.sid;
  },
};

const PREFERENCE: ConnectionKind[] = ["asterisk_bridge", "asterisk_ami", "twilio"];

export type CallPlan = {
  connectionId: string;
  kind: ConnectionKind;
  ext: { extension: string | null; phone: string | null; userId: string };
  phone: string;
  ctx: { orgId: string; contactId: string | null; dealId: string | null };
};

/** Checks the request in the member's transaction (RLS): the number, the contact, the member's extension. */
export async function planCall(
  sql: Sql,
  orgId: string,
  userId: string | null,
  input: z.output<typeof startCallSchema>,
): Promise<CallPlan> {
  const phone = parseTypedPhone(input.phone) ?? normalizePhone(input.phone);
  if (!phone) throw new ApiError("bad_request", "phone: not a phone number");
  if (!userId) throw new ApiError("forbidden", "click-to-call rings a member's phone: sign in as a member");
  if (input.contactId) {
    const [c] = await sql.query("select 1 from public.contacts where org_id = $1 and id = $2", [
      orgId,
      input.contactId,
    ]);
    if (!c) throw new ApiError("not_found", "no such contact");
  }
  const options = await sql.query<{
    connection_id: string;
    kind: ConnectionKind;
    extension: string | null;
    phone: string | null;
  }>(
    `select e.connection_id, t.kind, e.extension, e.phone from public.telephony_extensions e
       join public.telephony_connections t on t.id = e.connection_id
      where e.org_id = $1 and e.user_id = $2 and t.enabled and t.kind <> 'retell'
        and ($3::uuid is null or t.id = $3)`,
    [orgId, userId, input.connectionId ?? null],
  );
  options.sort((a, b) => PREFERENCE.indexOf(a.kind) - PREFERENCE.indexOf(b.kind));
  const pick = options[0];
  if (!pick)
    throw new ApiError("conflict", "you have no extension on a telephony connection: set one in Settings → Telephony");
  if (!dialers[pick.kind]) throw new ApiError("conflict", `click-to-call is not available through ${pick.kind}`);
  return {
    connectionId: pick.connection_id,
    kind: pick.kind,
    ext: { extension: pick.extension, phone: pick.phone, userId },
    phone,
    ctx: { orgId, contactId: input.contactId ?? null, dealId: input.dealId ?? null },
  };
}

/** Asks the provider to place the planned call (after the member's transaction: it may take seconds). */
export async function placeCall(plan: CallPlan): Promise<StartedCall> {
  const conn = await asService((s) => loadConnectionRecord(s, plan.connectionId));
  if (!conn) throw new ApiError("not_found", "no such telephony connection");
  const providerCallId = await dialers[plan.kind]!(conn, plan.ext, plan.phone, plan.ctx);
  return { status: "requested", source: plan.kind, connectionId: conn.id, phone: plan.phone, providerCallId };
}

export const aiCallSchema = startCallSchema.omit({ connectionId: true }).extend({
  /** Which Retell agent connection; by default the organisation's first. */
  connectionId: z.uuid().optional(),
});

/** "AI call": checks the number, contact and that a Retell agent is connected (RLS). */
export async function planAiCall(sql: Sql, orgId: string, input: z.output<typeof aiCallSchema>) {
  const phone = parseTypedPhone(input.phone) ?? normalizePhone(input.phone);
  if (!phone) throw new ApiError("bad_request", "phone: not a phone number");
  if (input.contactId) {
    const [c] = await sql.query("select 1 from public.contacts where org_id = $1 and id = $2", [
      orgId,
      input.contactId,
    ]);
    if (!c) throw new ApiError("not_found", "no such contact");
  }
  const [conn] = await sql.query<{ id: string }>(
    `select id from public.telephony_connections where org_id = $1 and kind = 'retell' and enabled
        and ($2::uuid is null or id = $2) order by created_at limit 1`,
    [orgId, input.connectionId ?? null],
  );
  if (!conn) throw new ApiError("conflict", "no Retell AI agent is connected: add one in Settings → Telephony");
  return {
    connectionId: conn.id,
    phone,
    ctx: { orgId, contactId: input.contactId ?? null, dealId: input.dealId ?? null },
  };
}

/** Asks Retell to call and logs the call at once under Retell's call id (its webhooks then find the row). */
export async function placeAiCall(plan: Awaited<ReturnType<typeof planAiCall>>): Promise<StartedCall> {
  const conn = await asService((s) => loadConnectionRecord(s, plan.connectionId));
  if (!conn) throw new ApiError("not_found", "no such telephony connection");
  const call = await retellCreateCall(conn, plan.phone, plan.ctx);
  await asService((sql) =>
    recordCallEvent(sql, conn, {
      providerCallId: call.call_id,
      eventKey: "create-phone-call",
      raw: call,
      at: new Date(),
      phase: "ringing",
      direction: "outbound",
      from: call.from_number,
      to: call.to_number,
      clientPhone: plan.phone,
      ai: true,
      contactId: plan.ctx.contactId,
      dealId: plan.ctx.dealId,
    }),
  );
  return {
    status: "requested",
    source: "retell",
    connectionId: conn.id,
    phone: plan.phone,
    providerCallId: call.call_id,
  };
}
