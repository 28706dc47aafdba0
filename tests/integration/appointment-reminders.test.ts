import { afterAll, beforeAll, expect, it, onTestFinished } from "vitest";
import * as oneAppointment from "@/app/api/tasks/appointments/[id]/route";
import * as appointments from "@/app/api/tasks/appointments/route";
import * as settings from "@/app/api/tasks/appointments/settings/route";
import { asService } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { startRunner, type Runner } from "@/lib/jobs";
import type { ChannelRecord } from "@/lib/channels/types";
import { outboxSend } from "@/lib/inbox/outbox-job";
import { appointmentReminderJob, remindClient } from "@/lib/tasks/appointment-reminder";
import type { AppointmentView } from "@/lib/tasks/appointments";
import { describeEachDb } from "../helpers/db";
import { jsonRequest, params } from "../helpers/http";
import { createChannel, eventually, postWebhook, team, type Person } from "../helpers/inbox";
import { orgOf } from "../helpers/tasks";
import { signedUpdate, startTelegramFake, textUpdate, type TelegramFake } from "../fakes/telegram";

// The client's reminder before an appointment: sent once through the outbox to the real Telegram adapter (against
// the fake Bot API), a template or a stated skip on WhatsApp outside its 24-hour window, nothing when cancelled.

let telegram: TelegramFake;
beforeAll(async () => {
  telegram = await startTelegramFake();
  process.env.TELEGRAM_API_ROOT = telegram.apiRoot;
  delete process.env.APP_URL;
  resetEnvCache();
});
afterAll(async () => {
  await telegram.close();
  delete process.env.TELEGRAM_API_ROOT;
  resetEnvCache();
});

type Team = Awaited<ReturnType<typeof team>>;
const HOUR = 3600_000;
const inHours = (h: number) => new Date(Math.ceil((Date.now() + h * HOUR) / 60_000) * 60_000).toISOString();

async function book(who: Person, body: Record<string, unknown>): Promise<AppointmentView> {
  const res = await appointments.POST(jsonRequest("/api/tasks/appointments", { token: who.token, body }));
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}
const appointmentOf = async (who: Person, id: string): Promise<AppointmentView> =>
  (await oneAppointment.GET(jsonRequest(`/api/tasks/appointments/${id}`, { token: who.token }), params({ id }))).json();
const putSettings = (who: Person, body: unknown) =>
  settings.PUT(jsonRequest("/api/tasks/appointments/settings", { method: "PUT", token: who.token, body }));
const reminderJobs = (id: string) =>
  asService((sql) =>
    sql.query<{ run_at: Date; status: string }>(
      "select run_at, status from public.jobs where name = $1 and payload ->> 'appointmentId' = $2",
      [appointmentReminderJob.name, id],
    ),
  );
const outbound = (conversationId: string) =>
  asService((sql) =>
    sql.query<{ type: string; text: string; template_id: string | null; sender_type: string }>(
      "select type, text, template_id, sender_type from public.messages where conversation_id = $1 and direction = 'out'",
      [conversationId],
    ),
  );

describeEachDb("appointment reminders", ({ db }) => {
  const tag = Math.random().toString(36).slice(2, 8);
  let t: Team;
  let orgId: string;
  let bot: ChannelRecord;

  /** A client who wrote to the bot just now, in Russian. */
  async function telegramClient(chatId: number) {
    const res = await postWebhook(
      "telegram",
      bot.id,
      signedUpdate(
        bot.secrets.webhookSecret as string,
        textUpdate("Здравствуйте, хочу записаться", { chatId, from: { first_name: "Ольга", language_code: "ru" } }),
      ),
    );
    expect(res.status).toBe(200);
    const [row] = await asService((sql) =>
      sql.query<{ id: string; contact_id: string }>(
        "select id, contact_id from public.conversations where channel_id = $1 and thread_id = $2",
        [bot.id, String(chatId)],
      ),
    );
    return { conversationId: row.id, contactId: row.contact_id };
  }

  /** A WhatsApp (Twilio) client whose last message was `hoursAgo` ago. */
  async function whatsappClient(hoursAgo: number, name = "Анна") {
    return asService(async (sql) => {
      const [channel] = await sql.query<{ id: string }>(
        "select id from public.channels where org_id = $1 and type = 'twilio_whatsapp'",
        [orgId],
      );
      const channelId =
        channel?.id ??
        (
          await sql.query<{ id: string }>(
            "insert into public.channels (org_id, type, name) values ($1, 'twilio_whatsapp', 'WhatsApp') returning id",
            [orgId],
          )
        )[0].id;
      const [contact] = await sql.query<{ id: string }>(
        "insert into public.contacts (org_id, name, language) values ($1, $2, 'ru') returning id",
        [orgId, name],
      );
      const [conversation] = await sql.query<{ id: string }>(
        `insert into public.conversations (org_id, channel_id, contact_id, thread_id, last_inbound_at)
         values ($1, $2, $3, $4, now() - $5 * interval '1 hour') returning id`,
        [orgId, channelId, contact.id, `+7999${Math.floor(Math.random() * 1e7)}`, hoursAgo],
      );
      return { channelId, contactId: contact.id, conversationId: conversation.id };
    });
  }

  beforeAll(async () => {
    t = await team(`apr-${tag}`, "Clinic");
    orgId = await orgOf(t.owner);
    bot = await createChannel(t.owner, { type: "telegram", name: "Bot", secrets: { botToken: telegram.token } });
  });

  it("plans the reminder 24 hours before by default, at the organisation's hours when set", async () => {
    const { contactId } = await whatsappClient(1);
    const startsAt = inHours(72);
    const booked = await book(t.agent, { contactId, startsAt });
    const [job] = await reminderJobs(booked.id);
    expect(new Date(job.run_at).getTime()).toBe(new Date(startsAt).getTime() - 24 * HOUR);

    expect(
      (await putSettings(t.agent, { reminderEnabled: true, reminderHours: 3, reminderTemplateName: null })).status,
    ).toBe(403);
    const saved = await putSettings(t.owner, { reminderEnabled: true, reminderHours: 3, reminderTemplateName: null });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const later = await book(t.agent, { contactId, startsAt: inHours(73) });
    const [laterJob] = await reminderJobs(later.id);
    expect(new Date(laterJob.run_at).getTime()).toBe(new Date(later.startsAt).getTime() - 3 * HOUR);
    const bad = await putSettings(t.owner, { reminderEnabled: true, reminderHours: 0, reminderTemplateName: null });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/reminderHours/);
    await putSettings(t.owner, { reminderEnabled: true, reminderHours: 24, reminderTemplateName: null });
  });

  it("sends the Telegram client one reminder in their language, however often the job runs", async () => {
    const { contactId, conversationId } = await telegramClient(500_001);
    const before = telegram.callsTo("sendMessage").length;
    // Only here does a runner take the jobs; elsewhere the tests run the job's body themselves.
    const runner: Runner = startRunner({ db: db(), jobs: [appointmentReminderJob, outboxSend], pollMs: 20 });
    await runner.ready;
    onTestFinished(() => runner.stop());
    // Within the 24 hours already: due at once.
    const booked = await book(t.agent, { contactId, conversationId, startsAt: inHours(5) });
    await eventually(async () => (await appointmentOf(t.agent, booked.id)).reminderStatus === "sent");
    await eventually(async () => telegram.callsTo("sendMessage").length > before);
    const [call, ...more] = telegram.callsTo("sendMessage").slice(before);
    expect(more).toEqual([]);
    expect(call.params.chat_id).toBe(500_001);
    expect(String(call.params.text)).toMatch(/^Здравствуйте, Ольга! Напоминаем: вы записаны на /);

    // A retry of the job, and a second job for the same time, change nothing.
    expect(await remindClient(orgId, { appointmentId: booked.id, startsAt: booked.startsAt })).toEqual({
      outcome: "already",
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(telegram.callsTo("sendMessage").length).toBe(before + 1);
    expect(await outbound(conversationId)).toEqual([
      expect.objectContaining({ type: "text", sender_type: "business", template_id: null }),
    ]);
  });

  it("a cancelled appointment sends nothing; one moved to another time is not reminded for the old one", async () => {
    const { contactId, conversationId } = await telegramClient(500_002);
    const booked = await book(t.agent, { contactId, conversationId, startsAt: inHours(48) });
    const cancel = await oneAppointment.PATCH(
      jsonRequest(`/api/tasks/appointments/${booked.id}`, {
        method: "PATCH",
        token: t.agent.token,
        body: { status: "cancelled" },
      }),
      params({ id: booked.id }),
    );
    expect(cancel.status).toBe(200);
    expect(await remindClient(orgId, { appointmentId: booked.id, startsAt: booked.startsAt })).toEqual({
      outcome: "stale",
    });
    expect(await remindClient(orgId, { appointmentId: booked.id, startsAt: inHours(49) })).toEqual({
      outcome: "stale",
    });
    expect(await outbound(conversationId)).toEqual([]);
    expect((await appointmentOf(t.agent, booked.id)).reminderStatus).toBeNull();
  });

  it("on WhatsApp outside the 24-hour window skips with the reason when no template is set", async () => {
    const { contactId, conversationId } = await whatsappClient(30);
    const booked = await book(t.agent, { contactId, conversationId, startsAt: inHours(10) });
    expect(await remindClient(orgId, { appointmentId: booked.id, startsAt: booked.startsAt })).toEqual({
      outcome: "skipped",
      reason: "window_closed_no_template",
    });
    expect(await appointmentOf(t.agent, booked.id)).toMatchObject({
      reminderStatus: "skipped",
      reminderReason: "window_closed_no_template",
    });
    expect(await outbound(conversationId)).toEqual([]);
    // Skipped is decided: a retry does not send either.
    expect(await remindClient(orgId, { appointmentId: booked.id, startsAt: booked.startsAt })).toEqual({
      outcome: "already",
    });
  });

  it("on WhatsApp outside the window sends the approved template, filled in; inside it free text", async () => {
    const closed = await whatsappClient(30, "Мария Иванова");
    await asService((sql) =>
      sql.query(
        `insert into public.message_templates (org_id, channel_id, name, language, body, variables, status)
         values ($1, $2, 'appointment_reminder', 'ru', 'Здравствуйте, {{1}}! Напоминаем о записи: {{2}}.',
                 '[{"key":"1","example":"Анна"},{"key":"2","example":"завтра в 15:00"}]', 'approved'),
                ($1, $2, 'appointment_reminder', 'en', 'Hi {{1}}, see you {{2}}.', '[]', 'approved')`,
        [orgId, closed.channelId],
      ),
    );
    await putSettings(t.owner, {
      reminderEnabled: true,
      reminderHours: 24,
      reminderTemplateName: "appointment_reminder",
    });
    const booked = await book(t.agent, { contactId: closed.contactId, startsAt: inHours(11) });
    const sent = await remindClient(orgId, { appointmentId: booked.id, startsAt: booked.startsAt });
    expect(sent).toMatchObject({ outcome: "sent", template: true });
    const [message] = await outbound(closed.conversationId);
    expect(message.type).toBe("template");
    expect(message.text).toMatch(/^Здравствуйте, Мария! Напоминаем о записи: .+\.$/);
    expect(message.template_id).not.toBeNull();

    const open = await whatsappClient(2, "Анна");
    const soon = await book(t.agent, { contactId: open.contactId, startsAt: inHours(12) });
    expect(await remindClient(orgId, { appointmentId: soon.id, startsAt: soon.startsAt })).toMatchObject({
      outcome: "sent",
      template: false,
    });
    const [text] = await outbound(open.conversationId);
    expect(text).toMatchObject({ type: "text", template_id: null });
    expect(text.text).toMatch(/^Здравствуйте, Анна! Напоминаем/);
  });

  it("a disabled reminder is skipped and says so", async () => {
    await putSettings(t.owner, { reminderEnabled: false, reminderHours: 24, reminderTemplateName: null });
    const { contactId, conversationId } = await whatsappClient(1);
    const booked = await book(t.agent, { contactId, conversationId, startsAt: inHours(13) });
    expect(await remindClient(orgId, { appointmentId: booked.id, startsAt: booked.startsAt })).toEqual({
      outcome: "skipped",
      reason: "disabled",
    });
    expect(await outbound(conversationId)).toEqual([]);
    await putSettings(t.owner, { reminderEnabled: true, reminderHours: 24, reminderTemplateName: null });
  });
});
