import { api } from "@/lib/client/api";

// What the tasks screens read and write: the shapes of lib/tasks (GET /api/tasks, /api/tasks/appointments).
export type Task = {
  id: string;
  kind: "callback" | "follow_up" | "todo" | "call" | "meeting" | "email";
  title: string;
  notes: string;
  status: "open" | "done" | "cancelled";
  dueAt: string | null;
  remindBeforeMinutes: number | null;
  preferredTime: string | null;
  phone: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  contactId: string | null;
  contactName: string | null;
  conversationId: string | null;
  dealId: string | null;
  dealTitle: string | null;
  source: string;
  completedAt: string | null;
  createdAt: string;
};
export type TasksPage = { tasks: Task[]; nextCursor: string | null };

export type Appointment = {
  id: string;
  contactId: string;
  contactName: string;
  conversationId: string | null;
  startsAt: string;
  endsAt: string;
  note: string | null;
  status: "booked" | "cancelled" | "done";
  source: "manual" | "assistant";
  reminderStatus: "sent" | "skipped" | null;
  reminderReason: string | null;
};
export type Slot = { label: string; startsAt: string; endsAt: string };
export type Week = {
  timezone: string;
  slotMinutes: number;
  from: string;
  to: string;
  appointments: Appointment[];
  freeSlots: Slot[];
};

/** Where a panel's tasks hang: a deal, a client or a conversation (at most one is usually given). */
export type TaskScope = { dealId?: string; contactId?: string; conversationId?: string };

// Keys start with the table whose change makes them stale (components/shell/live-updates.ts).
export const taskKeys = {
  all: ["tasks"] as const,
  list: (filter: Record<string, string | undefined>) => ["tasks", "list", filter] as const,
  week: (from: string) => ["appointments", "week", from] as const,
};

const query = (filter: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1]))).toString();

export const fetchTasks = (filter: Record<string, string | undefined>, signal?: AbortSignal) =>
  api<TasksPage>(`/api/tasks?${query(filter)}`, { signal });

export type NewTask = { title: string; dueAt?: string | null } & TaskScope;
export const createTask = (body: NewTask) => api<Task>("/api/tasks", { method: "POST", body });

export type TaskPatch = Partial<Pick<Task, "title" | "notes" | "dueAt" | "assigneeId" | "status">>;
export const updateTask = (id: string, body: TaskPatch) => api<Task>(`/api/tasks/${id}`, { method: "PATCH", body });
export const deleteTask = (id: string) => api<void>(`/api/tasks/${id}`, { method: "DELETE" });

export const fetchWeek = (from: string, signal?: AbortSignal) =>
  api<Week>(`/api/tasks/appointments?${query({ from, days: "7" })}`, { signal });
export const createAppointment = (body: { contactId: string; startsAt: string; note?: string }) =>
  api<Appointment>("/api/tasks/appointments", { method: "POST", body });
export const cancelAppointment = (id: string) =>
  api<Appointment>(`/api/tasks/appointments/${id}`, { method: "PATCH", body: { status: "cancelled" } });

export type ClientHit = { id: string; name: string; phone: string | null };
export const searchClients = (q: string, signal?: AbortSignal) =>
  api<{ clients: ClientHit[] }>(`/api/crm/clients?${query({ q, limit: "8" })}`, { signal });

/** Overdue, today, upcoming, someday (no due time) for the open ones; the local day decides "today". */
export function bucketOf(task: Task, now: Date): "overdue" | "today" | "upcoming" | "someday" {
  if (!task.dueAt) return "someday";
  const due = new Date(task.dueAt);
  if (due.getTime() < now.getTime()) return "overdue";
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return due < end ? "today" : "upcoming";
}

/** `<input type="datetime-local">` value for an instant, in the browser's zone, and back. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
export const fromLocalInput = (value: string): string | null => (value ? new Date(value).toISOString() : null);
