import { ContentFilterFinishReasonError, LengthFinishReasonError } from "openai/core/error";
import type { CompletionUsage } from "openai/resources/completions";
import { ZodError } from "zod";

/** What every AI call records for analytics: summed over attempts, since failed attempts are billed too. */
export type AIUsage = {
  model: string;
  latencyMs: number;
  promptTokens: number;
  completionTokens: number;
  /** 1, or 2 when a malformed answer was retried. */
  attempts: number;
};

export type MalformedReason = "invalid_json" | "schema_mismatch" | "refused" | "truncated" | "content_filter" | "empty";

/** A 200 answer we cannot use. Distinct from API errors (429, timeouts), which the SDK already retried. */
export class MalformedAnswerError extends Error {
  constructor(
    readonly reason: MalformedReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "MalformedAnswerError";
  }
}

/** Classifies what chat.completions.parse throws for a bad answer; undefined for anything else (rethrown). */
export function malformedReason(err: unknown): MalformedReason | undefined {
  if (err instanceof MalformedAnswerError) return err.reason;
  if (err instanceof SyntaxError) return "invalid_json";
  if (err instanceof ZodError) return "schema_mismatch";
  if (err instanceof LengthFinishReasonError) return "truncated";
  if (err instanceof ContentFilterFinishReasonError) return "content_filter";
  return undefined;
}

export function emptyUsage(model: string): AIUsage {
  return { model, latencyMs: 0, promptTokens: 0, completionTokens: 0, attempts: 0 };
}

export function addUsage(total: AIUsage, usage: CompletionUsage | undefined, model: string | undefined): void {
  total.promptTokens += usage?.prompt_tokens ?? 0;
  total.completionTokens += usage?.completion_tokens ?? 0;
  // The server names the exact snapshot that answered (e.g. gpt-4.1-mini-2025-04-14); keep that over the alias.
  if (model) total.model = model;
}

/**
 * Runs `attempt` and retries it once when the answer is malformed; an API error is not retried here (the SDK
 * already did). Latency and tokens accumulate in `usage` even when it finally throws.
 */
export async function withOneRetry<T>(usage: AIUsage, attempt: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    for (;;) {
      usage.attempts++;
      try {
        return await attempt();
      } catch (err) {
        if (malformedReason(err) === undefined || usage.attempts >= 2) throw err;
      }
    }
  } finally {
    usage.latencyMs = Math.round(performance.now() - started);
  }
}
