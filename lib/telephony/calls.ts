import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { withUser, type Claims, type Sql } from "@/lib/db";
import { csvListSource, type CsvColumns, type CsvSource } from "@/lib/export/csv";
import { CURSOR_TIME_SQL, decodeCursor, encodeCursor } from "@/lib/inbox/cursor";
import { CALL_SOURCES } from "./events";
import { recordingPath } from "./recording";

// The call log as members read it (RLS): filters, search, keyset pages; one call with its transcript and a
// signed recording link; the CSV export.

export const CALL_STATUSES = ["ringing", "answered", "missed", "busy", "failed", "unknown"] as const;

const turnSchema = z.object({
  speaker: z.enum(["agent", "client", "other"]),
  text: z.string(),
  start: z.number().optional(),
});

export const callSchema = z.object({
  id: z.uuid(),
  source: z.enum(CALL_SOURCES),
  connectionName: z.string(),
  direction: z.enum(["inbound", "outbound"]),
  from: z.string().nullable(),
  to: z.string().nullable(),
  clientPhone: z.string().nullable(),
  contactId: z.uuid().nullable(),
  contactName: z.string().nullable(),
  dealId: z.uuid().nullable(),
  memberId: z.uuid().nullable(),
  memberName: z.string().nullable(),
  extension: z.string().nullable(),
  status: z.enum(CALL_STATUSES),
  startedAt: z.string(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationSeconds: z.number().int().nullable(),
  waitSeconds: z.number().int().nullable(),
  hasRecording: z.boolean(),
  ai: z.boolean(),
  aiScore: z.number().int().nullable(),
  aiSummary: z.string().nullable(),
});
export type CallView = z.infer<typeof callSchema>;

export const callDetailSchema = callSchema.extend({
  transcript: z.array(turnSchema).nullable(),
  aiAnalysis: z.unknown().nullable(),
  /** A signed, expiring path the player streams the recording from; null without one. */
  recordingUrl: z.string().nullable(),
});
export type CallDetail = z.infer<typeof callDetailSchema>;

export const callsQuerySchema = z.object({
  direction: z.enum(["inbound", "outbound"]).optional(),
  status: z.enum(CALL_STATUSES).optional(),
  source: z.enum(CALL_SOURCES).optional(),
  member: z.uuid().optional(),
  contact: z.uuid().optional(),
  deal: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Digits of a number, or a contact's name. */
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CallsQuery = z.output<typeof callsQuerySchema>;
export const callsPageSchema = z.object({ calls: z.array(callSchema), nextCursor: z.string().nullable() });

const iso = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const SELECT = `
  select c.id, c.source, t.name as "connectionName", c.direction, c.from_number as "from", c.to_number as "to",
         c.client_phone as "clientPhone", c.contact_id as "contactId", nullif(ct.name, '') as "contactName",
         c.deal_id as "dealId", c.member_id as "memberId", nullif(p.full_name, '') as "memberName",
         c.extension, c.status, ${iso("c.started_at")} as "startedAt", ${iso("c.answered_at")} as "answeredAt",
         ${iso("c.ended_at")} as "endedAt", c.duration_seconds as "durationSeconds", c.wait_seconds as "waitSeconds",
         c.has_recording as "hasRecording", c.ai, c.ai_score as "aiScore", c.ai_summary as "aiSummary",
         ${CURSOR_TIME_SQL("c.started_at")} as "cursorAt"
    from public.calls c
    join public.telephony_connections t on t.id = c.connection_id
    left join public.contacts ct on ct.id = c.contact_id
    left join public.profiles p on p.id = c.member_id`;

function strip<T extends { cursorAt?: string }>(row: T): Omit<T, "cursorAt"> {
  const { cursorAt: _, ...rest } = row;
  return rest;
}

function whereOf(orgId: string, q: CallsQuery) {
  const params: unknown[] = [orgId];
  const where = ["c.org_id = $1"];
  const eq = (col: string, v: unknown) => v !== undefined && where.push(`${col} = $${params.push(v)}`);
  eq("c.direction", q.direction);
  eq("c.status", q.status);
  eq("c.source", q.source);
  eq("c.member_id", q.member);
  eq("c.contact_id", q.contact);
  eq("c.deal_id", q.deal);
  if (q.from) where.push(`c.started_at >= $${params.push(q.from)}::date`);
  if (q.to) where.push(`c.started_at < $${params.push(q.to)}::date + 1`);
  if (q.q) {
    const digits = q.q.replace(/\D/g, "");
    const name = `$${params.push(`%${q.q.toLowerCase().replace(/[\\%_]/g, "\\$&")}%`)}`;
    const byDigits =
      digits.length >= 3
        ? ` or regexp_replace(coalesce(c.client_phone, '') || ' ' || coalesce(c.from_number, '') || ' ' || coalesce(c.to_number, ''), '\\D', '', 'g') like $${params.push(`%${digits}%`)}`
        : "";
    where.push(`(lower(ct.name) like ${name}${byDigits})`);
  }
  return { params, where };
}

export async function listCalls(sql: Sql, orgId: string, q: CallsQuery) {
  const { params, where } = whereOf(orgId, q);
  const cursor = decodeCursor(q.cursor);
  if (cursor) {
    const at = `$${params.push(cursor.at)}::timestamptz`;
    where.push(`(c.started_at, c.id) < (${at}, $${params.push(cursor.key)}::uuid)`);
  }
  const rows = await sql.query<CallView & { cursorAt: string }>(
    `${SELECT} where ${where.join(" and ")} order by c.started_at desc, c.id desc limit $${params.push(q.limit + 1)}`,
    params,
  );
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { calls: page.map(strip), nextCursor: more && last ? encodeCursor(last.cursorAt, last.id) : null };
}

export async function getCall(sql: Sql, orgId: string, id: string): Promise<CallDetail> {
  if (!z.uuid().safeParse(id).success) throw new ApiError("not_found", "no such call");
  const [row] = await sql.query<
    CallView & { cursorAt: string; transcript: CallDetail["transcript"]; aiAnalysis: unknown }
  >(
    `${SELECT.replace("c.ai_summary as", 'c.transcript, c.ai_analysis as "aiAnalysis", c.ai_summary as')}
      where c.org_id = $1 and c.id = $2`,
    [orgId, id],
  );
  if (!row) throw new ApiError("not_found", "no such call");
  return { ...strip(row), recordingUrl: row.hasRecording ? recordingPath(row.id) : null };
}

const CSV_COLUMNS: CsvColumns<CallView> = [
  ["id", (c) => c.id],
  ["started_at", (c) => c.startedAt],
  ["direction", (c) => c.direction],
  ["status", (c) => c.status],
  ["source", (c) => c.source],
  ["from", (c) => c.from],
  ["to", (c) => c.to],
  ["client_phone", (c) => c.clientPhone],
  ["contact", (c) => c.contactName],
  ["manager", (c) => c.memberName],
  ["extension", (c) => c.extension],
  ["duration_seconds", (c) => c.durationSeconds],
  ["wait_seconds", (c) => c.waitSeconds],
  ["recording", (c) => c.hasRecording],
  ["ai", (c) => c.ai],
  ["ai_score", (c) => c.aiScore],
  ["ai_summary", (c) => c.aiSummary],
];

const CSV_PAGE = 200; // the list's own maximum page

export const callsExportQuerySchema = callsQuerySchema.omit({ cursor: true, limit: true });

/**
 * Every call the filters match, newest first, as a CSV source: the log's keyset pages, each in its own short RLS
 * transaction as the caller, so no export holds all its rows or a transaction while the client downloads.
 */
export function callsCsv(claims: Claims, orgId: string, q: z.output<typeof callsExportQuerySchema>): CsvSource {
  return csvListSource(
    "calls",
    CSV_COLUMNS,
    (cursor) =>
      withUser(claims, async (sql) => {
        const page = await listCalls(sql, orgId, { ...q, cursor: cursor ?? undefined, limit: CSV_PAGE });
        return { items: page.calls, cursor: page.nextCursor };
      }),
    ",",
  );
}
