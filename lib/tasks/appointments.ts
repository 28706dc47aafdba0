import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { loadAiSettings } from "@/lib/ai/settings";
import type { Sql } from "@/lib/db";
import { iso } from "@/lib/pipeline/sql";
import { loadAppointmentSettings, scheduleClientReminder } from "./appointment-reminder";
import { weekSlots } from "./week-slots";

// Appointments by hand and the week view: what is booked (by people or the assistant) and the free slots the
// assistant books from (lib/assistant/slots.ts, over Settings → AI availability).

export const appointmentSchema = z.object({
  id: z.uuid(),
  contactId: z.uuid(),
  contactName: z.string(),
  conversationId: z.uuid().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  note: z.string().nullable(),
  status: z.enum(["booked", "cancelled", "done"]),
  source: z.enum(["manual", "assistant"]),
  reminderStatus: z.enum(["sent", "skipped"]).nullable(),
  /** Why the client's reminder was skipped (window_closed_no_template, opted_out, …). */
  reminderReason: z.string().nullable(),
  remindedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AppointmentView = z.infer<typeof appointmentSchema>;

const when = z.iso.datetime({ offset: true });

export const weekQuerySchema = z.object({
  /** The first day shown; default now. */
  from: when.optional(),
  days: z.coerce.number().int().min(1).max(14).default(7),
});

export const slotSchema = z.object({ label: z.string(), startsAt: z.string(), endsAt: z.string() });
export const weekSchema = z.object({
  timezone: z.string(),
  slotMinutes: z.number().int(),
  from: z.string(),
  to: z.string(),
  appointments: z.array(appointmentSchema),
  freeSlots: z.array(slotSchema),
});

export const createAppointmentSchema = z
  .object({
    contactId: z.uuid(),
    conversationId: z.uuid().nullable().optional(),
    startsAt: when,
    /** Omitted: one slot's length. */
    endsAt: when.optional(),
    note: z.string().trim().max(2000).nullable().optional(),
  })
  .refine((v) => !v.endsAt || new Date(v.endsAt) > new Date(v.startsAt), {
    path: ["endsAt"],
    message: "must be after startsAt",
  });

export const updateAppointmentSchema = z.object({
  status: z.enum(["booked", "cancelled", "done"]).optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});

export const appointmentSettingsSchema = z.object({
  reminderEnabled: z.boolean(),
  reminderHours: z.number().int().min(1).max(168),
  /** The approved WhatsApp template sent outside the 24-hour window; null: skip there. */
  reminderTemplateName: z.string().trim().min(1).max(512).nullable(),
});

const APPOINTMENT_SELECT = `select a.id, a.contact_id as "contactId", ct.name as "contactName",
    a.conversation_id as "conversationId", ${iso("a.starts_at")} as "startsAt", ${iso("a.ends_at")} as "endsAt",
    a.note, a.status, a.source, a.reminder_status as "reminderStatus", a.reminder_reason as "reminderReason",
    ${iso("a.reminded_at")} as "remindedAt", ${iso("a.created_at")} as "createdAt"
  from public.appointments a join public.contacts ct on ct.id = a.contact_id`;

export async function getAppointment(sql: Sql, orgId: string, id: string): Promise<AppointmentView> {
  const [row] = await sql.query(`${APPOINTMENT_SELECT} where a.org_id = $1 and a.id = $2`, [orgId, id]);
  if (!row) throw new ApiError("not_found", "appointment not found");
  return appointmentSchema.parse(row);
}

/** The days from `from`: every appointment in them (cancelled ones too, marked) and the free slots. */
export async function getWeek(sql: Sql, orgId: string, query: z.output<typeof weekQuerySchema>) {
  const from = query.from ? new Date(query.from) : new Date();
  const to = new Date(from.getTime() + query.days * 86_400_000);
  const rows = await sql.query(
    `${APPOINTMENT_SELECT} where a.org_id = $1 and a.starts_at < $3 and a.ends_at > $2
      order by a.starts_at, a.id limit 1000`,
    [orgId, from.toISOString(), to.toISOString()],
  );
  const appointments = rows.map((r) => appointmentSchema.parse(r));
  const { availability } = await loadAiSettings(sql, orgId);
  const booked = appointments.filter((a) => a.status === "booked").map((a) => new Date(a.startsAt));
  const slots = weekSlots(availability, booked, from, to).map((s) => ({
    label: s.label,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
  }));
  return weekSchema.parse({
    timezone: availability.timezone,
    slotMinutes: availability.slotMinutes,
    from: from.toISOString(),
    to: to.toISOString(),
    appointments,
    freeSlots: slots,
  });
}

export type AppointmentChanged = { appointment: AppointmentView; afterCommit: () => Promise<void> };

export async function createAppointment(
  sql: Sql,
  orgId: string,
  input: z.output<typeof createAppointmentSchema>,
): Promise<AppointmentChanged> {
  const [contact] = await sql.query("select 1 from public.contacts where org_id = $1 and id = $2", [
    orgId,
    input.contactId,
  ]);
  if (!contact) throw new ApiError("bad_request", "contactId: no such client");
  if (input.conversationId) {
    const [conversation] = await sql.query(
      "select 1 from public.conversations where org_id = $1 and id = $2 and contact_id = $3",
      [orgId, input.conversationId, input.contactId],
    );
    if (!conversation) throw new ApiError("bad_request", "conversationId: not a conversation of this client");
  }
  const { availability } = await loadAiSettings(sql, orgId);
  const startsAt = new Date(input.startsAt);
  const endsAt = input.endsAt
    ? new Date(input.endsAt)
    : new Date(startsAt.getTime() + availability.slotMinutes * 60_000);
  // The same partial unique index the assistant's bookings meet: a start time is booked once.
  const [row] = await sql.query<{ id: string }>(
    `insert into public.appointments (org_id, contact_id, conversation_id, starts_at, ends_at, note, source)
     values ($1, $2, $3, $4, $5, $6, 'manual')
     on conflict (org_id, starts_at) where status = 'booked' do nothing
     returning id`,
    [
      orgId,
      input.contactId,
      input.conversationId ?? null,
      startsAt.toISOString(),
      endsAt.toISOString(),
      input.note ?? null,
    ],
  );
  if (!row) throw new ApiError("conflict", "startsAt: that time is booked already", { reason: "taken" });
  const appointment = await getAppointment(sql, orgId, row.id);
  return { appointment, afterCommit: () => scheduleClientReminder(orgId, row.id, startsAt) };
}

/** Cancel, mark done, or book again (the client's reminder is planned again for a booking). */
export async function updateAppointment(
  sql: Sql,
  orgId: string,
  id: string,
  patch: z.output<typeof updateAppointmentSchema>,
): Promise<AppointmentChanged> {
  const before = await getAppointment(sql, orgId, id);
  const rows = await sql
    .query<{ id: string }>(
      `update public.appointments set status = coalesce($3, status), note = case when $4 then $5 else note end
      where org_id = $1 and id = $2 returning id`,
      [orgId, id, patch.status ?? null, patch.note !== undefined, patch.note ?? null],
    )
    .catch((error: { code?: string }) => {
      if (error.code === "23505") throw new ApiError("conflict", "status: that time is booked by someone else");
      throw error;
    });
  if (!rows.length) throw new ApiError("forbidden", "viewers cannot change appointments");
  const appointment = await getAppointment(sql, orgId, id);
  const rebooked = before.status !== "booked" && appointment.status === "booked";
  return {
    appointment,
    afterCommit: async () => {
      if (rebooked) await scheduleClientReminder(orgId, id, new Date(appointment.startsAt));
    },
  };
}

export const getAppointmentSettings = loadAppointmentSettings;

export async function saveAppointmentSettings(
  sql: Sql,
  orgId: string,
  input: z.output<typeof appointmentSettingsSchema>,
) {
  const rows = await sql.query(
    `insert into public.appointment_settings (org_id, reminder_enabled, reminder_hours, reminder_template_name)
     values ($1, $2, $3, $4)
     on conflict (org_id) do update set reminder_enabled = excluded.reminder_enabled,
       reminder_hours = excluded.reminder_hours, reminder_template_name = excluded.reminder_template_name
     returning org_id`,
    [orgId, input.reminderEnabled, input.reminderHours, input.reminderTemplateName],
  );
  if (!rows.length) throw new ApiError("forbidden", "only managers change appointment settings");
  return loadAppointmentSettings(sql, orgId);
}
