import { APIConnectionError, APIError, RateLimitError } from "openai";
import { clearQuotaExhausted, markQuotaExhausted } from "@/lib/ai/provider-status";
import { isQuotaExhausted } from "@/lib/ai/openai/quota";
import { dialogAnalysisSchema, type DialogAnalysis } from "@/lib/ai/analysis-schema";
import { AnalysisFailedError } from "@/lib/ai/openai/analyze";
import type { AIUsage } from "@/lib/ai/openai/usage";
import { recordRuns, type Run } from "@/lib/ai/runs";
import { scoreDialog, type InterestLevel, type ScoreResult } from "@/lib/ai/scoring";
import { loadAiSettings, type AiSettings } from "@/lib/ai/settings";
import { asService, type Sql } from "@/lib/db";
import { dialogInputHash, loadContactDialogs, type ContactDialog } from "./dialog";
import { callLimits, DialogTimeoutError, withDeadline } from "./deadline";
import { applyManual, parseManual, type ManualFields } from "./manual";
import { resolveEngine, runEngine, type AnalysisEngine } from "./engine";
import { publishLeadChanges } from "./events";
import { saveLeadAnalyses, saveLeadErrors } from "./store";

// One dialog's analysis in three steps, so a batch can read and write many dialogs per statement while a single
// refresh does all three for one: prepare (read, hash), compute (the model, no transaction held), save.

export type ContactOutcome =
  | { status: "analyzed"; created: boolean; score: number; interestLevel: InterestLevel }
  | { status: "skipped"; interestLevel: InterestLevel | null }
  | { status: "error"; error: string }
  | { status: "not_found" };

export type Prepared = {
  dialog: ContactDialog;
  inputHash: string;
  /** Unchanged since the last successful analysis (and not forced): no model call. */
  skip: boolean;
  previousLevel: InterestLevel | null;
  /** What a person set by hand on the lead (leads.manual as read): laid over the analysis, never undone by it. */
  manual: ManualFields;
  manualSeen: unknown;
};

export type Computed =
  | { kind: "analyzed"; prepared: Prepared; analysis: DialogAnalysis; scored: ScoreResult; usage: AIUsage }
  | { kind: "skipped"; prepared: Prepared }
  | {
      kind: "failed";
      prepared: Prepared;
      error: string;
      malformed: boolean;
      usage?: AIUsage;
      /** OpenAI said insufficient_quota: nothing more is sent until it is back. */
      quota?: boolean;
      /** The dialog's time budget ran out. */
      timedOut?: boolean;
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
  if (err instanceof RateLimitError) return !isQuotaExhausted(err);
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

export async function prepareContacts(
  sql: Sql,
  orgId: string,
  contactIds: readonly string[],
  ctx: { settings: AiSettings; engine: AnalysisEngine; force?: boolean; preferChannelId?: string | null },
): Promise<Map<string, Prepared>> {
  const dialogs = await loadContactDialogs(sql, orgId, contactIds, { preferChannelId: ctx.preferChannelId });
  const previous = await sql.query<{
    contact_id: string;
    input_hash: string | null;
    interest_level: InterestLevel | null;
    score: number | null;
    manual: unknown;
  }>(
    "select contact_id, input_hash, interest_level, score, manual from public.leads where org_id = $1 and contact_id = any($2::uuid[])",
    [orgId, contactIds],
  );
  const byContact = new Map(previous.map((p) => [p.contact_id, p]));
  const prepared = new Map<string, Prepared>();
  for (const [contactId, dialog] of dialogs) {
    const prev = byContact.get(contactId);
    const inputHash = dialogInputHash(dialog, ctx.settings.qualificationQuestions, ctx.engine.kind, ctx.engine.model);
    prepared.set(contactId, {
      dialog,
      inputHash,
      skip: !ctx.force && prev?.input_hash === inputHash && prev.score !== null,
      previousLevel: prev?.interest_level ?? null,
      manual: parseManual(prev?.manual),
      manualSeen: prev?.manual ?? {},
    });
  }
  return prepared;
}

/**
 * The model (or the offline rules) and the score. Failures come back as `failed`, never thrown, except a
 * transient provider failure when `throwTransient` (the batch cools down and tries again) and an abort.
 */
export async function computeAnalysis(
  prepared: Prepared,
  engine: AnalysisEngine,
  settings: AiSettings,
  options: { signal?: AbortSignal; throwTransient?: boolean; deadline?: number } = {},
): Promise<Computed> {
  if (prepared.skip) return { kind: "skipped", prepared };
  const budgetMs = settings.analysisTimeoutSeconds * 1000;
  const deadline = options.deadline ?? Date.now() + budgetMs;
  try {
    const result = await withDeadline(deadline, budgetMs, options.signal, (signal, remaining) =>
      runEngine(engine, prepared.dialog, signal, callLimits(remaining)),
    );
    // The OpenAI path validated already; the offline one is ours, but the stored shape must hold either way.
    const analysis = applyManual(dialogAnalysisSchema.parse(result.analysis), prepared.manual);
    return {
      kind: "analyzed",
      prepared,
      analysis,
      scored: scoreDialog(analysis, settings.scoringPreset),
      usage: result.usage,
    };
  } catch (err) {
    if (options.signal?.aborted) throw err;
    if (options.throwTransient && isTransient(err)) throw new TransientAnalysisError(retryAfterMs(err), { cause: err });
    const malformed = err instanceof AnalysisFailedError;
    const error = err instanceof Error ? err.message : String(err);
    return {
      kind: "failed",
      prepared,
      error,
      malformed,
      usage: malformed ? err.usage : undefined,
      quota: isQuotaExhausted(err),
      timedOut: err instanceof DialogTimeoutError,
    };
  }
}

/** Writes computed results (leads and ai_runs) in a few statements; outcomes in the same order. */
export async function saveComputed(
  sql: Sql,
  orgId: string,
  items: Computed[],
  engine: AnalysisEngine,
  jobId?: string | null,
): Promise<ContactOutcome[]> {
  const analyzed = items.filter((c) => c.kind === "analyzed");
  const failed = items.filter((c) => c.kind === "failed");
  const written = await saveLeadAnalyses(
    sql,
    orgId,
    analyzed.map((c) => ({
      dialog: c.prepared.dialog,
      analysis: c.analysis,
      scored: c.scored,
      inputHash: c.prepared.inputHash,
      manualSeen: c.prepared.manualSeen,
      engine: engine.kind,
      model: engine.kind === "openai" ? c.usage.model : null,
    })),
  );
  await publishLeadChanges(sql, orgId, written);
  const created = new Set(written.filter((w) => w.created).map((w) => w.contactId));
  await saveLeadErrors(
    sql,
    orgId,
    failed.map((c) => ({ dialog: c.prepared.dialog, error: c.error })),
  );
  const job = jobId && UUID.test(jobId) ? jobId : null;
  // An offline run names no model; an OpenAI run names the snapshot that answered, else the one it would ask.
  const usageOf = (usage?: Partial<AIUsage>): Partial<AIUsage> => ({
    ...usage,
    model: engine.kind === "openai" ? (usage?.model ?? engine.model ?? undefined) : undefined,
  });
  await recordRuns(
    sql,
    items.map((c): Run => {
      const run = {
        orgId,
        kind: "analysis" as const,
        contactId: c.prepared.dialog.contactId,
        engine: engine.kind,
        jobId: job,
      };
      if (c.kind === "analyzed") return { ...run, outcome: "ok", usage: usageOf(c.usage) };
      if (c.kind === "skipped") return { ...run, outcome: "skipped", usage: usageOf() };
      return { ...run, outcome: c.malformed ? "malformed" : "error", usage: usageOf(c.usage), error: c.error };
    }),
  );
  return items.map((c): ContactOutcome => {
    if (c.kind === "analyzed") {
      const contactId = c.prepared.dialog.contactId;
      return { status: "analyzed", created: created.has(contactId), ...scoreOf(c.scored) };
    }
    if (c.kind === "skipped") return { status: "skipped", interestLevel: c.prepared.previousLevel };
    return { status: "error", error: c.error };
  });
}

const scoreOf = (s: ScoreResult) => ({ score: s.score, interestLevel: s.interestLevel });

export type AnalyzeContactOptions = {
  /** Analyse even when the dialog did not change since the last analysis. */
  force?: boolean;
  jobId?: string | null;
  signal?: AbortSignal;
};

/**
 * Analyses one contact's dialog and stores the lead (the refresh after new messages). An unchanged dialog is
 * skipped without a model call unless `force`; failures are recorded on the lead and in ai_runs and returned.
 */
export async function analyzeContact(
  orgId: string,
  contactId: string,
  options: AnalyzeContactOptions = {},
): Promise<ContactOutcome> {
  const { prepared, settings, engine } = await asService(async (sql) => {
    const settings = await loadAiSettings(sql, orgId);
    const engine = resolveEngine(settings);
    const found = await prepareContacts(sql, orgId, [contactId], { settings, engine, force: options.force });
    return { prepared: found.get(contactId), settings, engine };
  });
  if (!prepared) return { status: "not_found" };
  const computed = await computeAnalysis(prepared, engine, settings, { signal: options.signal });
  const [outcome] = await asService((sql) => saveComputed(sql, orgId, [computed], engine, options.jobId));
  await noteProviderState(orgId, engine, [computed]);
  return outcome;
}

/** The OpenAI quota state after some results: exhausted when one said so, back when one succeeded. */
export async function noteProviderState(orgId: string, engine: AnalysisEngine, items: readonly Computed[]) {
  if (engine.kind !== "openai") return;
  const quota = items.find((c) => c.kind === "failed" && c.quota);
  if (quota?.kind === "failed") await markQuotaExhausted(orgId, quota.error);
  else if (items.some((c) => c.kind === "analyzed")) await clearQuotaExhausted(orgId);
}

/** A dialog whose budget ran out before it could even be tried again (the pool's cool-down was longer). */
export const timedOut = (prepared: Prepared, budgetMs: number): Computed => ({
  kind: "failed",
  prepared,
  error: new DialogTimeoutError(budgetMs).message,
  malformed: false,
  timedOut: true,
});
