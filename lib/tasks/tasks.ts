import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { CURSOR_TIME_SQL, decodeCursor, encodeCursor } from "@/lib/inbox/cursor";
import { iso } from "@/lib/pipeline/sql";
import { enqueueAll } from "@/lib/jobs";
import { taskEventJob, taskReminderJobs } from "./reminders";
import {
  taskSchema,
  tasksPageSchema,
  type TasksQuery,
  type TaskView,
  type createTaskSchema,
  type updateTaskSchema,
} from "./schemas";

// Tasks through the API: read and written as the caller (RLS decides who sees and edits what; viewers only
// read), with the module's events and reminder jobs requested once the change has committed.

const TASK_SELECT = `select t.id, t.kind, t.title, t.notes, t.status, ${iso("t.due_at")} as "dueAt",
    t.remind_before_minutes as "remindBeforeMinutes", t.preferred_time as "preferredTime", t.phone,
    t.assignee_id as "assigneeId", coalesce(nullif(p.full_name, ''), p.email) as "assigneeName",
    t.contact_id as "contactId", c.name as "contactName", t.conversation_id as "conversationId",
    t.deal_id as "dealId", d.title as "dealTitle", t.source, t.created_by as "createdBy",
    ${iso("t.completed_at")} as "completedAt", ${iso("t.created_at")} as "createdAt",
    ${iso("t.updated_at")} as "updatedAt"
  from public.tasks t
  left join public.profiles p on p.id = t.assignee_id
  left join public.contacts c on c.id = t.contact_id
  left join public.deals d on d.id = t.deal_id`;

/** Open tasks without a due time sort after every dated one. */
const DUE_KEY = "coalesce(t.due_at, '9999-12-31T00:00:00Z'::timestamptz)";

export async function getTask(sql: Sql, orgId: string, id: string): Promise<TaskView> {
  const [row] = await sql.query(`${TASK_SELECT} where t.org_id = $1 and t.id = $2`, [orgId, id]);
  if (!row) throw new ApiError("not_found", "task not found");
  return taskSchema.parse(row);
}

/**
 * Tasks the caller may see, filtered; open ones by due time (undated last), done ones newest first. Keyset
 * pagination on (sort time, id).
 */
export async function listTasks(sql: Sql, orgId: string, query: TasksQuery) {
  const params: unknown[] = [orgId];
  const where = ["t.org_id = $1"];
  const add = (clause: (p: string) => string, value: unknown) => where.push(clause(`$${params.push(value)}`));
  if (query.status !== "all") add((p) => `t.status = ${p}`, query.status);
  if (query.assignee === "me") where.push("t.assignee_id = auth.uid()");
  else if (query.assignee === "none") where.push("t.assignee_id is null");
  else if (query.assignee) add((p) => `t.assignee_id = ${p}`, query.assignee);
  if (query.dueFrom) add((p) => `t.due_at >= ${p}::timestamptz`, query.dueFrom);
  if (query.dueTo) add((p) => `t.due_at < ${p}::timestamptz`, query.dueTo);
  if (query.overdue) where.push("t.status = 'open' and t.due_at < now()");
  if (query.dealId) add((p) => `t.deal_id = ${p}`, query.dealId);
  if (query.contactId) add((p) => `t.contact_id = ${p}`, query.contactId);
  if (query.conversationId) add((p) => `t.conversation_id = ${p}`, query.conversationId);

  const recent = query.status === "done" || query.status === "cancelled";
  const sortKey = recent ? "coalesce(t.completed_at, t.updated_at)" : DUE_KEY;
  const cursor = decodeCursor(query.cursor);
  if (cursor) {
    const at = `$${params.push(cursor.at)}::timestamptz`;
    const key = `$${params.push(cursor.key)}::uuid`;
    where.push(recent ? `(${sortKey}, t.id) < (${at}, ${key})` : `(${sortKey}, t.id) > (${at}, ${key})`);
  }
  const direction = recent ? "desc" : "asc";
  const rows = await sql.query<Record<string, unknown> & { cursorAt: string }>(
    `${TASK_SELECT.replace("select ", `select ${CURSOR_TIME_SQL(sortKey)} as "cursorAt", `)}
      where ${where.join(" and ")}
      order by ${sortKey} ${direction}, t.id ${direction}
      limit $${params.push(query.limit + 1)}`,
    params,
  );
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return tasksPageSchema.parse({
    tasks: page.map((r) => taskSchema.parse(r)),
    nextCursor: more && last ? encodeCursor(last.cursorAt, String(last.id)) : null,
  });
}

/** Ids the body names must be the organisation's and visible to the caller: otherwise that field's 400. */
async function checkReferences(
  sql: Sql,
  orgId: string,
  refs: {
    contactId?: string | null;
    conversationId?: string | null;
    dealId?: string | null;
    assigneeId?: string | null;
  },
) {
  const checks: [string | null | undefined, string, string][] = [
    [refs.contactId, "select 1 from public.contacts where org_id = $1 and id = $2", "contactId: no such client"],
    [
      refs.conversationId,
      "select 1 from public.conversations where org_id = $1 and id = $2",
      "conversationId: no such conversation",
    ],
    [refs.dealId, "select 1 from public.deals where org_id = $1 and id = $2", "dealId: no such deal"],
    [
      refs.assigneeId,
      "select 1 from public.memberships where org_id = $1 and user_id = $2",
      "assigneeId: not a member of the organisation",
    ],
  ];
  for (const [id, query, message] of checks) {
    if (!id) continue;
    const [row] = await sql.query(query, [orgId, id]);
    if (!row) throw new ApiError("bad_request", message);
  }
}

export type Changed = { task: TaskView; afterCommit: () => Promise<void> };

/** A task of the caller's (or the named assignee's); its client comes from its conversation or deal if not given. */
export async function createTask(sql: Sql, orgId: string, input: z.output<typeof createTaskSchema>): Promise<Changed> {
  await checkReferences(sql, orgId, input);
  const [row] = await sql.query<{ id: string }>(
    `insert into public.tasks (org_id, kind, title, notes, due_at, remind_before_minutes, assignee_id, contact_id,
       conversation_id, deal_id, source)
     values ($1, $2, $3, $4, $5::timestamptz, $6, case when $7::boolean then $8::uuid else auth.uid() end,
       coalesce($9::uuid, (select contact_id from public.conversations where org_id = $1 and id = $10),
                (select contact_id from public.deals where org_id = $1 and id = $11)),
       $10, $11, 'manual')
     returning id`,
    [
      orgId,
      input.kind ?? "todo",
      input.title,
      input.notes ?? "",
      input.dueAt ?? null,
      input.remindBeforeMinutes ?? null,
      input.assigneeId !== undefined,
      input.assigneeId ?? null,
      input.contactId ?? null,
      input.conversationId ?? null,
      input.dealId ?? null,
    ],
  );
  const task = await getTask(sql, orgId, row.id);
  return {
    task,
    afterCommit: () => enqueueAll([taskEventJob(orgId, task, "created"), ...taskReminderJobs(orgId, task)]),
  };
}

export async function updateTask(
  sql: Sql,
  orgId: string,
  id: string,
  patch: z.output<typeof updateTaskSchema>,
): Promise<Changed> {
  const before = await getTask(sql, orgId, id);
  await checkReferences(sql, orgId, { assigneeId: patch.assigneeId });
  const set: Record<string, unknown> = {
    title: patch.title,
    notes: patch.notes,
    kind: patch.kind,
    due_at: patch.dueAt,
    remind_before_minutes: patch.remindBeforeMinutes,
    assignee_id: patch.assigneeId,
    status: patch.status,
  };
  const entries = Object.entries(set).filter(([, v]) => v !== undefined);
  const nothing = { task: before, afterCommit: async () => {} };
  if (!entries.length) return nothing;
  // Completing stamps the time once; reopening clears it. Only a real change of status counts.
  const values = entries.map(([, v]) => v);
  const completed = patch.status
    ? `, completed_at = case when $${values.push(patch.status) + 2} = 'done' then coalesce(completed_at, now()) end`
    : "";
  const rows = await sql.query(
    `update public.tasks set ${entries.map(([k], i) => `${k} = $${i + 3}`).join(", ")}${completed}
      where org_id = $1 and id = $2 returning id`,
    [orgId, id, ...values],
  );
  if (!rows.length) throw new ApiError("forbidden", "viewers cannot change tasks");
  const task = await getTask(sql, orgId, id);
  const done = before.status !== "done" && task.status === "done";
  const rearm =
    task.status === "open" &&
    (task.dueAt !== before.dueAt ||
      before.status !== "open" ||
      task.remindBeforeMinutes !== before.remindBeforeMinutes);
  return {
    task,
    afterCommit: () =>
      enqueueAll([
        ...(done ? [taskEventJob(orgId, task, "done")] : []),
        ...(rearm ? taskReminderJobs(orgId, task) : []),
      ]),
  };
}

export async function deleteTask(sql: Sql, orgId: string, id: string) {
  await getTask(sql, orgId, id);
  const rows = await sql.query("delete from public.tasks where org_id = $1 and id = $2 returning id", [orgId, id]);
  if (!rows.length) throw new ApiError("forbidden", "viewers cannot delete tasks");
}
