import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { interestLevelSchema, LEAD_SELECT, leadViewSchema, toLeadView, type LeadRow, type LeadView } from "./lead-view";

// Reads of the Leads page and seed 004's GET /dialogs/analysis, /stats and /export-csv. They run as the member
// (RLS) and filter by the organisation too.

const booleanParam = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1")
  .optional();

/** Seed 004's filters, shared by the list, the stats and the CSV export. */
export const leadFiltersSchema = z.object({
  /** Accepted for seed 004's clients: must be the active organisation's id. */
  userAccountId: z.uuid().optional(),
  instanceName: z.string().trim().min(1).max(200).optional(),
  interestLevel: interestLevelSchema.optional(),
  minScore: z.coerce.number().int().min(0).max(100).optional(),
  funnelStage: z.string().trim().min(1).max(64).optional(),
  qualificationComplete: booleanParam,
  channelId: z.uuid().optional(),
  contactId: z.uuid().optional(),
});
export type LeadFilters = z.output<typeof leadFiltersSchema>;

/** The language score reasons are named in (the viewer's UI language); default: each lead's own. */
export const langParam = z.enum(["en", "ru"]).optional();

export const leadsQuerySchema = leadFiltersSchema.extend({
  lang: langParam,
  sort: z.enum(["score", "analyzedAt", "name"]).default("score"),
  /** Default: desc for score and analyzedAt, asc for name. */
  order: z.enum(["asc", "desc"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type LeadsQuery = z.output<typeof leadsQuerySchema>;

export const leadsPageSchema = z.object({
  success: z.literal(true),
  results: z.array(leadViewSchema),
  /** All leads matching the filters, not just this page. */
  count: z.number().int(),
});

/** Seed 004's userAccountId was the tenant: here it can only name the caller's own organisation. */
export function checkAccount(orgId: string, userAccountId: string | undefined) {
  if (userAccountId !== undefined && userAccountId !== orgId) throw new ApiError("not_found", "no such account");
}

function where(orgId: string, f: LeadFilters) {
  const params: unknown[] = [orgId];
  const clauses = ["l.org_id = $1"];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    clauses.push(clause(`$${params.length}`));
  };
  if (f.instanceName !== undefined) {
    // Seed 004's Evolution instance (as stored on the lead, or its channel's now), or the channel's own name, as
    // the batch's instanceName filter reads it.
    add(
      (p) => `(l.instance_name = ${p} or exists (select 1 from public.channels ich where ich.org_id = l.org_id
                 and ich.id = l.channel_id and (ich.config ->> 'instanceName' = ${p} or ich.name = ${p})))`,
      f.instanceName,
    );
  }
  if (f.interestLevel !== undefined) add((p) => `l.interest_level = ${p}`, f.interestLevel);
  if (f.minScore !== undefined) add((p) => `l.score >= ${p}`, f.minScore);
  if (f.funnelStage !== undefined) add((p) => `l.funnel_stage = ${p}`, f.funnelStage);
  if (f.qualificationComplete !== undefined) add((p) => `l.qualification_complete = ${p}`, f.qualificationComplete);
  if (f.channelId !== undefined) add((p) => `l.channel_id = ${p}`, f.channelId);
  if (f.contactId !== undefined) add((p) => `l.contact_id = ${p}`, f.contactId);
  return { sql: clauses.join(" and "), params };
}

const ORDER = {
  score: (dir: string) => `l.score ${dir} nulls last, l.analyzed_at desc nulls last, l.id`,
  analyzedAt: (dir: string) => `l.analyzed_at ${dir} nulls last, l.id`,
  name: (dir: string) => `lower(coalesce(nullif(l.name, ''), ct.name)) ${dir}, l.id`,
};

export async function listLeads(
  sql: Sql,
  orgId: string,
  q: LeadsQuery,
): Promise<{ results: LeadView[]; count: number }> {
  const w = where(orgId, q);
  const order = q.order ?? (q.sort === "name" ? "asc" : "desc");
  const n = w.params.length;
  const rows = await sql.query<LeadRow>(
    `${LEAD_SELECT} where ${w.sql} order by ${ORDER[q.sort](order)} limit $${n + 1} offset $${n + 2}`,
    [...w.params, q.limit, q.offset],
  );
  const [{ count }] = await sql.query<{ count: number }>(
    `select count(*)::int as count from public.leads l where ${w.sql}`,
    w.params,
  );
  return { results: rows.map((r) => toLeadView(r, q.lang)), count };
}

export async function getLead(sql: Sql, orgId: string, id: string, lang?: "en" | "ru"): Promise<LeadView> {
  const [row] = await sql.query<LeadRow>(`${LEAD_SELECT} where l.org_id = $1 and l.id = $2`, [orgId, id]);
  if (!row) throw new ApiError("not_found", "no lead with this id");
  return toLeadView(row, lang);
}

export const transcriptLineSchema = z.object({
  id: z.uuid(),
  direction: z.enum(["in", "out"]),
  text: z.string().nullable(),
  transcript: z.string().nullable(),
  occurredAt: z.string(),
});
export const leadDetailSchema = z.object({
  success: z.literal(true),
  lead: leadViewSchema,
  /** The contact's messages on every channel, oldest first (the newest 500). */
  transcript: z.array(transcriptLineSchema),
});

export async function leadTranscript(sql: Sql, orgId: string, contactId: string) {
  const rows = await sql.query<{
    id: string;
    direction: "in" | "out";
    text: string | null;
    transcript: string | null;
    occurred_at: Date | string;
  }>(
    `select m.id, m.direction, m.text, m.transcript, m.occurred_at from public.messages m
       join public.conversations v on v.org_id = m.org_id and v.id = m.conversation_id
      where m.org_id = $1 and v.contact_id = $2
      order by m.occurred_at desc, m.seq desc limit 500`,
    [orgId, contactId],
  );
  return rows.reverse().map((r) => ({
    id: r.id,
    direction: r.direction,
    text: r.text,
    transcript: r.transcript,
    occurredAt: new Date(r.occurred_at).toISOString(),
  }));
}

/** Managers (RLS); 404 when it is not there or not theirs. */
export async function deleteLead(sql: Sql, orgId: string, id: string): Promise<void> {
  const rows = await sql.query("delete from public.leads where org_id = $1 and id = $2 returning id", [orgId, id]);
  if (!rows.length) throw new ApiError("not_found", "no lead with this id");
}

export const leadStatsSchema = z.object({
  success: z.literal(true),
  stats: z.object({
    total: z.number().int(),
    hot: z.number().int(),
    warm: z.number().int(),
    cold: z.number().int(),
    averageScore: z.number().nullable(),
    qualificationComplete: z.number().int(),
    byStage: z.record(z.string(), z.number().int()),
    bySource: z.record(z.string(), z.number().int()),
  }),
});
export type LeadStats = z.infer<typeof leadStatsSchema>["stats"];

export async function leadStats(sql: Sql, orgId: string, f: LeadFilters): Promise<LeadStats> {
  const w = where(orgId, f);
  const [totals] = await sql.query<{
    total: number;
    hot: number;
    warm: number;
    cold: number;
    average: string | null;
    complete: number;
  }>(
    `select count(*)::int as total,
            count(*) filter (where l.interest_level = 'hot')::int as hot,
            count(*) filter (where l.interest_level = 'warm')::int as warm,
            count(*) filter (where l.interest_level = 'cold')::int as cold,
            round(avg(l.score), 1)::text as average,
            count(*) filter (where l.qualification_complete)::int as complete
       from public.leads l where ${w.sql}`,
    w.params,
  );
  const groups = await sql.query<{ kind: "stage" | "source"; key: string; n: number }>(
    `select 'stage' as kind, coalesce(l.funnel_stage, 'unknown') as key, count(*)::int as n
       from public.leads l where ${w.sql} group by 2
     union all
     select 'source', l.source, count(*)::int from public.leads l where ${w.sql} group by 2`,
    w.params,
  );
  const byStage: Record<string, number> = {};
  const bySource: Record<string, number> = {};
  for (const g of groups) (g.kind === "stage" ? byStage : bySource)[g.key] = g.n;
  return {
    total: totals.total,
    hot: totals.hot,
    warm: totals.warm,
    cold: totals.cold,
    averageScore: totals.average === null ? null : Number(totals.average),
    qualificationComplete: totals.complete,
    byStage,
    bySource,
  };
}
