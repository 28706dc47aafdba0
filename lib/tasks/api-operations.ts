import type { Op } from "@/lib/api/openapi";
import {
  appointmentSchema,
  appointmentSettingsSchema,
  createAppointmentSchema,
  updateAppointmentSchema,
  weekQuerySchema,
  weekSchema,
} from "./appointments";
import { tasksExportQuerySchema } from "./export";
import { createTaskSchema, taskSchema, tasksPageSchema, tasksQuerySchema, updateTaskSchema } from "./schemas";

// Tasks, reminders and appointments in /api/openapi.json.
export const tasksOperations: Op[] = [
  {
    method: "get",
    path: "/api/tasks",
    summary: "Tasks (assignee=me, status, due range, deal/client/conversation); open by due time; keyset cursor",
    tag: "tasks",
    query: tasksQuerySchema,
    response: tasksPageSchema,
  },
  {
    method: "post",
    path: "/api/tasks",
    summary: "Create a task (the caller's unless assigneeId says otherwise); reminded at its due time",
    tag: "tasks",
    body: createTaskSchema,
    response: taskSchema,
    status: 201,
  },
  {
    method: "get",
    path: "/api/tasks/export",
    summary: "The filtered tasks as a streamed CSV (UTF-8 with BOM, `,` or `;`)",
    tag: "tasks",
    query: tasksExportQuerySchema,
  },
  { method: "get", path: "/api/tasks/{id}", summary: "A task", tag: "tasks", response: taskSchema },
  {
    method: "patch",
    path: "/api/tasks/{id}",
    summary: "Edit a task, complete it (status done) or reopen it (status open)",
    tag: "tasks",
    body: updateTaskSchema,
    response: taskSchema,
  },
  { method: "delete", path: "/api/tasks/{id}", summary: "Delete a task", tag: "tasks", status: 204 },
  {
    method: "get",
    path: "/api/tasks/appointments",
    summary: "The week view: appointments and the free slots the assistant books from",
    tag: "appointments",
    query: weekQuerySchema,
    response: weekSchema,
  },
  {
    method: "post",
    path: "/api/tasks/appointments",
    summary: "Book an appointment by hand (409 when the time is booked already)",
    tag: "appointments",
    body: createAppointmentSchema,
    response: appointmentSchema,
    status: 201,
  },
  {
    method: "get",
    path: "/api/tasks/appointments/{id}",
    summary: "An appointment",
    tag: "appointments",
    response: appointmentSchema,
  },
  {
    method: "patch",
    path: "/api/tasks/appointments/{id}",
    summary: "Cancel an appointment, mark it done or book it again",
    tag: "appointments",
    body: updateAppointmentSchema,
    response: appointmentSchema,
  },
  {
    method: "get",
    path: "/api/tasks/appointments/settings",
    summary: "The client's automatic reminder before an appointment",
    tag: "appointments",
    response: appointmentSettingsSchema,
  },
  {
    method: "put",
    path: "/api/tasks/appointments/settings",
    summary: "Change the client's reminder: on/off, hours before, WhatsApp template (managers)",
    tag: "appointments",
    body: appointmentSettingsSchema,
    response: appointmentSettingsSchema,
  },
];
