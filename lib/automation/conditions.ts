import type { Sql } from "@/lib/db";
import type { Condition } from "./schema";

// What a rule's conditions look at: one read of the deal with its contact's latest lead and conversation.
// The same facts serve the engine (as the service) and the dry run (through the caller's RLS).

export type DealFacts = {
  id: string;
  title: string;
  pipelineId: string;
  stageId: string;
  stageName: string;
  ownerId: string | null;
  contactId: string | null;
  tags: string[];
  amount: number | null;
  createdAt: string;
  closed: boolean;
  score: number | null;
  interest: string | null;
  conversationId: string | null;
  channelType: string | null;
  hasClientReply: boolean;
};

/** The deal's facts, or null when it does not exist (or the caller may not see it). */
export async function loadDealFacts(sql: Sql, orgId: string, dealId: string): Promise<DealFacts | null> {
  const [row] = await loadDealsFacts(sql, orgId, [dealId]);
  return row ?? null;
}

/**
 * The facts of several deals in one query (the sweep's batch); deals gone are left out. A lead is its contact's
 * in the same organisation (its foreign key), and with org_id the probe is leads' unique index, not a scan of
 * every lead per deal (bench/pipeline: most of the sweep's time with 100,000 leads).
 */
export function loadDealsFacts(sql: Sql, orgId: string, dealIds: string[]): Promise<DealFacts[]> {
  return sql.query<DealFacts>(
    `select d.id, d.title, d.pipeline_id as "pipelineId", d.stage_id as "stageId", s.name as "stageName",
            d.owner_id as "ownerId", d.contact_id as "contactId", d.tags, d.amount::float8 as amount,
            d.created_at::text as "createdAt", d.closed_at is not null as closed,
            l.score, l.interest_level as interest, c.id as "conversationId", ch.type as "channelType",
            exists (select 1 from public.conversations cc where cc.contact_id = d.contact_id
                      and cc.last_inbound_at is not null) as "hasClientReply"
       from public.deals d
       join public.stages s on s.id = d.stage_id
       left join lateral (select score, interest_level from public.leads
                           where org_id = d.org_id and contact_id = d.contact_id
                           order by updated_at desc nulls last limit 1) l on true
       left join lateral (select id, channel_id from public.conversations
                           where contact_id = d.contact_id order by last_message_at desc limit 1) c on true
       left join public.channels ch on ch.id = c.channel_id
      where d.org_id = $1 and d.id = any($2::uuid[])`,
    [orgId, dealIds],
  );
}

/** What the event adds to the facts: the message that arrived, for "first reply". */
export type EventFacts = { messageId?: string };

export type ConditionResult = { type: Condition["type"]; passed: boolean; detail: string };

/**
 * Whether the client's message is their first since the deal was opened: no earlier inbound message of the
 * deal's contact after the deal's creation (seq orders one transaction's messages, which share created_at).
 */
async function isFirstReply(sql: Sql, deal: DealFacts, messageId: string | undefined) {
  if (!messageId || !deal.contactId) return false;
  const [row] = await sql.query<{ first: boolean }>(
    `select not exists (
       select 1 from public.messages m join public.conversations c on c.id = m.conversation_id
        where c.contact_id = $1 and m.direction = 'in' and m.id <> $2
          and m.created_at >= $3::timestamptz
          and m.seq < (select seq from public.messages where id = $2)) as first`,
    [deal.contactId, messageId, deal.createdAt],
  );
  return row.first;
}

export async function evaluate(
  sql: Sql,
  conditions: Condition[],
  deal: DealFacts,
  event: EventFacts,
): Promise<ConditionResult[]> {
  const out: ConditionResult[] = [];
  for (const c of conditions) {
    switch (c.type) {
      case "stage_is":
        out.push({ type: c.type, passed: c.stageIds.includes(deal.stageId), detail: `stage: ${deal.stageName}` });
        break;
      case "pipeline_is":
        out.push({ type: c.type, passed: c.pipelineId === deal.pipelineId, detail: `pipeline ${deal.pipelineId}` });
        break;
      case "has_client_reply":
        out.push({
          type: c.type,
          passed: deal.hasClientReply,
          detail: deal.hasClientReply ? "the client has written" : "the client has not written",
        });
        break;
      case "first_reply": {
        const first = await isFirstReply(sql, deal, event.messageId);
        out.push({
          type: c.type,
          passed: first,
          detail: event.messageId ? (first ? "first reply" : "not the first reply") : "no message in this event",
        });
        break;
      }
      case "interest_is":
        out.push({
          type: c.type,
          passed: deal.interest !== null && (c.levels as string[]).includes(deal.interest),
          detail: `interest: ${deal.interest ?? "none"}`,
        });
        break;
      case "score_at_least":
        out.push({
          type: c.type,
          passed: deal.score !== null && deal.score >= c.score,
          detail: `score: ${deal.score ?? "none"}`,
        });
        break;
      case "has_tag":
        out.push({
          type: c.type,
          passed: deal.tags.some((t) => t.toLowerCase() === c.tag.toLowerCase()),
          detail: `tags: ${deal.tags.join(", ") || "none"}`,
        });
        break;
      case "no_owner":
        out.push({ type: c.type, passed: deal.ownerId === null, detail: deal.ownerId ? "has an owner" : "no owner" });
        break;
      case "amount_at_least":
        out.push({
          type: c.type,
          passed: deal.amount !== null && deal.amount >= c.amount,
          detail: `amount: ${deal.amount ?? "none"}`,
        });
        break;
      case "channel_is":
        out.push({
          type: c.type,
          passed: deal.channelType !== null && (c.channels as string[]).includes(deal.channelType),
          detail: `channel: ${deal.channelType ?? "none"}`,
        });
        break;
    }
  }
  return out;
}
