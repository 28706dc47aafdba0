import { afterCommit, orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { updateTaskSchema } from "@/lib/tasks/schemas";
import { deleteTask, getTask, updateTask } from "@/lib/tasks/tasks";

export const GET = orgRoute({}, ({ sql, orgId, params }) => getTask(sql, orgId, uuidParam(params)));

/** Edit, complete (status done) or reopen (status open); a new due time reschedules its reminders. */
export const PATCH = orgRoute({ role: "agent", body: updateTaskSchema }, async ({ sql, orgId, params, body }) => {
  const { task, afterCommit: publish } = await updateTask(sql, orgId, uuidParam(params), body);
  return afterCommit(async () => (await publish(), task));
});

export const DELETE = orgRoute({ role: "agent" }, ({ sql, orgId, params }) =>
  deleteTask(sql, orgId, uuidParam(params)),
);
