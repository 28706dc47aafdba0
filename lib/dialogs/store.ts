import { isQualificationComplete, type DialogAnalysis } from "@/lib/ai/analysis-schema";
import type { ScoreResult } from "@/lib/ai/scoring";
import type { Sql } from "@/lib/db";
import type { ContactDialog } from "./dialog";
import type { LeadAnalyzed } from "./events";

// Writes of dialog analysis: the lead rows (one per contact). Each takes
// many results at once, so a batch writes a few statements per flush rather than a few per dialog.

export type EngineKind = "openai" | "offline";

export type AnalysisWrite = {
  dialog: ContactDialog;
  analysis: DialogAnalysis;
  scored: ScoreResult;
  inputHash: string;
  /** leads.manual as it was when the analysis started; a correction made meanwhile wins over this result. */
  manualSeen: unknown;
  engine: EngineKind;
  model: string | null;
};

export type ErrorWrite = { dialog: ContactDialog; error: string };

// A phone call's transcript analysed on a contact with no chat (lib/telephony/analyze-call.ts) is a call lead.
const sourceFor = (dialog: ContactDialog) =>
  dialog.channelType === "evolution" ? "evolution" : dialog.channelType === "call" ? "call" : "inbox";
const clip = (s: string | null | undefined, max: number) => (s ? s.slice(0, max) : null);

const dialogColumns = (d: ContactDialog) => ({
  contact_id: d.contactId,
  source: sourceFor(d),
  instance_name: clip(d.instanceName, 200),
  channel_id: d.channelId,
  name: clip(d.contactName.trim(), 200),
  phone: clip(d.phone, 50),
  incoming_count: d.incomingCount,
  message_count: d.messageCount,
});

/**
 * Stores analyses and their scores. Name, phone, need and budget are filled only where empty, so what a person
 * or the assistant wrote stays; a lead typed in by hand or made by the assistant keeps its source. The analysis
 * arrives with the lead's manual corrections laid over it (budget too); if a person corrected the lead while
 * the model was reading, the result is not written (the hash stays, so the next refresh reads it again).
 * Returns the contacts whose lead was created by this call.
 */
export async function saveLeadAnalyses(sql: Sql, orgId: string, writes: AnalysisWrite[]): Promise<LeadAnalyzed[]> {
  if (!writes.length) return [];
  const rows = writes.map((w) => ({
    ...dialogColumns(w.dialog),
    need: clip(w.analysis.qualification.q1, 2000),
    budget: clip(w.analysis.budget, 200),
    budget_amount: w.analysis.budgetAmount !== null && w.analysis.budgetAmount >= 0 ? w.analysis.budgetAmount : null,
    budget_currency: w.analysis.budgetCurrency,
    is_spam: w.analysis.isSpam,
    analysis: w.analysis,
    score: w.scored.score,
    interest_level: w.scored.interestLevel,
    // Spam is not qualified whatever stage a model named (lib/ai/scoring scores it so).
    funnel_stage: w.analysis.isSpam ? "not_qualified" : w.analysis.funnelStage,
    niche: w.analysis.niche,
    qualification_complete: isQualificationComplete(w.analysis.qualification),
    score_reasons: w.scored.reasons,
    input_hash: w.inputHash,
    engine: w.engine,
    model: clip(w.model, 100),
    manual_seen: w.manualSeen ?? {},
  }));
  // `before` reads the rows as they were when the statement began (a CTE sees the statement's snapshot), so each
  // written lead comes back with what it changed from: the event other modules react to.
  const written = await sql.query<LeadRow>(
    `with before as (
       select contact_id, interest_level, funnel_stage, score from public.leads
        where org_id = $1 and contact_id in (select (r->>'contact_id')::uuid from jsonb_array_elements($2::jsonb) r)
     ), up as (
     insert into public.leads as l (org_id, contact_id, source, instance_name, channel_id, name, phone, need, budget,
       budget_amount, budget_currency, is_spam, analysis, score, interest_level, funnel_stage, niche, qualification_complete, score_reasons, input_hash,
       engine, model, incoming_count, message_count, analyzed_at, last_error, manual)
    select $1, r.contact_id, r.source, r.instance_name, r.channel_id, r.name, r.phone, r.need, r.budget,
           r.budget_amount, r.budget_currency, r.is_spam, r.analysis,
            r.score, r.interest_level, r.funnel_stage, r.niche, r.qualification_complete, r.score_reasons,
            r.input_hash, r.engine, r.model, r.incoming_count, r.message_count, now(), null,
            coalesce(r.manual_seen, '{}')
       from jsonb_to_recordset($2::jsonb) as r(contact_id uuid, source text, instance_name text, channel_id uuid,
            name text, phone text, need text, budget text, budget_amount numeric, budget_currency text,
            is_spam boolean, analysis jsonb, score int, interest_level text,
            funnel_stage text, niche text, qualification_complete boolean, score_reasons jsonb, input_hash text,
            engine text, model text, incoming_count int, message_count int, manual_seen jsonb)
     on conflict (org_id, contact_id) do update set
       source = case when l.source in ('inbox', 'evolution') then excluded.source else l.source end,
       instance_name = excluded.instance_name, channel_id = excluded.channel_id,
       name = coalesce(nullif(l.name, ''), excluded.name), phone = coalesce(nullif(l.phone, ''), excluded.phone),
       need = coalesce(nullif(l.need, ''), excluded.need),
       budget = case when l.manual ? 'budget' then l.budget else coalesce(nullif(l.budget, ''), excluded.budget) end,
       -- The amount goes with the words: a budget a person typed keeps its own amount.
       budget_amount = case when l.manual ? 'budget' or nullif(l.budget, '') is not null then l.budget_amount else excluded.budget_amount end,
       budget_currency = case when l.manual ? 'budget' or nullif(l.budget, '') is not null then l.budget_currency else excluded.budget_currency end,
       is_spam = excluded.is_spam,
       analysis = excluded.analysis, score = excluded.score, interest_level = excluded.interest_level,
       funnel_stage = excluded.funnel_stage, niche = excluded.niche,
       qualification_complete = excluded.qualification_complete, score_reasons = excluded.score_reasons,
       input_hash = excluded.input_hash, engine = excluded.engine, model = excluded.model,
       incoming_count = excluded.incoming_count, message_count = excluded.message_count,
       analyzed_at = excluded.analyzed_at, last_error = null
     where l.manual = excluded.manual
     returning l.id, l.contact_id, l.channel_id, l.score, l.interest_level, l.funnel_stage, l.qualification_complete,
               l.is_spam, (xmax = 0) as created
     )
     select up.*, b.interest_level as previous_interest_level, b.funnel_stage as previous_funnel_stage,
            b.score as previous_score
       from up left join before b using (contact_id)`,
    [orgId, JSON.stringify(rows)],
  );
  return written.map((r): LeadAnalyzed => ({
    leadId: r.id,
    contactId: r.contact_id,
    channelId: r.channel_id,
    created: r.created,
    score: r.score,
    previousScore: r.previous_score,
    interestLevel: r.interest_level,
    previousInterestLevel: r.previous_interest_level,
    funnelStage: r.funnel_stage,
    previousFunnelStage: r.previous_funnel_stage,
    qualificationComplete: r.qualification_complete,
    isSpam: r.is_spam,
  }));
}

type LeadRow = {
  id: string;
  contact_id: string;
  channel_id: string | null;
  created: boolean;
  score: number | null;
  previous_score: number | null;
  interest_level: LeadAnalyzed["interestLevel"];
  previous_interest_level: LeadAnalyzed["interestLevel"];
  funnel_stage: string | null;
  previous_funnel_stage: string | null;
  qualification_complete: boolean;
  is_spam: boolean;
};

/** Failed analyses: each lead keeps its previous result (and hash, so it is tried again) and shows the error. */
export async function saveLeadErrors(sql: Sql, orgId: string, writes: ErrorWrite[]): Promise<void> {
  if (!writes.length) return;
  const rows = writes.map((w) => ({ ...dialogColumns(w.dialog), last_error: clip(w.error, 2000) }));
  await sql.query(
    `insert into public.leads as l (org_id, contact_id, source, instance_name, channel_id, name, phone,
       incoming_count, message_count, last_error)
     select $1, r.contact_id, r.source, r.instance_name, r.channel_id, r.name, r.phone, r.incoming_count,
            r.message_count, r.last_error
       from jsonb_to_recordset($2::jsonb) as r(contact_id uuid, source text, instance_name text, channel_id uuid,
            name text, phone text, incoming_count int, message_count int, last_error text)
     on conflict (org_id, contact_id) do update set last_error = excluded.last_error,
       incoming_count = excluded.incoming_count, message_count = excluded.message_count`,
    [orgId, JSON.stringify(rows)],
  );
}
