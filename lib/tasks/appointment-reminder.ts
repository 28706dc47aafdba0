import { z } from "zod";
import { asService, type Sql } from "@/lib/db";
import type { ChannelType } from "@/lib/channels/types";
import { enqueue } from "@/lib/jobs";
import { defineJob } from "@/lib/jobs/registry";
import { previewOf } from "@/lib/inbox/events";
import { hasReplyWindow, windowClosesAt, windowedChannelTypes } from "@/lib/inbox/networks";
import { requestDeliveryAsService } from "@/lib/inbox/outbox";
import { placeholdersOf, renderTemplate } from "@/lib/inbox/template-render";
import { validZone } from "./reminders";

// Seed 000's automatic reminder: a message to the client some hours before their appointment, through the
// outbox and inside the channel's rules (WhatsApp outside its 24-hour window takes only an approved template;
// Instagram nothing). A job scheduled at starts_at minus the organisation's hours; the appointment row records
// which start time was reminded (claimed with the message in one transaction), so a retried job sends once, a
// cancelled or moved appointment gets nothing for the old time, and a skip keeps its reason.

export const appointmentReminderPayload = z.object({
  appointmentId: z.uuid(),
  startsAt: z.iso.datetime({ offset: true }),
});

export const DEFAULT_REMINDER_HOURS = 24;

export type AppointmentSettings = {
  reminderEnabled: boolean;
  reminderHours: number;
  reminderTemplateName: string | null;
};

export async function loadAppointmentSettings(sql: Sql, orgId: string): Promise<AppointmentSettings> {
  const [row] = await sql.query<AppointmentSettings>(
    `select reminder_enabled as "reminderEnabled", reminder_hours as "reminderHours",
            reminder_template_name as "reminderTemplateName"
       from public.appointment_settings where org_id = $1`,
    [orgId],
  );
  return row ?? { reminderEnabled: true, reminderHours: DEFAULT_REMINDER_HOURS, reminderTemplateName: null };
}

/** The reminder job for this start time, in the caller's service transaction (or its own). */
export async function scheduleClientReminder(orgId: string, appointmentId: string, startsAt: Date, sql?: Sql) {
  const plan = async (tx: Sql) => {
    const { reminderHours } = await loadAppointmentSettings(tx, orgId);
    const runAt = new Date(startsAt.getTime() - reminderHours * 3600_000);
    const iso = startsAt.toISOString();
    await enqueue(
      appointmentReminderJob,
      { appointmentId, startsAt: iso },
      { orgId, runAt, dedupeKey: `${appointmentId}:${iso}:${runAt.toISOString()}`, sql: tx },
    );
  };
  return sql ? plan(sql) : asService(plan);
}

type Row = {
  id: string;
  status: string;
  starts_at: Date;
  reminder_for: Date | null;
  contact_name: string;
  contact_language: string | null;
  opted_out_at: Date | null;
  conversation_id: string | null;
  channel_id: string | null;
  channel_type: ChannelType | null;
  channel_enabled: boolean | null;
  last_inbound_at: Date | null;
  last_inbound_text: string | null;
  zone: string | null;
};

const texts = {
  en: (name: string, time: string) =>
    `Hello${name ? `, ${name}` : ""}! A reminder: your appointment is on ${time}. ` +
    "If your plans have changed, just reply to this message.",
  ru: (name: string, time: string) =>
    `Здравствуйте${name ? `, ${name}` : ""}! Напоминаем: вы записаны на ${time}. ` +
    "Если планы изменились, просто ответьте на это сообщение.",
};

/** The client's language: the contact's when known, else Russian when they write (or are named) in Cyrillic. */
export function clientLanguage(language: string | null, sample: string): "ru" | "en" {
  if (language) return language.toLowerCase().startsWith("ru") ? "ru" : "en";
  return /[А-Яа-яЁё]/.test(sample) ? "ru" : "en";
}

const timeIn = (lang: "ru" | "en", at: Date, zone: string) =>
  new Intl.DateTimeFormat(lang === "ru" ? "ru-RU" : "en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: zone,
  }).format(at);

export type ReminderOutcome =
  | { outcome: "sent"; messageId: string; template: boolean }
  | { outcome: "skipped"; reason: string }
  | { outcome: "stale" | "already" | "rescheduled" };

async function record(
  sql: Sql,
  orgId: string,
  row: Row,
  status: "sent" | "skipped",
  reason: string | null,
  messageId: string | null,
) {
  await sql.query(
    `update public.appointments
        set reminder_for = starts_at, reminder_status = $3, reminder_reason = $4, reminder_message_id = $5,
            reminded_at = now()
      where org_id = $1 and id = $2`,
    [orgId, row.id, status, reason, messageId],
  );
}

/** Sends (or skips, saying why) the reminder for this start time; a second run for it does nothing. */
export async function remindClient(orgId: string, payload: z.output<typeof appointmentReminderPayload>) {
  let afterCommit: (() => Promise<void>) | undefined;
  const result = await asService(async (sql): Promise<ReminderOutcome> => {
    const [row] = await sql.query<Row>(
      `select a.id, a.status, a.starts_at, a.reminder_for, ct.name as contact_name, ct.language as contact_language,
              ct.opted_out_at, cv.id as conversation_id, cv.channel_id, ch.type as channel_type,
              ch.enabled as channel_enabled, cv.last_inbound_at, s.availability ->> 'timezone' as zone,
              (select m.text from public.messages m where m.conversation_id = cv.id and m.direction = 'in'
                order by m.created_at desc limit 1) as last_inbound_text
         from public.appointments a
         join public.contacts ct on ct.id = a.contact_id
         -- The booking's own conversation, else the client's most recent one.
         left join lateral (
           select c.* from public.conversations c
            where c.org_id = a.org_id and (c.id = a.conversation_id or (a.conversation_id is null and c.contact_id = a.contact_id))
            order by c.last_message_at desc limit 1
         ) cv on true
         left join public.channels ch on ch.id = cv.channel_id
         left join public.ai_settings s on s.org_id = a.org_id
        where a.org_id = $1 and a.id = $2
        for update of a`,
      [orgId, payload.appointmentId],
    );
    const startsAt = new Date(payload.startsAt);
    if (!row || row.status !== "booked" || new Date(row.starts_at).getTime() !== startsAt.getTime()) {
      return { outcome: "stale" };
    }
    if (row.reminder_for && new Date(row.reminder_for).getTime() === startsAt.getTime()) return { outcome: "already" };
    const settings = await loadAppointmentSettings(sql, orgId);
    // The hours were shortened since this job was planned: wait for the new time.
    const dueAt = startsAt.getTime() - settings.reminderHours * 3600_000;
    if (dueAt > Date.now() + 60_000) {
      await scheduleClientReminder(orgId, row.id, startsAt, sql);
      return { outcome: "rescheduled" };
    }
    const skip = async (reason: string): Promise<ReminderOutcome> => {
      await record(sql, orgId, row, "skipped", reason, null);
      return { outcome: "skipped", reason };
    };
    if (!settings.reminderEnabled) return skip("disabled");
    if (startsAt.getTime() <= Date.now()) return skip("too_late");
    if (!row.conversation_id || !row.channel_id || !row.channel_type) return skip("no_conversation");
    if (row.opted_out_at) return skip("opted_out");
    if (!row.channel_enabled) return skip("channel_disabled");

    const lang = clientLanguage(row.contact_language, `${row.contact_name} ${row.last_inbound_text ?? ""}`);
    const time = timeIn(lang, startsAt, validZone(row.zone));
    const name = row.contact_name.trim().split(/\s+/)[0] ?? "";
    const closes = windowClosesAt(row.channel_type, row.last_inbound_at);
    const windowOpen = !hasReplyWindow(row.channel_type) || (closes !== null && closes.getTime() > Date.now());

    let message: {
      type: "text" | "template";
      text: string;
      templateId: string | null;
      variables: Record<string, string> | null;
    };
    if (windowOpen) {
      message = { type: "text", text: texts[lang](name, time), templateId: null, variables: null };
    } else if (!windowedChannelTypes.includes(row.channel_type)) {
      return skip("window_closed");
    } else {
      if (!settings.reminderTemplateName) return skip("window_closed_no_template");
      const [template] = await sql.query<{ id: string; body: string }>(
        `select id, body from public.message_templates
          where org_id = $1 and channel_id = $2 and name = $3 and status = 'approved'
          order by (language = $4 or language like $4 || '%') desc, language limit 1`,
        [orgId, row.channel_id, settings.reminderTemplateName, lang],
      );
      if (!template) return skip("window_closed_template_not_approved");
      // Positional placeholders take the name, then the time; named ones by what they say.
      const values: Record<string, string> = { name: name || "-", time, date: time };
      const variables = Object.fromEntries(
        placeholdersOf(template.body).map((key, i) => [key, values[key] ?? (i === 0 ? values.name : time)]),
      );
      message = {
        type: "template",
        text: renderTemplate(template.body, variables),
        templateId: template.id,
        variables,
      };
    }
    const [inserted] = await sql.query<{ id: string }>(
      `insert into public.messages (org_id, conversation_id, channel_id, direction, sender_type, type, text,
         template_id, template_variables, status)
       values ($1, $2, $3, 'out', 'business', $4, $5, $6, $7::jsonb, 'queued') returning id`,
      [
        orgId,
        row.conversation_id,
        row.channel_id,
        message.type,
        message.text,
        message.templateId,
        message.variables ? JSON.stringify(message.variables) : null,
      ],
    );
    await sql.query(
      `update public.conversations
          set last_message_at = greatest(last_message_at, now()), last_message_id = $3, last_message_preview = $4,
              last_message_direction = 'out'
        where org_id = $1 and id = $2`,
      [orgId, row.conversation_id, inserted.id, previewOf(message.type, message.text)],
    );
    await record(sql, orgId, row, "sent", null, inserted.id);
    afterCommit = await requestDeliveryAsService(sql, orgId, inserted.id);
    return { outcome: "sent", messageId: inserted.id, template: message.type === "template" };
  });
  await afterCommit?.();
  return result;
}

export const appointmentReminderJob = defineJob({
  name: "appointments.remind-client",
  schema: appointmentReminderPayload,
  maxAttempts: 5,
  async run(payload, ctx) {
    if (!ctx.orgId) throw new Error("appointments.remind-client needs the organisation");
    return remindClient(ctx.orgId, payload);
  },
});
