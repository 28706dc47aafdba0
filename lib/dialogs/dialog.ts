import { sha256Hex } from "@/lib/crypto";
import type { Sql } from "@/lib/db";
import type { QualificationQuestions } from "@/lib/ai/settings";

// A contact's dialog as analysis reads it: every conversation of the contact, on any channel, in time order.

/** The newest messages the model reads; older history of a long imported chat adds cost, not signal. */
export const MAX_DIALOG_MESSAGES = 200;
const MAX_MESSAGE_CHARS = 2_000;

export type DialogLine = {
  id: string;
  direction: "in" | "out";
  text: string | null;
  transcript: string | null;
  type: string;
  occurredAt: string;
};

export type ContactDialog = {
  contactId: string;
  contactName: string;
  phone: string | null;
  /** Oldest first, at most MAX_DIALOG_MESSAGES (the newest ones). */
  messages: DialogLine[];
  /** Over the whole history, not just the messages read. */
  incomingCount: number;
  messageCount: number;
  /** Where the lead is shown as coming from: the preferred channel if the contact wrote there, else the latest. */
  channelId: string | null;
  channelType: string | null;
  /** Seed 004's instanceName: the Evolution instance the lead came through; null on other channels. */
  instanceName: string | null;
};

type MessageRow = {
  contact_id: string;
  id: string;
  direction: "in" | "out";
  text: string | null;
  transcript: string | null;
  type: string;
  occurred_at: Date | string;
  total: number;
  incoming: number;
};

type ContactRow = {
  id: string;
  name: string;
  phone: string | null;
  channel_id: string | null;
  channel_type: string | null;
  instance_name: string | null;
};

/**
 * Loads the dialogs of several contacts in two queries (a batch reads them in chunks), as the service or a
 * member: RLS and the org filter agree. A contact that does not exist is absent from the map.
 */
export async function loadContactDialogs(
  sql: Sql,
  orgId: string,
  contactIds: readonly string[],
  options: { preferChannelId?: string | null } = {},
): Promise<Map<string, ContactDialog>> {
  const dialogs = new Map<string, ContactDialog>();
  if (!contactIds.length) return dialogs;
  const contacts = await sql.query<ContactRow>(
    `select ct.id, ct.name, ct.phone, ch.id as channel_id, ch.type as channel_type,
            case when ch.type = 'evolution' then ch.config ->> 'instanceName' end as instance_name
       from public.contacts ct
       left join lateral (
         select v.channel_id from public.conversations v
          where v.org_id = ct.org_id and v.contact_id = ct.id
          order by (v.channel_id = $3::uuid) desc nulls last, v.last_message_at desc, v.id
          limit 1
       ) conv on true
       left join public.channels ch on ch.org_id = ct.org_id and ch.id = conv.channel_id
      where ct.org_id = $1 and ct.id = any($2::uuid[])`,
    [orgId, contactIds, options.preferChannelId ?? null],
  );
  for (const c of contacts) {
    dialogs.set(c.id, {
      contactId: c.id,
      contactName: c.name,
      phone: c.phone,
      messages: [],
      incomingCount: 0,
      messageCount: 0,
      channelId: c.channel_id,
      channelType: c.channel_type,
      instanceName: c.instance_name,
    });
  }
  // Window counts are taken before the cut: the totals cover the whole history, the lines only the newest.
  const rows = await sql.query<MessageRow>(
    `select * from (
       select v.contact_id, m.id, m.direction, m.text, m.transcript, m.type, m.occurred_at, m.seq,
              count(*) over w::int as total,
              count(*) filter (where m.direction = 'in') over w::int as incoming,
              row_number() over (partition by v.contact_id order by m.occurred_at desc, m.seq desc) as newest
         from public.messages m
         join public.conversations v on v.org_id = m.org_id and v.id = m.conversation_id
        where m.org_id = $1 and v.contact_id = any($2::uuid[])
       window w as (partition by v.contact_id)
     ) x
     where newest <= $3
     order by contact_id, occurred_at, seq`,
    [orgId, contactIds, MAX_DIALOG_MESSAGES],
  );
  for (const r of rows) {
    const dialog = dialogs.get(r.contact_id);
    if (!dialog) continue;
    dialog.incomingCount = r.incoming;
    dialog.messageCount = r.total;
    dialog.messages.push({
      id: r.id,
      direction: r.direction,
      text: r.text,
      transcript: r.transcript,
      type: r.type,
      occurredAt: new Date(r.occurred_at).toISOString(),
    });
  }
  return dialogs;
}

/** One contact's dialog; undefined when there is no such contact. */
export async function loadContactDialog(
  sql: Sql,
  orgId: string,
  contactId: string,
  options: { preferChannelId?: string | null } = {},
): Promise<ContactDialog | undefined> {
  return (await loadContactDialogs(sql, orgId, [contactId], options)).get(contactId);
}

/** What the engines read of one message: its text, a voice note's transcript, or what kind of message it was. */
export function lineText(m: Pick<DialogLine, "text" | "transcript" | "type">): string {
  const parts = [m.text?.trim(), m.transcript?.trim() ? `(voice) ${m.transcript.trim()}` : undefined].filter(Boolean);
  const text = parts.length ? parts.join("\n") : `[${m.type}]`;
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
}

export function engineMessages(dialog: ContactDialog) {
  return dialog.messages.map((m) => ({ direction: m.direction, text: lineText(m), at: m.occurredAt }));
}

/**
 * What the analysis read: the messages (ids, text, transcripts), the questions asked, the engine and model.
 * Not the scoring preset: the score is recomputed from the stored analysis in code, without a model call.
 */
export function dialogInputHash(
  dialog: Pick<ContactDialog, "messages">,
  questions: QualificationQuestions,
  engine: string,
  model: string | null,
): string {
  return sha256Hex(
    JSON.stringify({
      v: 1,
      messages: dialog.messages.map((m) => [m.id, m.text, m.transcript]),
      questions,
      engine,
      model,
    }),
  );
}
