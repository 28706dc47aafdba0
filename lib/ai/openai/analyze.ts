import type OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { DEFAULT_QUALIFICATION_QUESTIONS, dialogAnalysisSchema, type DialogAnalysis } from "@/lib/ai/analysis-schema";
import { env } from "@/lib/env";
import { openAIClient } from "./client";
import { addUsage, emptyUsage, MalformedAnswerError, malformedReason, withOneRetry, type AIUsage } from "./usage";

export type DialogMessage = {
  /** in = from the client, out = from the business (agent or assistant). */
  direction: "in" | "out";
  text: string;
  at?: string | Date;
};
export type AnalysisDialog = { messages: DialogMessage[]; contactName?: string | null; channel?: string | null };

export type AnalyzeOptions = {
  /** Up to four qualification questions, answered as q1..q4 in order. */
  questions?: readonly string[];
  model?: string;
  client?: OpenAI;
  signal?: AbortSignal;
  /** Per attempt, and the SDK's retries of 429/5xx/timeouts; default: the client's. */
  timeoutMs?: number;
  maxRetries?: number;
};

export type AnalysisResult = { analysis: DialogAnalysis; usage: AIUsage };

/** Malformed twice in a row: counted as this dialog's error by the batch, which carries on. */
export class AnalysisFailedError extends Error {
  constructor(
    readonly reason: MalformedAnswerError["reason"],
    readonly usage: AIUsage,
    options?: { cause?: unknown },
  ) {
    super(`Dialog analysis failed after ${usage.attempts} attempts: ${reason}`, options);
    this.name = "AnalysisFailedError";
  }
}

const responseFormat = zodResponseFormat(dialogAnalysisSchema, "dialog_analysis");
const DEFAULT_QUESTIONS = Object.values(DEFAULT_QUALIFICATION_QUESTIONS).map((q) => q.en);

export function analysisPrompt(questions: readonly string[]): string {
  const list = questions
    .slice(0, 4)
    .map((q, i) => `q${i + 1}: ${q}`)
    .join("\n");
  return [
    "You analyse a sales dialog between a business and a potential client for a CRM.",
    "Use only what the dialog says; when something is not said, answer null rather than guessing.",
    "Qualification questions (fill qualification.q1..q4 with the client's answers, in the client's language):",
    list,
    "funnelStage: new_lead (just arrived), not_qualified (not a fit or unresponsive), qualified (need and fit known),",
    "consultation_booked, consultation_completed, deal_closed, deal_lost.",
    "isSpam: true when the sender pitches their own services to the business (SEO, backlinks, ads, leads, loans)",
    "or sends spam; then funnelStage is not_qualified and a price they quote is not a budget.",
    'budgetAmount and budgetCurrency (ISO 4217): the client\'s own budget as a number ("150 тыс. руб" → 150000, RUB);',
    "budget: the client's words naming it. A price the business quotes is not the client's budget.",
    "A time the business proposed and the client accepted is consultation_booked; a consultation that took place",
    '(past tense) is consultation_completed. Read negation: "не записывайте" is not a booking.',
    "evidence: for each field, the short quote from the dialog that decided it, or null.",
    "Summary and next best action: short, in the client's language.",
  ].join("\n");
}

export function dialogTranscript(dialog: AnalysisDialog): string {
  const header = dialog.contactName ? `Client: ${dialog.contactName}\n` : "";
  return (
    header +
    dialog.messages
      .map((m) => `${m.direction === "in" ? "CLIENT" : "BUSINESS"}: ${m.text.replace(/\s+/g, " ").trim()}`)
      .join("\n")
  );
}

/**
 * One structured-output call per dialog (zodResponseFormat: strict json_schema). The SDK retries 429/5xx (honouring retry-after) and connection errors;
 * here a malformed answer (bad JSON, schema mismatch, refusal, truncation) is retried once, then thrown as
 * AnalysisFailedError. API errors and timeouts are thrown as the SDK's own errors.
 */
export async function analyzeDialogWithOpenAI(
  dialog: AnalysisDialog,
  options: AnalyzeOptions = {},
): Promise<AnalysisResult> {
  const client = options.client ?? openAIClient();
  const model = options.model ?? env().OPENAI_MODEL;
  const usage = emptyUsage(model);
  const questions = options.questions?.length ? options.questions : DEFAULT_QUESTIONS;
  try {
    const analysis = await withOneRetry(usage, async () => {
      // create() and our own validation rather than parse(): parse() throws before we see the usage, and a
      // malformed attempt's tokens are billed and must be recorded too.
      const completion = await client.chat.completions.create(
        {
          model,
          temperature: 0,
          messages: [
            { role: "system", content: analysisPrompt(questions) },
            { role: "user", content: dialogTranscript(dialog) },
          ],
          response_format: responseFormat,
        },
        // Only the limits given: the SDK rejects an explicit undefined.
        {
          signal: options.signal,
          ...(options.timeoutMs !== undefined && { timeout: options.timeoutMs }),
          ...(options.maxRetries !== undefined && { maxRetries: options.maxRetries }),
        },
      );
      addUsage(usage, completion.usage, completion.model);
      const choice = completion.choices[0];
      if (choice?.message.refusal) throw new MalformedAnswerError("refused", choice.message.refusal);
      if (choice?.finish_reason === "length") throw new MalformedAnswerError("truncated", "The answer was cut short");
      if (choice?.finish_reason === "content_filter") {
        throw new MalformedAnswerError("content_filter", "The answer was filtered");
      }
      if (!choice?.message.content) throw new MalformedAnswerError("empty", "The answer had no content");
      // The SDK's own zod parse for this format: JSON.parse (SyntaxError) then the schema (ZodError).
      return responseFormat.$parseRaw(choice.message.content);
    });
    return { analysis, usage };
  } catch (err) {
    const reason = malformedReason(err);
    if (reason) throw new AnalysisFailedError(reason, usage, { cause: err });
    throw err;
  }
}
