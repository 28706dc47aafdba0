import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { publishStageChange } from "./events";
import { amountSchema, currencySchema } from "./money";
import { firstDealPosition, lockColumn } from "./positions";
import { resolvePipelineId } from "./pipelines";
import { iso } from "./sql";

export const dealSchema = z.object({
  id: z.uuid(),
  pipelineId: z.uuid(),
  stageId: z.uuid(),
  title: z.string(),
  contactId: z.uuid().nullable(),
  contactName: z.string().nullable(),
  companyId: z.uuid().nullable(),
  companyName: z.string().nullable(),
  /** Decimal string, e.g. "1500.00". */
  amount: z.string().nullable(),
  currency: z.string(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  /** Fractional order key within the stage. */
  position: z.string(),
  lostReason: z.string().nullable(),
  tags: z.array(z.string()),
  /** Send it back with a move or an edit: a change to an older version answers 409. */
  version: z.number().int(),
  stageEnteredAt: z.string(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The client's lead analysis: score 0–100 and hot / warm / cold. */
  leadScore: z.number().int().nullable(),
  interestLevel: z.enum(["hot", "warm", "cold"]).nullable(),
  /** The client's latest conversation and its channel's type (the card's icon, the drawer's chat). */
  conversationId: z.uuid().nullable(),
  channelType: z.string().nullable(),
  /** Due time of the earliest open task linked to the deal. */
  nextTaskDueAt: z.string().nullable(),
  /** The AI's pending stage move, accepted or dismissed through PATCH /api/pipeline/suggestions/:id. */
  suggestion: z.object({ id: z.uuid(), toStageId: z.uuid(), toStageName: z.string(), reason: z.string() }).nullable(),
});
export type DealView = z.infer<typeof dealSchema>;

const tagsSchema = z
  .array(z.string().trim().min(1).max(50))
  .max(50)
  .transform((tags) => [...new Set(tags)]);

export const createDealSchema = z.object({
  title: z.string().trim().min(1, "is required").max(300),
  /** Omitted: the organisation's default pipeline. */
  pipelineId: z.uuid().optional(),
  /** Omitted: the pipeline's first stage. */
  stageId: z.uuid().optional(),
  contactId: z.uuid().nullable().optional(),
  companyId: z.uuid().nullable().optional(),
  amount: amountSchema.nullable().optional(),
  currency: currencySchema.optional(),
  /** Omitted: the caller. */
  ownerId: z.uuid().nullable().optional(),
  tags: tagsSchema.optional(),
});

export const updateDealSchema = z.object({
  title: z.string().trim().min(1, "is required").max(300).optional(),
  contactId: z.uuid().nullable().optional(),
  companyId: z.uuid().nullable().optional(),
  amount: amountSchema.nullable().optional(),
  currency: currencySchema.optional(),
  ownerId: z.uuid().nullable().optional(),
  tags: tagsSchema.optional(),
  lostReason: z.string().trim().max(500).nullable().optional(),
  /** The version the client edited; another edit or move since then answers 409. */
  expectedVersion: z.number().int().positive().optional(),
});

const DEAL_FIELDS = `select d.id, d.pipeline_id as "pipelineId", d.stage_id as "stageId", d.title,
    d.contact_id as "contactId", c.name as "contactName", d.company_id as "companyId", co.name as "companyName",
    d.amount::text as amount, d.currency, d.owner_id as "ownerId", nullif(p.full_name, '') as "ownerName",
    d.position::text as position, d.lost_reason as "lostReason", d.tags, d.version,
    ${iso("d.stage_entered_at")} as "stageEnteredAt", ${iso("d.closed_at")} as "closedAt",
    ${iso("d.created_at")} as "createdAt", ${iso("d.updated_at")} as "updatedAt",
    l.score as "leadScore", l.interest_level as "interestLevel", conv.id as "conversationId",
    conv.type as "channelType", ${iso("nt.due_at")} as "nextTaskDueAt",
    case when sg.id is not null then jsonb_build_object('id', sg.id, 'toStageId', sg.to_stage_id,
      'toStageName', sg.stage_name, 'reason', sg.reason) end as suggestion`;

/** What a card shows beside the deal's own columns: its client, company, owner, lead, chat, next task, suggestion. */
const DEAL_JOINS = `  left join public.contacts c on c.id = d.contact_id
  left join public.companies co on co.id = d.company_id
  left join public.profiles p on p.id = d.owner_id
  left join public.leads l on l.org_id = d.org_id and l.contact_id = d.contact_id
  left join lateral (select cv.id, ch.type from public.conversations cv join public.channels ch on ch.id = cv.channel_id
                      where cv.contact_id = d.contact_id order by cv.last_message_at desc limit 1) conv on true
  left join lateral (select min(t.due_at) as due_at from public.tasks t
                      where t.deal_id = d.id and t.status = 'open') nt on true
  left join lateral (select s.id, s.to_stage_id, s.reason, st.name as stage_name
                       from public.deal_suggestions s join public.stages st on st.id = s.to_stage_id
                      where s.deal_id = d.id and s.status = 'pending' limit 1) sg on true`;

export const DEAL_SELECT = `${DEAL_FIELDS}
  from public.deals d
${DEAL_JOINS}`;

/**
 * DEAL_SELECT over the rows of `source`, a subquery yielding deals as `d`: the page is picked first (filters,
 * order and limit on deals alone, an index range) and only its rows are decorated, so a selective filter never
 * pays the joins for the rows it rejects.
 */
export const dealSelectFrom = (source: string) => `${DEAL_FIELDS}
  from (${source}) d
${DEAL_JOINS}`;

export async function getDeal(sql: Sql, id: string): Promise<DealView> {
  const [row] = await sql.query(`${DEAL_SELECT} where d.id = $1`, [id]);
  if (!row) throw new ApiError("not_found", "deal not found");
  return dealSchema.parse(row);
}

/** Ids the body names must be the organisation's (and visible to the caller): otherwise that field's 400. */
export async function checkReferences(
  sql: Sql,
  orgId: string,
  refs: { contactId?: string | null; companyId?: string | null; ownerId?: string | null },
) {
  const checks: [string | null | undefined, string, string][] = [
    [refs.contactId, "select 1 from public.contacts where org_id = $1 and id = $2", "contactId: no such client"],
    [refs.companyId, "select 1 from public.companies where org_id = $1 and id = $2", "companyId: no such company"],
    [
      refs.ownerId,
      "select 1 from public.memberships where org_id = $1 and user_id = $2",
      "ownerId: not a member of the organisation",
    ],
  ];
  for (const [id, query, message] of checks) {
    if (!id) continue;
    const [row] = await sql.query(query, [orgId, id]);
    if (!row) throw new ApiError("bad_request", message);
  }
}

/** The stage a deal goes to: the one named (it must be the pipeline's), or the pipeline's first. */
async function resolveStage(sql: Sql, pipelineId: string, stageId: string | undefined) {
  const [row] = await sql.query<{ id: string }>(
    stageId
      ? "select id from public.stages where pipeline_id = $1 and id = $2"
      : "select id from public.stages where pipeline_id = $1 order by position limit 1",
    stageId ? [pipelineId, stageId] : [pipelineId],
  );
  if (!row)
    throw new ApiError(
      "bad_request",
      stageId ? "stageId: not a stage of this pipeline" : "stageId: the pipeline has no stages",
    );
  return row.id;
}

export type Created = { deal: DealView; afterCommit?: () => Promise<void> };

/** A deal at the top of its stage; the trigger writes its first stage_history row, published as deal-created. */
export async function createDeal(
  sql: Sql,
  orgId: string,
  input: z.output<typeof createDealSchema>,
  /** Set by the analysis step: the lead it was made from (one deal per lead and pipeline). */
  origin: { leadId?: string } = {},
): Promise<Created> {
  const pipelineId = await resolvePipelineId(sql, orgId, input.pipelineId);
  const stageId = await resolveStage(sql, pipelineId, input.stageId);
  await checkReferences(sql, orgId, input);
  await lockColumn(sql, stageId);
  const position = await firstDealPosition(sql, stageId);
  const [row] = await sql.query<{ id: string }>(
    `insert into public.deals (org_id, pipeline_id, stage_id, title, contact_id, company_id, amount, currency,
                               owner_id, tags, position, lead_id)
     values ($1, $2, $3, $4, $5, $6, $7::numeric,
             coalesce($8, (select s.default_currency from public.crm_settings s where s.org_id = $1), 'RUB'),
             case when $9::boolean then $10::uuid else auth.uid() end, coalesce($11::text[], '{}'), $12, $13)
     returning id`,
    [
      orgId,
      pipelineId,
      stageId,
      input.title,
      input.contactId ?? null,
      input.companyId ?? null,
      input.amount ?? null,
      input.currency ?? null,
      input.ownerId !== undefined,
      input.ownerId ?? null,
      input.tags ?? null,
      position,
      origin.leadId ?? null,
    ],
  );
  const [history] = await sql.query<{ id: string }>(
    "select id from public.stage_history where deal_id = $1 order by moved_at limit 1",
    [row.id],
  );
  const afterCommit = await publishStageChange(sql, orgId, history.id);
  return { deal: await getDeal(sql, row.id), afterCommit };
}

export async function updateDeal(sql: Sql, orgId: string, id: string, patch: z.output<typeof updateDealSchema>) {
  const current = await getDeal(sql, id);
  if (patch.expectedVersion !== undefined && patch.expectedVersion !== current.version) {
    throw new ApiError("conflict", "the deal changed since it was loaded", { reason: "stale", deal: current });
  }
  await checkReferences(sql, orgId, patch);
  const set: Record<string, unknown> = {
    title: patch.title,
    contact_id: patch.contactId,
    company_id: patch.companyId,
    amount: patch.amount,
    currency: patch.currency,
    owner_id: patch.ownerId,
    tags: patch.tags,
    lost_reason: patch.lostReason,
  };
  const entries = Object.entries(set).filter(([, v]) => v !== undefined);
  if (!entries.length) return current;
  const rows = await sql.query(
    `update public.deals set ${entries.map(([k], i) => `${k} = $${i + 3}`).join(", ")}
      where id = $1 and version = $2 returning id`,
    [id, current.version, ...entries.map(([, v]) => v)],
  );
  if (!rows.length) throw new ApiError("conflict", "the deal changed meanwhile; reload it", { reason: "stale" });
  return getDeal(sql, id);
}

export async function deleteDeal(sql: Sql, id: string) {
  await getDeal(sql, id);
  const rows = await sql.query("delete from public.deals where id = $1 returning id", [id]);
  if (!rows.length) throw new ApiError("forbidden", "only managers delete deals");
}
