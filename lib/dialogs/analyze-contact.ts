import { APIConnectionError, APIError, RateLimitError } from "openai";
import { dialogAnalysisSchema } from "@/lib/ai/analysis-schema";
import { AnalysisFailedError } from "@/lib/ai/openai/analyze";
import { scoreDialog, type InterestLevel } from "@/lib/ai/scoring";
import { loadAiSettings, type AiSettings } from "@/lib/ai/settings";
import { asService } from "@/lib/db";
import { dialogInputHash, loadContactDialog } from "./dialog";
import { resolveEngine, runEngine, type AnalysisEngine, type EngineResult } from "./engine";
import { recordAnalysisRun, saveLeadAnalysis, saveLeadError } from "./store";

export type ContactOutcome =
  | { status: "analyzed"; created: boolean; score: number; interestLevel: InterestLevel }
  | { status: "skipped"; interestLevel: InterestLevel | null }
  | { status: "error"; error: string }
  | { status: "not_found" };

export type AnalyzeContactOptions = {
  /** Analyse even when the dialog did not change since the last analysis. */
  force?: boolean;
  /** The batch loads these once; a single refresh loads them itself. */
  settings?: AiSettings;
  engine?: AnalysisEngine;
  /** Prefer this channel as the lead's source when the contact wrote there (a batch filtered by channel). */
  preferChannelId?: string | null;
  jobId?: string | null;
  signal?: AbortSignal;
  /**
   * Rethrow a provider failure that may pass (429 after the SDK's own retries, 5xx, connection) as
   * TransientAnalysisError instead of recording it, so the batch can cool down and try the dialog again.
   */
  throwTransient?: boolean;
};

/** The provider is overloaded or unreachable right now; `retryAfterMs` is its hint when it gave one. */
export class TransientAnalysisError extends Error {
  constructor(
    readonly retryAfterMs: number | null,
    options: { cause: unknown },
  ) {
    super("the AI provider is rate limiting or unavailable", options);
    this.name = "TransientAnalysisError";
  }
}

function isTransient(err: unknown): boolean {
  if (err instanceof RateLimitError) return err.code !== "insufficient_quota";
  if (err instanceof APIConnectionError) return true;
  return err instanceof APIError && typeof err.status === "number" && err.status >= 500;
}

function retryAfterMs(err: unknown): number | null {
  const headers = err instanceof APIError ? err.headers : undefined;
  const ms = Number(headers?.get("retry-after-ms"));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const s = Number(headers?.get("retry-after"));
  return Number.isFinite(s) && s > 0 ? s * 1000 : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Analyses one contact's dialog and stores the lead. An unchanged dialog (same input hash) is skipped without
 * a model call unless `force`. Failures are recorded on the lead and in ai_runs and returned, never thrown
 * (except a transient one when the caller asked for it). No transaction is held during the model call.
 */
export async function analyzeContact(
  orgId: string,
  contactId: string,
  options: AnalyzeContactOptions = {},
): Promise<ContactOutcome> {
  const { dialog, previous, settings } = await asService(async (sql) => {
    const settings = options.settings ?? (await loadAiSettings(sql, orgId));
    const dialog = await loadContactDialog(sql, orgId, contactId, { preferChannelId: options.preferChannelId });
    const [previous] = dialog
      ? await sql.query<{ input_hash: string | null; interest_level: InterestLevel | null; score: number | null }>(
          "select input_hash, interest_level, score from public.leads where org_id = $1 and contact_id = $2",
          [orgId, contactId],
        )
      : [];
    return { dialog, previous, settings };
  });
  if (!dialog) return { status: "not_found" };

  const engine = options.engine ?? resolveEngine(settings);
  const inputHash = dialogInputHash(dialog, settings.qualificationQuestions, engine.kind, engine.model);
  const run = {
    orgId,
    contactId,
    engine: engine.kind,
    model: engine.model,
    jobId: options.jobId && UUID.test(options.jobId) ? options.jobId : null,
  };

  if (!options.force && previous?.input_hash === inputHash && previous.score !== null) {
    await asService((sql) => recordAnalysisRun(sql, { ...run, outcome: "skipped" }));
    return { status: "skipped", interestLevel: previous.interest_level };
  }

  let result: EngineResult;
  try {
    result = await runEngine(engine, dialog, options.signal);
    // The OpenAI path validated already; the offline one is ours, but the stored shape must hold either way.
    result.analysis = dialogAnalysisSchema.parse(result.analysis);
  } catch (err) {
    if (options.signal?.aborted) throw err;
    if (options.throwTransient && isTransient(err)) {
      throw new TransientAnalysisError(retryAfterMs(err), { cause: err });
    }
    const malformed = err instanceof AnalysisFailedError;
    const error = err instanceof Error ? err.message : String(err);
    await asService(async (sql) => {
      await saveLeadError(sql, orgId, dialog, error);
      await recordAnalysisRun(sql, {
        ...run,
        outcome: malformed ? "malformed" : "error",
        usage: malformed ? err.usage : undefined,
        error,
      });
    });
    return { status: "error", error };
  }

  const scored = scoreDialog(result.analysis, settings.scoringPreset);
  const { created } = await asService(async (sql) => {
    const saved = await saveLeadAnalysis(sql, orgId, dialog, result.analysis, scored, {
      inputHash,
      engine: engine.kind,
      model: engine.kind === "openai" ? result.usage.model : null,
    });
    await recordAnalysisRun(sql, { ...run, outcome: "ok", usage: result.usage });
    return saved;
  });
  return { status: "analyzed", created, score: scored.score, interestLevel: scored.interestLevel };
}
