import { z } from "zod";

// The one structured output of dialog analysis (seed 004), shared by the OpenAI client and the offline engine.
// Written for OpenAI strict structured outputs: every field is required, absence is `null` (never `.optional()`),
// no defaults, no string-length or numeric-range keywords. The score and interest level are NOT here on purpose:
// they are computed in code from this object by lib/ai/scoring, never by the model.

/** Seed 004 funnel stages ("Базовый score по этапу воронки"), in funnel order. */
export const FUNNEL_STAGES = [
  "new_lead",
  "not_qualified",
  "qualified",
  "consultation_booked",
  "consultation_completed",
  "deal_closed",
  "deal_lost",
] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** The client's business area. medicine and infobusiness carry seed 004's modifiers; the rest are common here. */
export const NICHES = [
  "medicine",
  "infobusiness",
  "education",
  "beauty",
  "construction",
  "ecommerce",
  "marketing",
  "real_estate",
  "other",
] as const;
export type Niche = (typeof NICHES)[number];

/** Who the client is. targetologist and smm carry seed 004's "Таргетолог/SMM: -30". */
export const CLIENT_ROLES = [
  "owner",
  "manager",
  "marketer",
  "targetologist",
  "smm",
  "private_client",
  "other",
] as const;
export type ClientRole = (typeof CLIENT_ROLES)[number];

/** ISO 4217 codes of the currencies clients here name; anything else keeps the amount without a currency. */
export const CURRENCIES = ["RUB", "USD", "EUR", "GBP", "BYN", "KZT", "UAH"] as const;
export type Currency = (typeof CURRENCIES)[number];

export const LANGUAGES = ["ru", "en", "other"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Seed 004 asks four qualification questions; the defaults below are editable per organisation. */
export const DEFAULT_QUALIFICATION_QUESTIONS = {
  q1: { ru: "Какая задача / что нужно клиенту?", en: "What does the client need?" },
  q2: { ru: "Какой бюджет?", en: "What is the budget?" },
  q3: { ru: "Кто принимает решение (владелец или нет)?", en: "Who makes the decision (owner or not)?" },
  q4: { ru: "Когда нужно / какие сроки?", en: "When is it needed / what is the timeline?" },
} as const;

const answer = z
  .string()
  .nullable()
  .describe("The client's answer in a few words, in the dialog's language, or null if not answered");

export const qualificationSchema = z.object({
  q1: answer,
  q2: answer,
  q3: answer,
  q4: answer,
});
export type Qualification = z.infer<typeof qualificationSchema>;

const quote = z.string().nullable();

/** The words that decided each field, so a manager sees why (shown beside the score's reasons). */
export const evidenceSchema = z
  .object({
    funnelStage: quote,
    niche: quote,
    isOwner: quote,
    budget: quote,
    role: quote,
    isSpam: quote,
  })
  .describe("For each field, the short quote from the dialog that decided it, or null");
export type AnalysisEvidence = z.infer<typeof evidenceSchema>;

export const dialogAnalysisSchema = z.object({
  language: z.enum(LANGUAGES).describe("Language the client writes in"),
  niche: z.enum(NICHES).nullable().describe("The client's business niche, or null if unknown"),
  qualification: qualificationSchema,
  isOwner: z.boolean().nullable().describe("Whether the client owns the business / decides; null if unknown"),
  budgetMentioned: z.boolean().describe("Whether the client named a budget or an amount"),
  budgetAmount: z.number().nullable().describe("The client's own budget as a number (150 тыс. → 150000), or null"),
  budgetCurrency: z.enum(CURRENCIES).nullable().describe("ISO 4217 currency of budgetAmount, or null if not named"),
  budget: z.string().nullable().describe("The client's words naming the budget (the evidence), or null"),
  role: z.enum(CLIENT_ROLES).nullable().describe("The client's role, e.g. targetologist or SMM; null if unknown"),
  isSpam: z
    .boolean()
    .describe("The sender pitches their own services or spam to the business (SEO, links, ads) — not a client"),
  funnelStage: z.enum(FUNNEL_STAGES).describe("Where the dialog is in the sales funnel"),
  summary: z.string().describe("Two or three sentences: who the client is and what they want"),
  nextBestAction: z.string().describe("The manager's most useful next step"),
  evidence: evidenceSchema,
});
export type DialogAnalysis = z.infer<typeof dialogAnalysisSchema>;

/**
 * An analysis as stored on a lead. Rows written before a field existed (isSpam, budgetAmount, evidence) still
 * read as analyses, with the field's "not said" value, so re-scoring keeps their modifiers.
 */
export const storedDialogAnalysisSchema = dialogAnalysisSchema.extend({
  budgetAmount: z.number().nullable().catch(null),
  budgetCurrency: z.enum(CURRENCIES).nullable().catch(null),
  isSpam: z.boolean().catch(false),
  evidence: evidenceSchema.catch({
    funnelStage: null,
    niche: null,
    isOwner: null,
    budget: null,
    role: null,
    isSpam: null,
  }),
});

/** Seed 004's `qualificationComplete` filter: all four questions answered. */
export function isQualificationComplete(q: Qualification): boolean {
  return q.q1 !== null && q.q2 !== null && q.q3 !== null && q.q4 !== null;
}
