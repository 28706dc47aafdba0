import { z } from "zod";
import { defineJob } from "@/lib/jobs/registry";
import { taskOverdueStep } from "@/lib/automation/triggers";

// The tasks module's event for other modules (automation's "task overdue" rules, analytics): a task was
// created, fell due, became overdue or was done. One `tasks.task-event` job per change, queued by the tasks
// module (the due/overdue ones by its reminder schedule); a listener adds a step below.

export const TASK_PHASES = ["created", "due", "overdue", "done"] as const;

export const taskEventPayload = z.object({
  taskId: z.uuid(),
  phase: z.enum(TASK_PHASES),
  kind: z.string(),
  title: z.string(),
  dueAt: z.string().nullable(),
  assigneeId: z.uuid().nullable(),
  contactId: z.uuid().nullable(),
  conversationId: z.uuid().nullable(),
  dealId: z.uuid().nullable(),
  source: z.string(),
});
export type TaskEvent = z.infer<typeof taskEventPayload>;

/** A module's reaction to a task event; runs as the service, retried with the job, so idempotent. */
export type TaskEventStep = { name: string; run(event: TaskEvent & { orgId: string }): Promise<void> };

// Listeners register here by hand (as lib/inbox/jobs.ts's afterInboundSteps), so no bundle can miss one.
export const taskEventSteps: TaskEventStep[] = [taskOverdueStep];

export const taskEvent = defineJob({
  name: "tasks.task-event",
  schema: taskEventPayload,
  maxAttempts: 5,
  async run(payload, ctx) {
    if (!ctx.orgId) throw new Error("tasks.task-event needs the organisation");
    const done: string[] = [];
    for (const step of taskEventSteps) {
      await step.run({ ...payload, orgId: ctx.orgId });
      done.push(step.name);
    }
    return { steps: done };
  },
});
