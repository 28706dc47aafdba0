import type { Sql } from "@/lib/db";
import { enqueueAll } from "@/lib/jobs";
import { taskEventJob, taskReminderJobs } from "./reminders";

// Making a task from another module (automation, a missed call, the pipeline): one insert, idempotent on the
// caller's key, so a retried job never makes a second task. The tasks module's own API builds on this too.

export type TaskKind = "callback" | "follow_up" | "todo" | "call" | "meeting" | "email";
export type TaskSource = "manual" | "assistant" | "automation" | "telephony" | "import";

export type NewTask = {
  orgId: string;
  kind?: TaskKind;
  title: string;
  notes?: string;
  contactId?: string | null;
  conversationId?: string | null;
  dealId?: string | null;
  phone?: string | null;
  dueAt?: Date | null;
  assigneeId?: string | null;
  source: TaskSource;
  /** "This task, once": an automation run id, a missed call's id. */
  dedupeKey?: string | null;
};

/**
 * Inserts the task (as the service: the caller's transaction) and returns its id, or null when the key existed.
 * Its created event and its reminders are queued in the same transaction, so they exist exactly when it does.
 */
export async function createTask(sql: Sql, t: NewTask): Promise<string | null> {
  const [row] = await sql.query<{ id: string }>(
    `insert into public.tasks (org_id, kind, title, notes, contact_id, conversation_id, deal_id, phone, due_at,
       assignee_id, source, dedupe_key, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, null)
     on conflict (org_id, dedupe_key) where dedupe_key is not null do nothing
     returning id`,
    [
      t.orgId,
      t.kind ?? "todo",
      t.title.slice(0, 500),
      (t.notes ?? "").slice(0, 5000),
      t.contactId ?? null,
      t.conversationId ?? null,
      t.dealId ?? null,
      t.phone?.slice(0, 50) ?? null,
      t.dueAt?.toISOString() ?? null,
      t.assigneeId ?? null,
      t.source,
      t.dedupeKey ?? null,
    ],
  );
  if (!row) return null;
  const dueAt = t.dueAt?.toISOString() ?? null;
  const task = {
    id: row.id,
    kind: t.kind ?? "todo",
    title: t.title.slice(0, 500),
    dueAt,
    assigneeId: t.assigneeId ?? null,
    contactId: t.contactId ?? null,
    conversationId: t.conversationId ?? null,
    dealId: t.dealId ?? null,
    source: t.source,
  };
  await enqueueAll(
    [
      taskEventJob(t.orgId, task, "created"),
      ...taskReminderJobs(t.orgId, { id: row.id, dueAt, remindBeforeMinutes: null }),
    ],
    sql,
  );
  return row.id;
}
