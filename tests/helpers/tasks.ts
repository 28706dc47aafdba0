import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import * as oneTask from "@/app/api/tasks/[id]/route";
import * as tasks from "@/app/api/tasks/route";
import { asService } from "@/lib/db";
import { taskEventSteps, type TaskEventStep } from "@/lib/tasks/events";
import type { TaskView } from "@/lib/tasks/schemas";
import { jsonRequest, params } from "./http";
import type { Person } from "./inbox";

// What the tasks tests share: the routes called as a person, and a client with a conversation to link to.

export const postTask = (who: Person, body: unknown) =>
  tasks.POST(jsonRequest("/api/tasks", { token: who.token, body }));

export async function createTaskAs(who: Person, body: Record<string, unknown>): Promise<TaskView> {
  const res = await postTask(who, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

export const listRes = (who: Person, query = "") =>
  tasks.GET(jsonRequest(`/api/tasks${query ? `?${query}` : ""}`, { token: who.token }));

export async function listTasksAs(who: Person, query = ""): Promise<{ tasks: TaskView[]; nextCursor: string | null }> {
  const res = await listRes(who, query);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

export const patchTask = (who: Person, id: string, body: unknown) =>
  oneTask.PATCH(jsonRequest(`/api/tasks/${id}`, { method: "PATCH", token: who.token, body }), params({ id }));
export const getTaskRes = (who: Person, id: string) =>
  oneTask.GET(jsonRequest(`/api/tasks/${id}`, { token: who.token }), params({ id }));
export const deleteTaskRes = (who: Person, id: string) =>
  oneTask.DELETE(jsonRequest(`/api/tasks/${id}`, { method: "DELETE", token: who.token }), params({ id }));

export async function orgOf(who: Person): Promise<string> {
  const [row] = await asService((sql) =>
    sql.query<{ org_id: string }>("select org_id from public.memberships where user_id = $1", [who.userId]),
  );
  return row.org_id;
}

/** A client with a conversation on a (never connected) Telegram channel of the organisation. */
export async function clientWithConversation(orgId: string, name: string, channelId?: string) {
  return asService(async (sql) => {
    const channel =
      channelId ??
      (
        await sql.query<{ id: string }>(
          "insert into public.channels (org_id, type, name) values ($1, 'telegram', 'Bot') returning id",
          [orgId],
        )
      )[0].id;
    const [contact] = await sql.query<{ id: string }>(
      "insert into public.contacts (org_id, name) values ($1, $2) returning id",
      [orgId, name],
    );
    const [conversation] = await sql.query<{ id: string }>(
      `insert into public.conversations (org_id, channel_id, contact_id, thread_id, last_inbound_at)
       values ($1, $2, $3, $4, now()) returning id`,
      [orgId, channel, contact.id, String(parseInt(randomBytes(4).toString("hex"), 16))],
    );
    return { channelId: channel, contactId: contact.id, conversationId: conversation.id };
  });
}

/**
 * Registers a listener of every task event, as a module would (a step on taskEventSteps that does not say
 * which it wants), so each phase the tasks module publishes is queued and taskEvents() sees it; returns the
 * unregistering. Without it only the phases a listener acts on are queued (automation's overdue).
 */
export function listenToTaskEvents(): () => void {
  const step: TaskEventStep = { name: "test.every-task-event", run: async () => {} };
  taskEventSteps.push(step);
  return () => void taskEventSteps.splice(taskEventSteps.indexOf(step), 1);
}

/** The tasks.task-event jobs queued for a task, as "phase" strings in order. */
export async function taskEvents(taskId: string): Promise<string[]> {
  const rows = await asService((sql) =>
    sql.query<{ phase: string }>(
      `select payload ->> 'phase' as phase from public.jobs
        where name = 'tasks.task-event' and payload ->> 'taskId' = $1 order by created_at, id`,
      [taskId],
    ),
  );
  return rows.map((r) => r.phase);
}
