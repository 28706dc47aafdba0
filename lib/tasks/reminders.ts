import { z } from "zod";
import { notify } from "@/lib/assistant/notifications";
import { asService, type Sql } from "@/lib/db";
import { enqueueAll, type JobRequest } from "@/lib/jobs";
import { defineJob } from "@/lib/jobs/registry";
import { taskEvent, type TaskEvent } from "./events";

// A task's reminders: jobs scheduled for its times (the in-process runner's run_at, a delayed Trigger.dev run),
// as inbox snoozes are. A job carries the due time it was made for; once the task is done, deleted or given
// another due time the job finds a mismatch and does nothing, and the new time has jobs of its own. What a
// job does is claimed in its transaction (tasks.due_fired_for, a notification's dedupe key), so a retried
// job notifies and publishes once.

/** A task still open this long after its due time is overdue (automation's "task overdue" rules). */
export const OVERDUE_GRACE_MS = 15 * 60_000;

export const REMINDER_PHASES = ["before", "due", "overdue"] as const;
export const taskReminderPayload = z.object({
  taskId: z.uuid(),
  dueAt: z.iso.datetime({ offset: true }),
  phase: z.enum(REMINDER_PHASES),
});

type EventTask = Omit<TaskEvent, "taskId" | "phase"> & { id: string };

const eventOf = (task: EventTask, phase: TaskEvent["phase"]): TaskEvent => ({
  taskId: task.id,
  phase,
  kind: task.kind,
  title: task.title,
  dueAt: task.dueAt,
  assigneeId: task.assigneeId,
  contactId: task.contactId,
  conversationId: task.conversationId,
  dealId: task.dealId,
  source: task.source,
});

/** tasks.task-event (created / done from the API; due / overdue from the reminder job), as a job to queue. */
export function taskEventJob(orgId: string, task: EventTask, phase: TaskEvent["phase"]): JobRequest {
  const key = `${task.id}:${phase}:${phase === "done" || phase === "created" ? "" : (task.dueAt ?? "")}`;
  return { job: taskEvent, payload: eventOf(task, phase), options: { orgId, dedupeKey: key } };
}

/** Publishes tasks.task-event. */
const publishTaskEvent = (orgId: string, task: EventTask, phase: TaskEvent["phase"], sql?: Sql) =>
  enqueueAll([taskEventJob(orgId, task, phase)], sql);

const at = (iso: string, deltaMs: number) => new Date(new Date(iso).getTime() + deltaMs);

/**
 * The reminder jobs for an open task's due time: one before it (when asked for), one at it and the overdue
 * check after it. Asking again for the same time is a no-op; a past "before" time is skipped.
 */
export function taskReminderJobs(
  orgId: string,
  task: { id: string; dueAt: string | null; remindBeforeMinutes: number | null; status?: string },
): JobRequest[] {
  if (!task.dueAt || (task.status && task.status !== "open")) return [];
  const dueAt = new Date(task.dueAt).toISOString();
  const plan: [(typeof REMINDER_PHASES)[number], Date][] = [
    ["due", new Date(dueAt)],
    ["overdue", at(dueAt, OVERDUE_GRACE_MS)],
  ];
  if (task.remindBeforeMinutes) {
    const before = at(dueAt, -task.remindBeforeMinutes * 60_000);
    if (before.getTime() > Date.now()) plan.unshift(["before", before]);
  }
  return plan.map(([phase, runAt]) => ({
    job: taskReminderJob,
    payload: { taskId: task.id, dueAt, phase },
    options: { orgId, runAt, dedupeKey: `${task.id}:${phase}:${dueAt}` },
  }));
}

type Row = EventTask & { status: string; recipient: string | null; locale: string; zone: string | null };

const texts = {
  en: { before: "Soon: {title}", due: "Due now: {title}", body: "Task due {time}" },
  ru: { before: "Скоро: {title}", due: "Пора: {title}", body: "Срок задачи: {time}" },
};

/** The organisation's own zone (Settings → AI availability), which is the one its people live in. */
export function validZone(zone: string | null | undefined): string {
  const fallback = "Europe/Moscow";
  if (!zone) return fallback;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return fallback;
  }
}

function reminderText(row: Row, phase: "before" | "due") {
  const lang = row.locale === "ru" ? "ru" : "en";
  const time = new Intl.DateTimeFormat(lang === "ru" ? "ru-RU" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: validZone(row.zone),
  }).format(new Date(row.dueAt!));
  return {
    title: texts[lang][phase].replace("{title}", row.title),
    body: texts[lang].body.replace("{time}", time),
  };
}

/** What one reminder job did: notified, published, or nothing because the task moved on. */
export async function runTaskReminder(orgId: string, payload: z.output<typeof taskReminderPayload>) {
  return asService(async (sql) => {
    const [row] = await sql.query<Row>(
      `select t.id, t.kind, t.title, to_char(t.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dueAt",
              t.assignee_id as "assigneeId", t.contact_id as "contactId", t.conversation_id as "conversationId",
              t.deal_id as "dealId", t.source, t.status, coalesce(t.assignee_id, t.created_by) as recipient,
              coalesce(p.locale, 'en') as locale, s.availability ->> 'timezone' as zone
         from public.tasks t
         left join public.profiles p on p.id = coalesce(t.assignee_id, t.created_by)
         left join public.ai_settings s on s.org_id = t.org_id
        where t.org_id = $1 and t.id = $2
        for update of t`,
      [orgId, payload.taskId],
    );
    const dueAt = new Date(payload.dueAt).getTime();
    if (!row || row.status !== "open" || !row.dueAt || new Date(row.dueAt).getTime() !== dueAt) {
      return { outcome: "stale" as const };
    }
    if (payload.phase === "overdue") {
      const claimed = await sql.query(
        `update public.tasks set overdue_fired_for = due_at
          where org_id = $1 and id = $2 and overdue_fired_for is distinct from due_at returning id`,
        [orgId, row.id],
      );
      if (!claimed.length) return { outcome: "already" as const };
      await publishTaskEvent(orgId, row, "overdue", sql);
      return { outcome: "overdue" as const };
    }
    const text = reminderText(row, payload.phase);
    const notice = {
      orgId,
      userId: row.recipient,
      kind: "task" as const,
      ...text,
      conversationId: row.conversationId,
      contactId: row.contactId,
      dealId: row.dealId,
      taskId: row.id,
      link: `/tasks?task=${row.id}`,
      dedupeKey: `task:${row.id}:${payload.phase}:${payload.dueAt}`,
    };
    if (payload.phase === "before") {
      await notify(sql, notice);
      return { outcome: "reminded" as const };
    }
    const claimed = await sql.query(
      `update public.tasks set due_fired_for = due_at
        where org_id = $1 and id = $2 and due_fired_for is distinct from due_at returning id`,
      [orgId, row.id],
    );
    if (!claimed.length) return { outcome: "already" as const };
    await notify(sql, notice);
    await publishTaskEvent(orgId, row, "due", sql);
    return { outcome: "due" as const };
  });
}

export const taskReminderJob = defineJob({
  name: "tasks.remind",
  schema: taskReminderPayload,
  maxAttempts: 5,
  async run(payload, ctx) {
    if (!ctx.orgId) throw new Error("tasks.remind needs the organisation");
    return runTaskReminder(ctx.orgId, payload);
  },
});
