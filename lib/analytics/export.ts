import { ApiError } from "@/lib/api/errors";
import { withUser, type Claims, type Sql } from "@/lib/db";
import { compacting, resolveFilters, scope, type Filters } from "./filters";
import type { Cell, CsvSource } from "@/lib/export/csv";
import { noJit, reports, runReport, type ExportQuery, type ReportId } from "./index";

// CSV exports: a report's table (the same rows the API and the dashboard show), and every conversation of the
// period with its messages, which can be large. That one is read in keyset pages of conversations (the inbox
// index), each page in its own short RLS transaction as the caller, so an export of 100,000 rows neither holds
// them all nor holds a transaction (on PGlite, the only connection) open while the client downloads.

// 200 conversations (about 2,000 rows) a page: bounded memory (+14 to +19 MB after the first export of a
// process against +3 to +48 MB with 300, and over 100 MB with 500 or 1,000), at the same rate (README).
const PAGE = 200;

export async function reportCsv(sql: Sql, orgId: string, q: ExportQuery & { report: ReportId }): Promise<CsvSource> {
  const result = await runReport(sql, orgId, q.report, { ...q, compare: false });
  const name = q.table ?? Object.keys(reports[q.report].tables)[0];
  const table = result.tables[name];
  if (!table) throw new ApiError("bad_request", `query: table: ${q.report} has no table ${name}`);
  const header = table.columns.map((c) => c.key);
  const rows = table.rows.map((r) => header.map((k) => r[k]));
  async function* once() {
    yield rows;
  }
  return { name: `${q.report}-${name}`, header, batches: once(), delimiter: q.sep };
}

const MESSAGE_COLUMNS = [
  "conversation_id",
  "channel",
  "platform",
  "contact",
  "status",
  "assignee",
  "message_id",
  "occurred_at",
  "direction",
  "sender",
  "type",
  "text",
];

type Cursor = { at: string; id: string } | null;

async function page(sql: Sql, f: Filters, cursor: Cursor) {
  await noJit(sql);
  const s = scope(f);
  const at = s.p.add(cursor?.at ?? null);
  const id = s.p.add(cursor?.id ?? null);
  const conversations = await sql.query<{ id: string; last_message_at: string }>(
    `select c.id, to_json(c.last_message_at) #>> '{}' as last_message_at
       from public.conversations c join public.channels ch on ch.id = c.channel_id
      where c.org_id = ${s.org} and c.last_message_at >= ${s.from} and c.created_at < ${s.to} and ${s.channelOk("ch")}
        and (${at}::timestamptz is null or (c.last_message_at, c.id) < (${at}::timestamptz, ${id}::uuid))
      order by c.last_message_at desc, c.id desc limit ${PAGE}`,
    s.p.values,
  );
  if (!conversations.length) return { rows: [] as Cell[][], next: null };
  const ids = s.p.add(conversations.map((c) => c.id));
  const rows = await sql.query<Record<string, Cell>>(
    `select c.id as conversation_id, ch.name as channel, ch.type as platform, ct.name as contact, c.status,
            coalesce(nullif(pa.full_name, ''), pa.email) as assignee, m.id as message_id,
            to_json(m.occurred_at) #>> '{}' as occurred_at, m.direction, m.sender_type as sender, m.type,
            coalesce(m.text, m.transcript) as text
       from public.conversations c
       join unnest(${ids}::uuid[]) with ordinality as k(id, n) on k.id = c.id
       join public.channels ch on ch.id = c.channel_id
       join public.contacts ct on ct.id = c.contact_id
       left join public.profiles pa on pa.id = c.assignee_id
       join public.messages m on m.conversation_id = c.id and m.occurred_at >= ${s.from} and m.occurred_at < ${s.to}
      -- The page's ids as an index condition too: joined to the unnest alone, the planner misjudged the rows and
      -- hashed every conversation of the organisation for each page (100,000 rows for 300; 150 ms a page).
      where c.id = any(${ids}::uuid[])
      order by k.n, m.created_at, m.seq`,
    s.p.values,
  );
  const last = conversations[conversations.length - 1];
  return {
    rows: rows.map((r) => MESSAGE_COLUMNS.map((k) => r[k])),
    next: conversations.length < PAGE ? null : { at: last.last_message_at, id: last.id },
  };
}

/** Every conversation active in the period with its messages of the period, newest conversation first. */
export async function conversationsCsv(claims: Claims, sql: Sql, orgId: string, q: ExportQuery): Promise<CsvSource> {
  const f = await resolveFilters(sql, orgId, q);
  async function* pages() {
    let cursor: Cursor = null;
    do {
      const { rows, next } = await withUser(claims, (tx) => page(compacting(tx), f, cursor));
      cursor = next;
      if (rows.length) yield rows;
    } while (cursor);
  }
  return { name: "conversations", header: MESSAGE_COLUMNS, batches: pages(), delimiter: q.sep };
}

/**
 * GET /api/analytics/export's file: one report's table, or conversations with their messages. `sql` is a
 * transaction as the caller for what is read before the first byte (filters, a report's table); conversation
 * pages then each open their own.
 */
export const analyticsCsv = (sql: Sql, claims: Claims, orgId: string, q: ExportQuery) =>
  q.report === "conversations"
    ? conversationsCsv(claims, sql, orgId, q)
    : reportCsv(sql, orgId, { ...q, report: q.report });
