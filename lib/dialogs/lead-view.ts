import { z } from "zod";
import { localizeReasons, type ReasonLocale } from "@/lib/ai/scoring/labels";
import { CURRENCIES, FUNNEL_STAGES, qualificationSchema } from "@/lib/ai/analysis-schema";
import { manualFieldNames, parseManual } from "./manual";

// A lead as the API and the Leads page show it: the row of public.leads with its contact's name, the channel it
// came through and the contact's latest conversation there, and the stored analysis flattened for the table.

export const INTEREST_LEVELS = ["hot", "warm", "cold"] as const;
export const interestLevelSchema = z.enum(INTEREST_LEVELS);
export const LEAD_SOURCES = ["inbox", "evolution", "call", "manual", "assistant"] as const;
export const LEAD_ENGINES = ["openai", "offline", "manual"] as const;

export const scoreReasonSchema = z.object({
  rule: z.string(),
  label: z.string(),
  points: z.number().int(),
  /** The dialog's words that decided the rule. */
  evidence: z.string().optional(),
});

export const leadViewSchema = z.object({
  id: z.uuid(),
  contactId: z.uuid(),
  contactName: z.string(),
  conversationId: z.uuid().nullable(),
  channelId: z.uuid().nullable(),
  channelType: z.string().nullable(),
  /** Seed 004's instanceName: the Evolution instance the lead came through (its channel's); null elsewhere. */
  instanceName: z.string().nullable(),
  source: z.enum(LEAD_SOURCES),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  need: z.string().nullable(),
  /** The client's (or a person's) words naming the budget: the evidence for budgetAmount. */
  budget: z.string().nullable(),
  budgetAmount: z.number().nullable(),
  /** ISO 4217. */
  budgetCurrency: z.enum(CURRENCIES).nullable(),
  /** Spam or a sales pitch to the business: not a client, scored as not qualified. */
  isSpam: z.boolean(),
  score: z.number().int().min(0).max(100).nullable(),
  interestLevel: interestLevelSchema.nullable(),
  funnelStage: z.string().nullable(),
  niche: z.string().nullable(),
  qualificationComplete: z.boolean(),
  qualification: qualificationSchema.nullable(),
  isOwner: z.boolean().nullable(),
  role: z.string().nullable(),
  budgetMentioned: z.boolean().nullable(),
  summary: z.string().nullable(),
  nextBestAction: z.string().nullable(),
  /**
   * The scoring preset's rules that produced the score; their points sum to it. Named in the `lang` asked for (the
   * viewer's), else in the lead's language; labels the organisation wrote itself are kept as written.
   */
  scoreReasons: z.array(scoreReasonSchema),
  engine: z.enum(LEAD_ENGINES).nullable(),
  model: z.string().nullable(),
  incomingCount: z.number().int(),
  messageCount: z.number().int(),
  analyzedAt: z.string().nullable(),
  /** Fields a person set by hand, kept over later analyses: funnelStage, budget, isOwner, qualification.q1…q4. */
  manualFields: z.array(z.string()),
  /** Why the last analysis failed (the previous result, if any, is kept). */
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LeadView = z.infer<typeof leadViewSchema>;

export const funnelStageSchema = z.enum(FUNNEL_STAGES);

export type LeadRow = {
  id: string;
  contact_id: string;
  contact_name: string | null;
  conversation_id: string | null;
  channel_id: string | null;
  channel_type: string | null;
  instance_name: string | null;
  source: LeadView["source"];
  name: string | null;
  phone: string | null;
  need: string | null;
  budget: string | null;
  budget_amount: string | number | null;
  budget_currency: string | null;
  is_spam: boolean;
  analysis: Record<string, unknown> | null;
  score: number | null;
  interest_level: LeadView["interestLevel"];
  funnel_stage: string | null;
  niche: string | null;
  qualification_complete: boolean;
  score_reasons: unknown[];
  engine: LeadView["engine"];
  model: string | null;
  incoming_count: number;
  message_count: number;
  analyzed_at: Date | string | null;
  last_error: string | null;
  manual?: unknown;
  created_at: Date | string;
  updated_at: Date | string;
};

/**
 * The select every lead read uses (alias `l`); append `where l.org_id = $1 ...`. The conversation is the
 * contact's latest one, preferring the lead's channel, so the drawer can open it in the inbox.
 */
export const LEAD_SELECT = `select l.id, l.contact_id, ct.name as contact_name, conv.id as conversation_id, l.channel_id,
    ch.type as channel_type, l.instance_name, l.source, l.name, l.phone, l.need, l.budget, l.budget_amount, l.budget_currency,
    l.is_spam, l.analysis, l.score,
    l.interest_level, l.funnel_stage, l.niche, l.qualification_complete, l.score_reasons, l.engine, l.model,
    l.incoming_count, l.message_count, l.analyzed_at, l.last_error, l.manual, l.created_at, l.updated_at
  from public.leads l
  join public.contacts ct on ct.org_id = l.org_id and ct.id = l.contact_id
  left join public.channels ch on ch.org_id = l.org_id and ch.id = l.channel_id
  left join lateral (
    select v.id from public.conversations v
     where v.org_id = l.org_id and v.contact_id = l.contact_id
     order by (v.channel_id is not distinct from l.channel_id) desc, v.last_message_at desc, v.id
     limit 1
  ) conv on true`;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

const storedAnalysisSchema = z
  .object({
    qualification: qualificationSchema.nullable().catch(null),
    isOwner: z.boolean().nullable().catch(null),
    role: z.string().nullable().catch(null),
    budgetMentioned: z.boolean().nullable().catch(null),
    summary: z.string().nullable().catch(null),
    nextBestAction: z.string().nullable().catch(null),
    language: z.string().nullable().catch(null),
  })
  .partial();

function reasons(raw: unknown[]): LeadView["scoreReasons"] {
  const out: LeadView["scoreReasons"] = [];
  for (const r of Array.isArray(raw) ? raw : []) {
    // Older rows (and hand-written ones) may say `id` instead of `rule`.
    const o = (r ?? {}) as Record<string, unknown>;
    const parsed = scoreReasonSchema.safeParse({ ...o, rule: o.rule ?? o.id });
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

const asLocale = (v: unknown): ReasonLocale | null => (v === "en" || v === "ru" ? v : null);

export function toLeadView(row: LeadRow, lang?: ReasonLocale | null): LeadView {
  const a = row.analysis ? storedAnalysisSchema.safeParse(row.analysis) : null;
  const analysis = a?.success ? a.data : {};
  const locale = lang ?? asLocale(analysis.language);
  // A lead without an analysis shows what a person said (an analysed one has it laid over already).
  const manual = parseManual(row.manual);
  const q = manual.qualification;
  const manualQualification = q ? { q1: q.q1 ?? null, q2: q.q2 ?? null, q3: q.q3 ?? null, q4: q.q4 ?? null } : null;
  return {
    id: row.id,
    contactId: row.contact_id,
    contactName: row.contact_name ?? "",
    conversationId: row.conversation_id,
    channelId: row.channel_id,
    channelType: row.channel_type,
    instanceName: row.instance_name,
    source: row.source,
    name: row.name,
    phone: row.phone,
    need: row.need,
    budget: row.budget,
    budgetAmount: row.budget_amount === null ? null : Number(row.budget_amount),
    budgetCurrency: (CURRENCIES as readonly string[]).includes(row.budget_currency ?? "")
      ? (row.budget_currency as LeadView["budgetCurrency"])
      : null,
    isSpam: row.is_spam,
    score: row.score,
    interestLevel: row.interest_level,
    funnelStage: row.funnel_stage,
    niche: row.niche,
    qualificationComplete: row.qualification_complete,
    qualification: analysis.qualification ?? manualQualification,
    isOwner: analysis.isOwner ?? manual.isOwner ?? null,
    role: analysis.role ?? null,
    budgetMentioned: analysis.budgetMentioned ?? null,
    summary: analysis.summary ?? null,
    nextBestAction: analysis.nextBestAction ?? null,
    scoreReasons: localizeReasons(reasons(row.score_reasons), locale),
    engine: row.engine,
    model: row.model,
    incomingCount: row.incoming_count,
    messageCount: row.message_count,
    analyzedAt: iso(row.analyzed_at),
    manualFields: manualFieldNames(manual),
    lastError: row.last_error,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}
