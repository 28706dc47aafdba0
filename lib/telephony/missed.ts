import type { Sql } from "@/lib/db";
import { notify } from "@/lib/assistant/notifications";
import { createTask } from "@/lib/tasks/create";

// A missed inbound call becomes a call-back task and a notice, once per call (both keyed on the call's id, so
// a retried webhook or a second "missed" event adds nothing).

const TEXT = {
  en: { task: (who: string) => `Call back ${who}`, notice: (who: string) => `Missed call from ${who}` },
  ru: { task: (who: string) => `Перезвонить: ${who}`, notice: (who: string) => `Пропущенный звонок: ${who}` },
};

/**
 * Who calls back: the owner of the contact's newest open deal, else the agent on their newest conversation,
 * else whose extension rang, else the member (agent or above) given a telephony task longest ago.
 */
async function callbackAssignee(sql: Sql, orgId: string, contactId: string | null, memberId: string | null) {
  if (contactId) {
    const [owner] = await sql.query<{ id: string }>(
      `select d.owner_id as id from public.deals d join public.memberships m on m.org_id = d.org_id and m.user_id = d.owner_id
        where d.org_id = $1 and d.contact_id = $2 and d.closed_at is null and d.owner_id is not null
        order by d.created_at desc limit 1`,
      [orgId, contactId],
    );
    if (owner) return owner.id;
    const [assignee] = await sql.query<{ id: string }>(
      `select c.assignee_id as id from public.conversations c
         join public.memberships m on m.org_id = c.org_id and m.user_id = c.assignee_id
        where c.org_id = $1 and c.contact_id = $2 and c.assignee_id is not null
        order by c.last_message_at desc limit 1`,
      [orgId, contactId],
    );
    if (assignee) return assignee.id;
  }
  if (memberId) return memberId;
  const [next] = await sql.query<{ id: string }>(
    `select m.user_id as id from public.memberships m
      where m.org_id = $1 and m.role in ('owner', 'admin', 'manager', 'agent')
      order by (select max(t.created_at) from public.tasks t
                 where t.org_id = m.org_id and t.assignee_id = m.user_id and t.source = 'telephony') asc nulls first,
               m.created_at
      limit 1`,
    [orgId],
  );
  return next?.id ?? null;
}

export async function afterMissedCall(
  sql: Sql,
  c: { orgId: string; callId: string; contactId: string | null; memberId: string | null; clientPhone: string | null },
): Promise<void> {
  const assigneeId = await callbackAssignee(sql, c.orgId, c.contactId, c.memberId);
  const [who] = c.contactId
    ? await sql.query<{ name: string }>(
        "select coalesce(nullif(name, ''), phone, '') as name from public.contacts where id = $1",
        [c.contactId],
      )
    : [];
  const [profile] = assigneeId
    ? await sql.query<{ locale: "en" | "ru" }>("select locale from public.profiles where id = $1", [assigneeId])
    : [];
  const text = TEXT[profile?.locale ?? "en"];
  const name = who?.name || c.clientPhone || "—";
  const taskId = await createTask(sql, {
    orgId: c.orgId,
    kind: "callback",
    title: text.task(name),
    contactId: c.contactId,
    phone: c.clientPhone,
    assigneeId,
    dueAt: new Date(Date.now() + 60 * 60 * 1000),
    source: "telephony",
    dedupeKey: `call:${c.callId}`,
  });
  await notify(sql, {
    orgId: c.orgId,
    userId: assigneeId,
    kind: "call",
    title: text.notice(name),
    contactId: c.contactId,
    taskId,
    link: `/calls?call=${c.callId}`,
    dedupeKey: `call-missed:${c.callId}`,
  });
}
