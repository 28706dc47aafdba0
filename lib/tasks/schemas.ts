import { z } from "zod";

// The tasks API's shapes: what a task looks like to the browser and what it may send.

export const TASK_KINDS = ["callback", "follow_up", "todo", "call", "meeting", "email"] as const;
export const TASK_STATUSES = ["open", "done", "cancelled"] as const;

export const taskSchema = z.object({
  id: z.uuid(),
  kind: z.enum(TASK_KINDS),
  title: z.string(),
  notes: z.string(),
  status: z.enum(TASK_STATUSES),
  dueAt: z.string().nullable(),
  remindBeforeMinutes: z.number().int().nullable(),
  /** As the client said it ("завтра после обеда") when the assistant could not read a time. */
  preferredTime: z.string().nullable(),
  phone: z.string().nullable(),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  contactId: z.uuid().nullable(),
  contactName: z.string().nullable(),
  conversationId: z.uuid().nullable(),
  dealId: z.uuid().nullable(),
  dealTitle: z.string().nullable(),
  source: z.string(),
  createdBy: z.uuid().nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TaskView = z.infer<typeof taskSchema>;

const when = z.iso.datetime({ offset: true });
const title = z.string().trim().min(1, "is required").max(500);
const notes = z.string().max(5000);
const remind = z.number().int().min(1).max(10080);

export const createTaskSchema = z.object({
  title,
  notes: notes.optional(),
  kind: z.enum(TASK_KINDS).optional(),
  dueAt: when.nullable().optional(),
  remindBeforeMinutes: remind.nullable().optional(),
  /** Omitted: the caller; null: nobody yet. */
  assigneeId: z.uuid().nullable().optional(),
  contactId: z.uuid().nullable().optional(),
  conversationId: z.uuid().nullable().optional(),
  dealId: z.uuid().nullable().optional(),
});

export const updateTaskSchema = z.object({
  title: title.optional(),
  notes: notes.optional(),
  kind: z.enum(TASK_KINDS).optional(),
  dueAt: when.nullable().optional(),
  remindBeforeMinutes: remind.nullable().optional(),
  assigneeId: z.uuid().nullable().optional(),
  /** done completes it, open reopens it. */
  status: z.enum(TASK_STATUSES).optional(),
});

export const tasksQuerySchema = z.object({
  /** "me", "none" (unassigned) or a member's id. */
  assignee: z.union([z.enum(["me", "none"]), z.uuid()]).optional(),
  /** Default open; "all" for every status. */
  status: z.enum([...TASK_STATUSES, "all"]).default("open"),
  dueFrom: when.optional(),
  dueTo: when.optional(),
  /** Open tasks whose due time has passed. */
  overdue: z
    .enum(["true", "false", "1", "0"])
    .transform((v) => v === "true" || v === "1")
    .optional(),
  dealId: z.uuid().optional(),
  contactId: z.uuid().optional(),
  conversationId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
});
export type TasksQuery = z.output<typeof tasksQuerySchema>;

export const tasksPageSchema = z.object({ tasks: z.array(taskSchema), nextCursor: z.string().nullable() });
