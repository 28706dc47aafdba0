import { z } from "zod";
import type { Sql } from "@/lib/db";

// In-app notices for managers (hand-off, call-back, appointment). Written by the service; each member reads
// their own and the organisation-wide ones (user_id null) through RLS.

export const notificationKinds = [
  "handoff",
  "callback",
  "appointment",
  "lead",
  "system",
  "mention",
  "task",
  "deal",
  "call",
  "automation",
  "report",
] as const;

export const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.enum(notificationKinds),
  title: z.string(),
  body: z.string(),
  conversationId: z.uuid().nullable(),
  contactId: z.uuid().nullable(),
  dealId: z.uuid().nullable(),
  taskId: z.uuid().nullable(),
  /** The in-app path the notice opens when it is not a conversation (/tasks?task=…). */
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationView = z.infer<typeof notificationSchema>;

export const notificationsQuerySchema = z.object({
  unread: z
    .enum(["true", "false", "1", "0"])
    .transform((v) => v === "true" || v === "1")
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const notificationsPageSchema = z.object({
  notifications: z.array(notificationSchema),
  unread: z.number().int(),
});
export const markReadSchema = z.object({ ids: z.array(z.uuid()).min(1).max(500).optional() });

export type NewNotification = {
  orgId: string;
  /** null: everyone in the organisation. */
  userId: string | null;
  kind: (typeof notificationKinds)[number];
  title: string;
  body?: string;
  conversationId?: string | null;
  contactId?: string | null;
  dealId?: string | null;
  taskId?: string | null;
  /** An in-app path the notice opens, e.g. /calls?call=… */
  link?: string | null;
  /** Notify once for this key (a retried job does not notify twice). */
  dedupeKey?: string | null;
};

export async function notify(sql: Sql, n: NewNotification): Promise<void> {
  await sql.query(
    `insert into public.notifications (org_id, user_id, kind, title, body, conversation_id, contact_id, deal_id,
       task_id, link, dedupe_key)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     on conflict (org_id, dedupe_key) where dedupe_key is not null do nothing`,
    [
      n.orgId,
      n.userId,
      n.kind,
      n.title.slice(0, 300),
      (n.body ?? "").slice(0, 2000),
      n.conversationId ?? null,
      n.contactId ?? null,
      n.dealId ?? null,
      n.taskId ?? null,
      n.link ?? null,
      n.dedupeKey ?? null,
    ],
  );
}

type Row = {
  id: string;
  kind: NotificationView["kind"];
  title: string;
  body: string;
  conversation_id: string | null;
  contact_id: string | null;
  deal_id: string | null;
  task_id: string | null;
  link: string | null;
  read_at: Date | null;
  created_at: Date;
};

/** The caller's notifications (RLS: theirs and the organisation-wide ones), newest first, with the unread count. */
export async function listNotifications(sql: Sql, orgId: string, query: z.output<typeof notificationsQuerySchema>) {
  const rows = await sql.query<Row>(
    `select id, kind, title, body, conversation_id, contact_id, deal_id, task_id, link, read_at, created_at
       from public.notifications
      where org_id = $1 and (not $2 or read_at is null)
      order by created_at desc, id desc limit $3`,
    [orgId, query.unread ?? false, query.limit],
  );
  const [count] = await sql.query<{ n: number }>(
    "select count(*)::int as n from public.notifications where org_id = $1 and read_at is null",
    [orgId],
  );
  return {
    notifications: rows.map((r): NotificationView => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      conversationId: r.conversation_id,
      contactId: r.contact_id,
      dealId: r.deal_id,
      taskId: r.task_id,
      link: r.link,
      readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
      createdAt: new Date(r.created_at).toISOString(),
    })),
    unread: count.n,
  };
}

/** Marks the given ones (or all the caller can see) read; returns how many changed. */
export async function markRead(sql: Sql, orgId: string, ids: string[] | undefined) {
  const rows = await sql.query(
    `update public.notifications set read_at = now()
      where org_id = $1 and read_at is null and ($2::jsonb is null or id in (select jsonb_array_elements_text($2::jsonb)::uuid))
      returning id`,
    [orgId, ids ? JSON.stringify(ids) : null],
  );
  return { updated: rows.length };
}
