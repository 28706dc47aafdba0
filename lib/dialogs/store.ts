import { isQualificationComplete, type DialogAnalysis } from "@/lib/ai/analysis-schema";
import type { AIUsage } from "@/lib/ai/openai/usage";
import type { ScoreResult } from "@/lib/ai/scoring";
import type { Sql } from "@/lib/db";
import type { ContactDialog } from "./dialog";

// Writes of dialog analysis: the lead row (one per contact) and the ai_runs record of each analysis.

const sourceFor = (dialog: ContactDialog) => (dialog.channelType === "evolution" ? "evolution" : "inbox");
const clip = (s: string | null | undefined, max: number) => (s ? s.slice(0, max) : null);

/**
 * Stores an analysis and its score. Name, phone, need and budget are filled only where empty, so what a person
 * or the assistant wrote stays; a lead typed in by hand or made by the assistant keeps its source.
 * Returns whether the lead was created by this call.
 */
export async function saveLeadAnalysis(
  sql: Sql,
  orgId: string,
  dialog: ContactDialog,
  analysis: DialogAnalysis,
  scored: ScoreResult,
  meta: { inputHash: string; engine: "openai" | "offline"; model: string | null },
): Promise<{ created: boolean; leadId: string }> {
  const [row] = await sql.query<{ id: string; created: boolean }>(
    `insert into public.leads as l (org_id, contact_id, source, instance_name, channel_id, name, phone, need, budget,
       analysis, score, interest_level, funnel_stage, niche, qualification_complete, score_reasons, input_hash,
       engine, model, incoming_count, message_count, analyzed_at, last_error)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $15, $16::jsonb, $17, $18, $19,
       $20, $21, now(), null)
     on conflict (org_id, contact_id) do update set
       source = case when l.source in ('inbox', 'evolution') then excluded.source else l.source end,
       instance_name = excluded.instance_name, channel_id = excluded.channel_id,
       name = coalesce(nullif(l.name, ''), excluded.name), phone = coalesce(nullif(l.phone, ''), excluded.phone),
       need = coalesce(nullif(l.need, ''), excluded.need), budget = coalesce(nullif(l.budget, ''), excluded.budget),
       analysis = excluded.analysis, score = excluded.score, interest_level = excluded.interest_level,
       funnel_stage = excluded.funnel_stage, niche = excluded.niche,
       qualification_complete = excluded.qualification_complete, score_reasons = excluded.score_reasons,
       input_hash = excluded.input_hash, engine = excluded.engine, model = excluded.model,
       incoming_count = excluded.incoming_count, message_count = excluded.message_count,
       analyzed_at = excluded.analyzed_at, last_error = null
     returning l.id, (xmax = 0) as created`,
    [
      orgId,
      dialog.contactId,
      sourceFor(dialog),
      clip(dialog.instanceName, 200),
      dialog.channelId,
      clip(dialog.contactName.trim(), 200),
      clip(dialog.phone, 50),
      clip(analysis.qualification.q1, 2000),
      clip(analysis.budget, 200),
      JSON.stringify(analysis),
      scored.score,
      scored.interestLevel,
      analysis.funnelStage,
      analysis.niche,
      isQualificationComplete(analysis.qualification),
      JSON.stringify(scored.reasons),
      meta.inputHash,
      meta.engine,
      clip(meta.model, 100),
      dialog.incomingCount,
      dialog.messageCount,
    ],
  );
  return { created: row.created, leadId: row.id };
}

/** A failed analysis: the lead keeps its previous result (and hash, so it is tried again) and shows the error. */
export async function saveLeadError(sql: Sql, orgId: string, dialog: ContactDialog, error: string): Promise<void> {
  await sql.query(
    `insert into public.leads as l (org_id, contact_id, source, instance_name, channel_id, name, phone,
       incoming_count, message_count, last_error)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (org_id, contact_id) do update set last_error = excluded.last_error,
       incoming_count = excluded.incoming_count, message_count = excluded.message_count`,
    [
      orgId,
      dialog.contactId,
      sourceFor(dialog),
      clip(dialog.instanceName, 200),
      dialog.channelId,
      clip(dialog.contactName.trim(), 200),
      clip(dialog.phone, 50),
      dialog.incomingCount,
      dialog.messageCount,
      clip(error, 2000),
    ],
  );
}

export type AiRunOutcome = "ok" | "skipped" | "malformed" | "error";

export async function recordAnalysisRun(
  sql: Sql,
  run: {
    orgId: string;
    contactId: string;
    engine: "openai" | "offline";
    model: string | null;
    outcome: AiRunOutcome;
    usage?: AIUsage;
    error?: string | null;
    jobId?: string | null;
  },
): Promise<void> {
  await sql.query(
    `insert into public.ai_runs (org_id, kind, engine, model, outcome, latency_ms, prompt_tokens, completion_tokens,
       attempts, error, contact_id, job_id)
     values ($1, 'analysis', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      run.orgId,
      run.engine,
      clip(run.engine === "offline" ? null : (run.usage?.model ?? run.model), 100),
      run.outcome,
      run.usage?.latencyMs ?? 0,
      run.usage?.promptTokens ?? 0,
      run.usage?.completionTokens ?? 0,
      run.usage?.attempts ?? (run.outcome === "skipped" ? 0 : 1),
      clip(run.error, 2000),
      run.contactId,
      run.jobId ?? null,
    ],
  );
}
