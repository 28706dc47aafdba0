import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { CLIENT_ROLES, FUNNEL_STAGES, LANGUAGES, NICHES } from "@/lib/ai/analysis-schema";
import { analyzeOffline } from "@/lib/ai/offline";
import { DEFAULT_SCORING_PRESET, scoreDialog } from "@/lib/ai/scoring";

// The labelled evaluation set and its scoring, shared by `npm run bench:eval` and the regression test.

/**
 * `dialogs` is the development set the rules were tuned on (the four spent holdouts included, ids `h-*`, `g-*`,
 * `k-*`, `m-*`). `holdout5` is the fifth independent holdout (71 dialogs, ids `p-*`, 48 RU / 23 EN, every stage
 * about 10 times, six spam), written on 7 December 2026 by an annotator who read only seed 004 and the label schema,
 * never the rules, the development set or the other holdouts (`holdout5-guide.md` beside it: the stage definitions
 * they wrote before the first dialog; interest is seed 004's scoring of their own labels). It was sealed until the
 * rules were frozen at 6b2b63b and measured once on them, so its figure is the honest one.
 */
export const EVAL_SETS = {
  dialogs: new URL("../../tests/fixtures/eval/dialogs.json", import.meta.url),
  holdout5: new URL("../../tests/fixtures/eval/holdout5.json", import.meta.url),
};

/** The holdout's dialogs, or null while its file is not there. */
export function loadHoldout(url = EVAL_SETS.holdout5): EvalDialog[] | null {
  return existsSync(url) ? loadEvalSet(readFileSync(url, "utf8")) : null;
}

export const evalDialogSchema = z.object({
  id: z.string(),
  messages: z.array(z.object({ direction: z.enum(["in", "out"]), text: z.string().min(1) })).min(1),
  labels: z.object({
    funnelStage: z.enum(FUNNEL_STAGES),
    interestLevel: z.enum(["hot", "warm", "cold"]),
    language: z.enum(LANGUAGES),
    niche: z.enum(NICHES).nullable(),
    isOwner: z.boolean().nullable(),
    budgetMentioned: z.boolean(),
    role: z.enum(CLIENT_ROLES).nullable(),
    /** Spam or a sales pitch to the business; absent means false. */
    isSpam: z.boolean().default(false),
  }),
});
export type EvalDialog = z.infer<typeof evalDialogSchema>;

export function loadEvalSet(raw = readFileSync(EVAL_SETS.dialogs, "utf8")): EvalDialog[] {
  return z.array(evalDialogSchema).parse(JSON.parse(raw));
}

export interface Miss {
  id: string;
  field: string;
  expected: unknown;
  got: unknown;
}

const FIELDS = ["funnelStage", "interestLevel", "language", "niche", "budgetMentioned", "isSpam"] as const;

export interface EvalReport {
  total: number;
  accuracy: Record<(typeof FIELDS)[number], number>;
  /** The confusions the issue forbids: a hot lead read as cold, a cold one read as hot. */
  hotReadAsCold: string[];
  coldReadAsHot: string[];
  misses: Miss[];
}

/** Issue 9's targets: the development set must meet them, and the holdout is measured against them. */
export const TARGETS = { funnelStage: 0.85, interestLevel: 0.9 } as const;

/**
 * The holdout's floor in the regression test, set from its first (and only honest) measurement so the rules
 * cannot regress on it afterwards; null until the holdout has been measured, and until then the test holds it
 * to TARGETS. Spent holdouts, folded into the development set after their one measurement: the third (k-*,
 * measured once at bbc5dee: stage 78.3 %, interest 73.6 % against the annotator's labels, 92.5 % against the
 * scoring's interest for the annotator's own labels; 21 of its interest labels re-derived, see the README) and
 * the fourth (m-*, 72 dialogs, 49 RU / 23 EN, interest computed from seed 004's scoring for the annotator's own
 * labels, measured once at 43ca51a: stage 81.9 %, interest 95.8 %, no hot/cold confusion; its largest miss kind,
 * 5 of 13, someone not the decision maker gathering information, labelled not_qualified and read as new_lead).
 */
// holdout5.json measured once on the rules frozen at 6b2b63b: stage 87.3 % (62 of 71), interest 94.4 % (67 of 71),
// no hot/cold confusion; the floors below are those figures rounded down. Its stage misses by kind (9): a loss
// not read (3: staying with a system named by its brand, "остаемся на амо"; a cheaper solution found after
// cancelling the booking; "после консультации решили не внедрять" read as the consultation held); spam not read
// (2: an SEO pitch whose tariff was read as a budget, a "verify your account" phishing link); a booking the
// business confirmed after the client named the time ("Ставлю четверг 16:30" — "отлично"), read as new_lead; an
// offered call put off ("давайте ближе к делу я сама напишу"), read as booked; an administrator looking for the
// head doctor's decision, labelled qualified here and read as new_lead; "по поводу автоворонки для курсов" read
// as a student's coursework (not qualified) for a new lead.
export const HOLDOUT_MEASURED: { funnelStage: number; interestLevel: number } | null = {
  funnelStage: 0.873,
  interestLevel: 0.943,
};
/** The holdout's hot↔cold confusions at that measurement: the test fails on any other. */
export const HOLDOUT_HOT_COLD: string[] = [];

export function evaluateOffline(dialogs: EvalDialog[]): EvalReport {
  const fields = FIELDS;
  const hits = Object.fromEntries(fields.map((f) => [f, 0])) as Record<(typeof fields)[number], number>;
  const misses: Miss[] = [];
  const hotReadAsCold: string[] = [];
  const coldReadAsHot: string[] = [];
  for (const d of dialogs) {
    const analysis = analyzeOffline(d.messages);
    const got = { ...analysis, interestLevel: scoreDialog(analysis, DEFAULT_SCORING_PRESET).interestLevel };
    if (d.labels.interestLevel === "hot" && got.interestLevel === "cold") hotReadAsCold.push(d.id);
    if (d.labels.interestLevel === "cold" && got.interestLevel === "hot") coldReadAsHot.push(d.id);
    for (const f of fields) {
      if (got[f] === d.labels[f]) hits[f]++;
      else misses.push({ id: d.id, field: f, expected: d.labels[f], got: got[f] });
    }
  }
  const n = dialogs.length;
  const accuracy = Object.fromEntries(fields.map((f) => [f, n ? hits[f] / n : 0])) as EvalReport["accuracy"];
  return { total: n, accuracy, hotReadAsCold, coldReadAsHot, misses };
}
