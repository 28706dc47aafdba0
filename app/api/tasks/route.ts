import { afterCommit, orgRoute } from "@/lib/api/handler";
import { createTaskSchema, tasksQuerySchema } from "@/lib/tasks/schemas";
import { createTask, listTasks } from "@/lib/tasks/tasks";

/** Tasks the caller may see, filtered (assignee=me, status, due range, deal/client/conversation); keyset cursor. */
export const GET = orgRoute({ query: tasksQuerySchema }, ({ sql, orgId, query }) => listTasks(sql, orgId, query));

/** 201 with the task; its created event and reminders are requested once it has committed. */
export const POST = orgRoute({ role: "agent", body: createTaskSchema }, async ({ sql, orgId, body }) => {
  const { task, afterCommit: publish } = await createTask(sql, orgId, body);
  return afterCommit(async () => (await publish(), Response.json(task, { status: 201 })));
});
