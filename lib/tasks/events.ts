import { z } from "zod";
import { defineEvent, type EventStep } from "@/lib/events/define";
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

export type TaskEventStep = EventStep<TaskEvent>;

export const taskEventSteps: TaskEventStep[] = [taskOverdueStep];

export const taskEvent = defineEvent({ name: "tasks.task-event", schema: taskEventPayload, steps: taskEventSteps });
