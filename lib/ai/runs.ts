import type { Sql } from "@/lib/db";
import type { AIUsage } from "@/lib/ai/openai/usage";

// public.ai_runs: one row per AI call (reply, draft, analysis, transcription, speech), for analytics and cost.

export type RunKind = "reply" | "draft" | "analysis" | "transcription" | "speech";
export type RunOutcome = "ok" | "handoff" | "skipped" | "malformed" | "error";

export type Run = {
  orgId: string;
  kind: RunKind;
  engine: "openai" | "offline";
  outcome: RunOutcome;
  usage?: Partial<AIUsage>;
  error?: string | null;
  conversationId?: string | null;
  contactId?: string | null;
  messageId?: string | null;
  jobId?: string | null;
};

export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000);

/** Written as the service (members cannot insert runs); a batch's runs in one statement. */
export async function recordRuns(sql: Sql, runs: readonly Run[]): Promise<void> {
  if (!runs.length) return;
  const rows = runs.map((run) => ({
    org_id: run.orgId,
    kind: run.kind,
    engine: run.engine,
    model: run.usage?.model?.slice(0, 100) || null,
    outcome: run.outcome,
    latency_ms: Math.max(0, Math.round(run.usage?.latencyMs ?? 0)),
    prompt_tokens: run.usage?.promptTokens ?? 0,
    completion_tokens: run.usage?.completionTokens ?? 0,
    attempts: run.usage?.attempts ?? (run.outcome === "skipped" ? 0 : 1),
    error: run.error ? run.error.slice(0, 2000) : null,
    conversation_id: run.conversationId ?? null,
    contact_id: run.contactId ?? null,
    message_id: run.messageId ?? null,
    job_id: run.jobId ?? null,
  }));
  await sql.query(
    `insert into public.ai_runs (org_id, kind, engine, model, outcome, latency_ms, prompt_tokens, completion_tokens,
       attempts, error, conversation_id, contact_id, message_id, job_id)
     select r.org_id, r.kind, r.engine, r.model, r.outcome, r.latency_ms, r.prompt_tokens, r.completion_tokens,
            r.attempts, r.error, r.conversation_id, r.contact_id, r.message_id, r.job_id
       from jsonb_to_recordset($1::jsonb) as r(org_id uuid, kind text, engine text, model text, outcome text,
            latency_ms int, prompt_tokens int, completion_tokens int, attempts int, error text, conversation_id uuid,
            contact_id uuid, message_id uuid, job_id uuid)`,
    [JSON.stringify(rows)],
  );
}

export const recordRun = (sql: Sql, run: Run) => recordRuns(sql, [run]);
