import type { z } from "zod";
import { withUser, type Claims } from "@/lib/db";
import { csvDelimiterParam, csvListSource, type CsvColumns, type CsvSource } from "@/lib/export/csv";
import { tasksQuerySchema, type TaskView } from "./schemas";
import { listTasks } from "./tasks";

// The tasks list as a streamed CSV with the list's filters (assignee, status, due range, deal / client /
// conversation), through the shared streamer: each page in its own short RLS transaction as the caller.

const PAGE = 200; // the list's own maximum page

export const tasksExportQuerySchema = tasksQuerySchema
  .omit({ cursor: true, limit: true })
  .extend({ delimiter: csvDelimiterParam });

const COLUMNS: CsvColumns<TaskView> = [
  ["id", (t) => t.id],
  ["kind", (t) => t.kind],
  ["title", (t) => t.title],
  ["status", (t) => t.status],
  ["due_at", (t) => t.dueAt],
  ["preferred_time", (t) => t.preferredTime],
  ["assignee", (t) => t.assigneeName],
  ["contact", (t) => t.contactName],
  ["deal", (t) => t.dealTitle],
  ["phone", (t) => t.phone],
  ["notes", (t) => t.notes],
  ["source", (t) => t.source],
  ["completed_at", (t) => t.completedAt],
  ["created_at", (t) => t.createdAt],
];

export function tasksCsv(claims: Claims, orgId: string, query: z.output<typeof tasksExportQuerySchema>): CsvSource {
  const { delimiter, ...filters } = query;
  return csvListSource(
    "tasks",
    COLUMNS,
    (cursor) =>
      withUser(claims, async (sql) => {
        const page = await listTasks(sql, orgId, { ...filters, cursor: cursor ?? undefined, limit: PAGE });
        return { items: page.tasks, cursor: page.nextCursor };
      }),
    delimiter,
  );
}
