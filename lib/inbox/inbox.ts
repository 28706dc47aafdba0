import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { channelTypeSchema, type ChannelType } from "@/lib/channels/types";
import { aiModeSchema, effectiveMode, loadAiSettings, type AiMode, type AiSettings } from "@/lib/ai/settings";
import { CURSOR_TIME_SQL, decodeCursor, encodeCursor } from "./cursor";
import { labelSchema, type LabelView } from "./labels";
import { searchMatches } from "./search";
import { windowClosesAt } from "./networks";

export const conversationStatuses = ["open", "pending", "resolved"] as const;

export const inboxQuerySchema = z.object({
  channel: z.uuid().optional(),
  status: z.enum(conversationStatuses).optional(),
  /** "me", "unassigned", or a member's user id. */
  assignee: z.union([z.enum(["me", "unassigned"]), z.uuid()]).optional(),
  unread: z
    .enum(["true", "false", "1", "0"])
    .transform((v) => v === "true" || v === "1")
    .optional(),
  /** Conversations with this label. */
  label: z.uuid().optional(),
  /** true: only snoozed conversations; otherwise snoozed ones stay out of the list until they wake. */
  snoozed: z
    .enum(["true", "false", "1", "0"])
    .transform((v) => v === "true" || v === "1")
    .optional(),
  /**
   * Search: the conversations' messages (full text, Russian and English), and the contact's name or phone
   * number. A message match names the message (`match`), so opening the result can scroll to it.
   */
  q: z.string().trim().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type InboxQuery = z.output<typeof inboxQuerySchema>;

export const inboxItemSchema = z.object({
  id: z.uuid(),
  status: z.enum(conversationStatuses),
  unreadCount: z.number().int(),
  channel: z.object({ id: z.uuid(), type: channelTypeSchema, name: z.string() }),
  contact: z.object({ id: z.uuid(), name: z.string() }),
  assignee: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  lastMessage: z.object({ preview: z.string(), direction: z.enum(["in", "out"]).nullable(), at: z.string() }),
  lastInboundAt: z.string().nullable(),
  /** WhatsApp's 24-hour window for free text: when it closes (past = closed); null when the channel has none. */
  windowClosesAt: z.string().nullable(),
  /** The conversation's own AI mode (null: the channel's or the organisation's) and the one in effect. */
  aiMode: aiModeSchema.nullable(),
  effectiveAiMode: aiModeSchema,
  /** Why auto-replies stopped: the assistant handed off, or an agent replied themselves. */
  aiPausedReason: z.enum(["handoff", "agent_reply"]).nullable(),
  needsHuman: z.boolean(),
  handoffReason: z.string().nullable(),
  labels: z.array(labelSchema),
  /** Out of the list until then (it comes back unread); null when not snoozed. */
  snoozedUntil: z.string().nullable(),
  /** With a search: the newest message that matched, or null when the contact's name or phone did. */
  match: z.object({ messageId: z.uuid(), text: z.string() }).nullable().optional(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;
export const inboxPageSchema = z.object({ items: z.array(inboxItemSchema), nextCursor: z.string().nullable() });

type InboxRow = {
  id: string;
  status: InboxItem["status"];
  unread_count: number;
  last_message_at: Date;
  cursor_at: string;
  last_message_preview: string;
  last_message_direction: "in" | "out" | null;
  last_inbound_at: Date | null;
  channel_id: string;
  channel_type: ChannelType;
  channel_name: string;
  contact_id: string;
  contact_name: string;
  assignee_id: string | null;
  assignee_name: string | null;
  assignee_email: string | null;
  ai_mode: AiMode | null;
  ai_paused_reason: InboxItem["aiPausedReason"];
  needs_human: boolean;
  handoff_reason: string | null;
  labels: LabelView[];
  snoozed_until: Date | null;
};

const SELECT = `
  select c.id, c.status, c.unread_count, c.last_message_at, ${CURSOR_TIME_SQL("c.last_message_at")} as cursor_at,
         c.last_message_preview, c.last_message_direction, c.last_inbound_at,
         ch.id as channel_id, ch.type as channel_type, ch.name as channel_name,
         ct.id as contact_id, ct.name as contact_name,
         c.assignee_id, p.full_name as assignee_name, p.email as assignee_email,
         c.ai_mode, c.ai_paused_reason, c.needs_human, c.handoff_reason, c.snoozed_until,
         coalesce((select json_agg(json_build_object('id', l.id, 'name', l.name, 'color', l.color) order by l.name)
                     from public.conversation_labels cl join public.labels l on l.id = cl.label_id
                    where cl.conversation_id = c.id), '[]') as labels
    from public.conversations c
    join public.channels ch on ch.id = c.channel_id
    join public.contacts ct on ct.id = c.contact_id
    left join public.profiles p on p.id = c.assignee_id`;

function toItem(r: InboxRow, ai: AiSettings): InboxItem {
  return {
    id: r.id,
    status: r.status,
    unreadCount: r.unread_count,
    channel: { id: r.channel_id, type: r.channel_type, name: r.channel_name },
    contact: { id: r.contact_id, name: r.contact_name },
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name || r.assignee_email || "" } : null,
    lastMessage: {
      preview: r.last_message_preview,
      direction: r.last_message_direction,
      at: new Date(r.last_message_at).toISOString(),
    },
    lastInboundAt: r.last_inbound_at ? new Date(r.last_inbound_at).toISOString() : null,
    windowClosesAt: windowClosesAt(r.channel_type, r.last_inbound_at)?.toISOString() ?? null,
    aiMode: r.ai_mode,
    effectiveAiMode: effectiveMode(ai, r.channel_id, r.ai_mode),
    aiPausedReason: r.ai_paused_reason,
    needsHuman: r.needs_human,
    handoffReason: r.handoff_reason,
    labels: r.labels,
    snoozedUntil: r.snoozed_until ? new Date(r.snoozed_until).toISOString() : null,
  };
}

/**
 * How a search finds its conversations: "rare" collects the few matching messages through the GIN index; "common"
 * walks conversations newest first and stops after a page (collecting every match of a common word took
 * 0.6-1.2 s at 1,000,000 messages, this takes milliseconds). private.search_matches_many tells which.
 */
export type SearchPlan = "rare" | "common";
// The contact's name (any part of it) or phone (four or more of its digits, however the agent typed them).
const CONTACT_MATCH = `(ct.name ilike '%' || $9 || '%'
    or (length(regexp_replace($9, '\\D', '', 'g')) >= 4 and ct.phone like '%' || regexp_replace($9, '\\D', '', 'g') || '%'))`;
const SEARCH: Record<SearchPlan | "none", string> = {
  // $9 is referenced either way, so the statement's parameters keep their types.
  none: "$9::text is null",
  rare: `(c.id in (select private.search_conversations($1, $9)) or ${CONTACT_MATCH})`,
  // A plain AND-ed EXISTS: the planner makes it a semi-join that stops with the LIMIT (under an OR it became a
  // hashed subplan over every match).
  common: `(exists (select 1 from public.messages m where m.conversation_id = c.id
                      and m.search @@ (websearch_to_tsquery('russian', $9) || websearch_to_tsquery('english', $9)))
            or ${CONTACT_MATCH})`,
};

/** The inbox list query (bench/ingest times it as is); `search` only with a search term ($9). */
export const inboxQuery = (search?: SearchPlan) => `${SELECT}
     where c.org_id = $1
       and ($2::uuid is null or c.channel_id = $2)
       and ($3::text is null or c.status = $3)
       and (not $4 or c.assignee_id is null)
       and ($5::uuid is null or c.assignee_id = $5)
       and (not $6 or c.unread_count > 0)
       and ($7::timestamptz is null or (c.last_message_at, c.id) < ($7::timestamptz, $8::uuid))
       and ${SEARCH[search ?? "none"]}
       and ($11::uuid is null or exists (select 1 from public.conversation_labels cl
                                          where cl.conversation_id = c.id and cl.label_id = $11))
       and (case when $12 then c.snoozed_until > now() else c.snoozed_until is null or c.snoozed_until <= now() end)
     order by c.last_message_at desc, c.id desc
     limit $10`;

export async function searchPlan(sql: Sql, orgId: string, q: string): Promise<SearchPlan> {
  const [{ many }] = await sql.query<{ many: boolean }>("select private.search_matches_many($1, $2) as many", [
    orgId,
    q,
  ]);
  return many ? "common" : "rare";
}

export function inboxParams(orgId: string, userId: string | undefined, query: InboxQuery): unknown[] {
  const cursor = decodeCursor(query.cursor);
  return [
    orgId,
    query.channel ?? null,
    query.status ?? null,
    query.assignee === "unassigned",
    query.assignee === "me" ? userId : query.assignee === "unassigned" ? null : (query.assignee ?? null),
    query.unread ?? false,
    cursor?.at ?? null,
    cursor?.key ?? null,
    query.q ?? null,
    query.limit + 1,
    query.label ?? null,
    query.snoozed ?? false,
  ];
}

/**
 * The inbox list through RLS: newest activity first, keyset-paginated on (last_message_at, id) so pages stay
 * stable while new messages arrive. `userId` resolves assignee=me.
 */
export async function listInbox(sql: Sql, orgId: string, userId: string | undefined, query: InboxQuery) {
  if (query.assignee === "me" && !userId) {
    throw new ApiError("bad_request", "assignee: 'me' needs a signed-in user, not an API key");
  }
  const plan = query.q ? await searchPlan(sql, orgId, query.q) : undefined;
  const rows = await sql.query<InboxRow>(inboxQuery(plan), inboxParams(orgId, userId, query));
  const ai = await loadAiSettings(sql, orgId);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const matches = query.q
    ? await searchMatches(
        sql,
        orgId,
        page.map((r) => r.id),
        query.q,
      )
    : undefined;
  return {
    items: page.map((r) => ({ ...toItem(r, ai), ...(matches && { match: matches.get(r.id) ?? null }) })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.cursor_at, last.id) : null,
  };
}

/** One conversation as the inbox lists it; 404 when it is not the caller's organisation's. */
export async function getInboxItem(sql: Sql, orgId: string, id: string): Promise<InboxItem> {
  const [row] = await sql.query<InboxRow>(`${SELECT} where c.org_id = $1 and c.id = $2`, [orgId, id]);
  if (!row) throw new ApiError("not_found", "conversation not found");
  return toItem(row, await loadAiSettings(sql, orgId));
}

export const unreadCountSchema = z.object({ conversations: z.number().int() });

/** How many conversations wait with unread client messages (not snoozed, not resolved): the tab title's count. */
export async function countUnread(sql: Sql, orgId: string) {
  const [row] = await sql.query<{ n: number }>(
    `select count(*)::int as n from public.conversations c
      where c.org_id = $1 and c.unread_count > 0 and c.status <> 'resolved'
        and (c.snoozed_until is null or c.snoozed_until <= now())`,
    [orgId],
  );
  return { conversations: row.n };
}
