import type { ToolCall } from "@/lib/ai/openai/reply";
import { asService, type Sql } from "@/lib/db";
import { normalizePhone } from "@/lib/inbox/phone";
import { scheduleClientReminder } from "@/lib/tasks/appointment-reminder";
import type { AssistantContext } from "./context";
import { notify } from "./notifications";
import { freeSlots, type Slot } from "./slots";

// What the assistant's tools do. Each runs in its own service transaction and is safe to repeat (a retried
// job may call it again): the lead is upserted, one open call-back per conversation, a booking of the same
// slot by the same contact is the same booking, a hand-off already in place notifies no one twice.

export type ToolEffects = { handoff: { reason: string } | null; calls: string[] };

export type ToolOptions = {
  /**
   * A person answers this conversation anyway (draft mode, or an agent asking for a draft): a hand-off only
   * means "no draft", so the conversation is not flagged and no one is notified.
   */
  personAnswers?: boolean;
};

const trim = (s: string | null | undefined, max: number) => (s?.trim() ? s.trim().slice(0, max) : null);

export async function bookedStarts(sql: Sql, orgId: string): Promise<Date[]> {
  const rows = await sql.query<{ starts_at: Date }>(
    `select starts_at from public.appointments
      where org_id = $1 and status = 'booked' and starts_at > now() and starts_at < now() + interval '8 days'`,
    [orgId],
  );
  return rows.map((r) => new Date(r.starts_at));
}

export async function loadFreeSlots(ctx: AssistantContext): Promise<Slot[]> {
  const booked = await asService((sql) => bookedStarts(sql, ctx.orgId));
  return freeSlots(ctx.settings.availability, booked);
}

async function upsertLead(ctx: AssistantContext, args: Extract<ToolCall, { name: "upsert_lead" }>["arguments"]) {
  const phone = normalizePhone(args.phone) ?? null;
  await asService(async (sql) => {
    await sql.query(
      `insert into public.leads (org_id, contact_id, source, channel_id, instance_name, name, phone, need, budget)
       values ($1, $2, 'assistant', $3,
               -- seed 004's instance: the Evolution instance behind the channel, null on other channels
               (select left(ch.config ->> 'instanceName', 200) from public.channels ch
                 where ch.org_id = $1 and ch.id = $3 and ch.type = 'evolution'),
               $4, $5, $6, $7)
       on conflict (org_id, contact_id) do update set
         name = coalesce(excluded.name, leads.name), phone = coalesce(excluded.phone, leads.phone),
         need = coalesce(excluded.need, leads.need), budget = coalesce(excluded.budget, leads.budget),
         channel_id = coalesce(leads.channel_id, excluded.channel_id)`,
      [
        ctx.orgId,
        ctx.contactId,
        ctx.channelId,
        trim(args.name, 200),
        phone ?? trim(args.phone, 50),
        trim(args.need, 2000),
        trim(args.budget, 200),
      ],
    );
    // The contact card keeps what a person typed; the assistant only fills blanks.
    await sql.query(
      `update public.contacts
          set name = case when name = '' and $3::text is not null then $3 else name end,
              phone = coalesce(phone, $4)
        where org_id = $1 and id = $2`,
      [ctx.orgId, ctx.contactId, trim(args.name, 200), phone],
    );
  });
  return "The lead is saved.";
}

/** One open call-back task per conversation; true when this call created it. */
export async function createCallbackTask(
  ctx: AssistantContext,
  args: Extract<ToolCall, { name: "request_callback" }>["arguments"],
): Promise<boolean> {
  const phone = trim(args.phone, 50) ?? ctx.contactPhone;
  return asService(async (sql) => {
    const [open] = await sql.query(
      `select 1 from public.tasks where org_id = $1 and conversation_id = $2 and kind = 'callback'
          and status = 'open' and source = 'assistant'`,
      [ctx.orgId, ctx.conversationId],
    );
    if (open) return false;
    const title = `Call back ${ctx.contactName || phone || "the client"}`.slice(0, 500);
    await sql.query(
      `insert into public.tasks (org_id, kind, title, notes, contact_id, conversation_id, phone, preferred_time,
         assignee_id, source, created_by)
       values ($1, 'callback', $2, $3, $4, $5, $6, $7, $8, 'assistant', null)`,
      [
        ctx.orgId,
        title,
        args.note.slice(0, 5000),
        ctx.contactId,
        ctx.conversationId,
        phone,
        trim(args.preferredTime, 200),
        ctx.assigneeId,
      ],
    );
    await notify(sql, {
      orgId: ctx.orgId,
      userId: ctx.assigneeId,
      kind: "callback",
      title,
      body: [args.preferredTime, phone, args.note].filter(Boolean).join(" · "),
      conversationId: ctx.conversationId,
      contactId: ctx.contactId,
    });
    return true;
  });
}

async function requestCallback(
  ctx: AssistantContext,
  args: Extract<ToolCall, { name: "request_callback" }>["arguments"],
) {
  return (await createCallbackTask(ctx, args))
    ? "A manager will call the client back; tell the client so."
    : "A call-back is already requested; a manager will call.";
}

/** Books a free slot for the contact: booked (now or already), taken by someone else, or not a free slot. */
export async function bookSlot(
  ctx: AssistantContext,
  args: { slot: string; note: string | null },
  slots: Slot[],
): Promise<"booked" | "taken" | "unavailable"> {
  const slot = slots.find((s) => s.label === args.slot);
  if (!slot) return "unavailable";
  return asService(async (sql) => {
    const [mine] = await sql.query(
      `select 1 from public.appointments
        where org_id = $1 and contact_id = $2 and starts_at = $3 and status = 'booked'`,
      [ctx.orgId, ctx.contactId, slot.startsAt.toISOString()],
    );
    if (mine) return "booked" as const;
    // The partial unique index refuses a second booking of the slot, whoever made the first.
    const [row] = await sql.query<{ id: string }>(
      `insert into public.appointments (org_id, contact_id, conversation_id, starts_at, ends_at, note, source,
         created_by)
       values ($1, $2, $3, $4, $5, $6, 'assistant', null)
       on conflict (org_id, starts_at) where status = 'booked' do nothing
       returning id`,
      [
        ctx.orgId,
        ctx.contactId,
        ctx.conversationId,
        slot.startsAt.toISOString(),
        slot.endsAt.toISOString(),
        trim(args.note, 2000),
      ],
    );
    if (!row) return "taken" as const;
    await scheduleClientReminder(ctx.orgId, row.id, slot.startsAt, sql);
    await notify(sql, {
      orgId: ctx.orgId,
      userId: ctx.assigneeId,
      kind: "appointment",
      title: `Appointment booked: ${ctx.contactName || "client"}, ${slot.label}`.slice(0, 300),
      body: `${slot.label} (${ctx.settings.availability.timezone})${args.note ? ` · ${args.note}` : ""}`,
      conversationId: ctx.conversationId,
      contactId: ctx.contactId,
    });
    return "booked" as const;
  });
}

async function bookAppointment(ctx: AssistantContext, args: { slot: string; note: string | null }, slots: Slot[]) {
  const outcome = await bookSlot(ctx, args, slots);
  const slot = slots.find((s) => s.label === args.slot);
  if (outcome === "unavailable" || !slot)
    return `The slot "${args.slot}" is not available. Offer one of the free slots.`;
  return outcome === "booked"
    ? `Booked for ${slot.label} (${ctx.settings.availability.timezone}). Confirm it to the client.`
    : `The slot ${slot.label} was just taken by someone else. Offer another free slot.`;
}

/** Stops auto-replies, flags the conversation and tells its assignee (or everyone when unassigned). */
export async function handOff(ctx: AssistantContext, reason: string, options: ToolOptions = {}) {
  if (options.personAnswers) return;
  await asService(async (sql) => {
    const [changed] = await sql.query(
      `update public.conversations
          set ai_paused_reason = 'handoff', ai_paused_at = now(), needs_human = true, handoff_reason = $3
        where org_id = $1 and id = $2 and not needs_human
        returning id`,
      [ctx.orgId, ctx.conversationId, reason.slice(0, 1000)],
    );
    if (!changed) return;
    await notify(sql, {
      orgId: ctx.orgId,
      userId: ctx.assigneeId,
      kind: "handoff",
      title: `${ctx.contactName || "A client"} needs a person`.slice(0, 300),
      body: reason,
      conversationId: ctx.conversationId,
      contactId: ctx.contactId,
    });
  });
}

/** A runner for replyWithTools: executes each call and remembers a hand-off for the caller. */
export function toolRunner(ctx: AssistantContext, slots: Slot[], effects: ToolEffects, options: ToolOptions = {}) {
  return async (call: ToolCall): Promise<string> => {
    effects.calls.push(call.name);
    switch (call.name) {
      case "upsert_lead":
        return upsertLead(ctx, call.arguments);
      case "request_callback":
        return requestCallback(ctx, call.arguments);
      case "book_appointment":
        return bookAppointment(ctx, call.arguments, slots);
      case "hand_off":
        effects.handoff = { reason: call.arguments.reason };
        await handOff(ctx, call.arguments.reason, options);
        return "A manager is notified and will take over. Tell the client politely, in their language.";
    }
  };
}
