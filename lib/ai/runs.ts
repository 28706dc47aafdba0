import type { Sql } from "@/lib/db";
import type { AIUsage } from "@/lib/ai/openai/usage";

// public.ai_runs: one row per AI call (reply, draft, transcription, speech), for analytics and cost.

export type RunKind = "reply" | "draft" | "transcription" | "speech";
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
};

export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000);

/** Written as the service (members cannot insert runs). */
export async function recordRun(sql: Sql, run: Run): Promise<void> {
  await sql.query(
    `insert into public.ai_runs (org_id, kind, engine, model, outcome, latency_ms, prompt_tokens, completion_tokens,
       attempts, error, conversation_id, contact_id, message_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      run.orgId,
      run.kind,
      run.engine,
      run.usage?.model?.slice(0, 100) || null,
      run.outcome,
      Math.max(0, Math.round(run.usage?.latencyMs ?? 0)),
      run.usage?.promptTokens ?? 0,
      run.usage?.completionTokens ?? 0,
      run.usage?.attempts ?? 1,
      run.error ? run.error.slice(0, 2000) : null,
      run.conversationId ?? null,
      run.contactId ?? null,
      run.messageId ?? null,
    ],
  );
}
