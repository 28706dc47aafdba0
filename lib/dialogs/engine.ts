import type OpenAI from "openai";
import type { DialogAnalysis } from "@/lib/ai/analysis-schema";
import { analyzeOffline } from "@/lib/ai/offline";
import { analyzeDialogWithOpenAI } from "@/lib/ai/openai/analyze";
import { createOpenAIClient, isOpenAIConfigured } from "@/lib/ai/openai/client";
import type { AIUsage } from "@/lib/ai/openai/usage";
import type { AiSettings } from "@/lib/ai/settings";
import { env } from "@/lib/env";
import { engineMessages, type ContactDialog } from "./dialog";

/** Which engine analyses dialogs: OpenAI when a key is configured, else the offline rules. Decided once per run. */
export type AnalysisEngine =
  { kind: "openai"; model: string; client: OpenAI; questions: string[] } | { kind: "offline"; model: null };

/**
 * Batch analysis retries a rate-limited call more patiently than a live reply does: the SDK waits out
 * retry-after (up to 60 s) between attempts, so a 429 storm slows the batch down instead of failing dialogs.
 */
export const ANALYSIS_MAX_RETRIES = 6;

let shared: { client: OpenAI; key: string } | undefined;

function analysisClient(): OpenAI {
  const key = `${env().OPENAI_API_KEY}|${env().OPENAI_BASE_URL}`;
  if (shared?.key !== key) shared = { client: createOpenAIClient({ maxRetries: ANALYSIS_MAX_RETRIES }), key };
  return shared.client;
}

export function resolveEngine(settings: AiSettings): AnalysisEngine {
  if (!isOpenAIConfigured()) return { kind: "offline", model: null };
  const q = settings.qualificationQuestions;
  return {
    kind: "openai",
    model: settings.model ?? env().OPENAI_MODEL,
    client: analysisClient(),
    // Both languages: the model answers in the client's language whichever the dialog is in.
    questions: [q.q1, q.q2, q.q3, q.q4].map((x) => `${x.en} / ${x.ru}`),
  };
}

export type EngineResult = { analysis: DialogAnalysis; usage: AIUsage };

/** How one call may spend its time: the SDK's per-attempt timeout and its retries. */
export type CallLimits = { timeoutMs?: number; maxRetries?: number };

export async function runEngine(
  engine: AnalysisEngine,
  dialog: ContactDialog,
  signal?: AbortSignal,
  limits: CallLimits = {},
): Promise<EngineResult> {
  const messages = engineMessages(dialog);
  if (engine.kind === "offline") {
    const started = performance.now();
    const { engine: _offline, ...analysis } = analyzeOffline(messages);
    const latencyMs = Math.round(performance.now() - started);
    return { analysis, usage: { model: "offline", latencyMs, promptTokens: 0, completionTokens: 0, attempts: 1 } };
  }
  return analyzeDialogWithOpenAI(
    { messages, contactName: dialog.contactName || null, channel: dialog.channelType },
    { client: engine.client, model: engine.model, questions: engine.questions, signal, ...limits },
  );
}
