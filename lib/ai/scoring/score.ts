import { isQualificationComplete, type DialogAnalysis } from "@/lib/ai/analysis-schema";
import type { ScoringCondition, ScoringPreset } from "./preset";

export type InterestLevel = "hot" | "warm" | "cold";

export interface ScoreReason {
  /** `stage:<id>`, `modifier:<id>` or `clamp` — the sum of all reasons' points is the score. */
  rule: string;
  label: string;
  points: number;
  /** The dialog's words that decided the rule (the analysis' evidence), so a manager sees why. */
  evidence?: string;
}

export interface ScoreResult {
  score: number;
  interestLevel: InterestLevel;
  reasons: ScoreReason[];
}

/** The fields scoring reads; a full DialogAnalysis fits, and so does a hand-made lead. */
export type ScoringInput = Pick<DialogAnalysis, "funnelStage"> &
  Partial<Pick<DialogAnalysis, "niche" | "isOwner" | "budgetMentioned" | "role" | "qualification" | "isSpam">> & {
    evidence?: Partial<DialogAnalysis["evidence"]> | null;
  };

/** The rule for spam and pitches to the business: not a client, so no modifier applies and it stays cold. */
export const SPAM_REASON = { rule: "spam", label: "Спам / предложение услуг" } as const;

const EVIDENCE_OF: Record<ScoringCondition["field"], keyof DialogAnalysis["evidence"] | null> = {
  niche: "niche",
  role: "role",
  isOwner: "isOwner",
  budgetMentioned: "budget",
  qualificationComplete: null,
};

function withEvidence(reason: ScoreReason, quote: string | null | undefined): ScoreReason {
  return quote ? { ...reason, evidence: quote } : reason;
}

function matches(cond: ScoringCondition, a: ScoringInput): boolean {
  switch (cond.field) {
    case "niche":
      return a.niche != null && cond.oneOf.includes(a.niche);
    case "role":
      return a.role != null && cond.oneOf.includes(a.role);
    case "isOwner":
      return (a.isOwner ?? null) === cond.equals;
    case "budgetMentioned":
      return (a.budgetMentioned ?? false) === cond.equals;
    case "qualificationComplete":
      return (a.qualification ? isQualificationComplete(a.qualification) : false) === cond.equals;
  }
}

export function interestLevelFor(score: number, thresholds: ScoringPreset["thresholds"]): InterestLevel {
  if (score >= thresholds.hot) return "hot";
  if (score >= thresholds.warm) return "warm";
  return "cold";
}

/** Seed 004's score: base by funnel stage plus every matching modifier, clamped to 0..100. */
export function scoreDialog(analysis: ScoringInput, preset: ScoringPreset): ScoreResult {
  const reasons: ScoreReason[] = [];
  const ev = analysis.evidence ?? {};
  // Spam is scored as not qualified whatever stage a model named, and no modifier lifts it ("$49" is no budget).
  const stageId = analysis.isSpam ? "not_qualified" : analysis.funnelStage;
  const stage = preset.stages.find((s) => s.id === stageId);
  // A stage the organisation removed from its preset scores 0 rather than failing the whole batch.
  reasons.push(
    withEvidence(
      { rule: `stage:${stageId}`, label: stage?.label ?? stageId, points: stage?.base ?? 0 },
      analysis.isSpam ? null : ev.funnelStage,
    ),
  );
  if (analysis.isSpam) {
    reasons.push(withEvidence({ ...SPAM_REASON, points: 0 }, ev.isSpam));
  } else {
    for (const m of preset.modifiers) {
      if (!matches(m.when, analysis)) continue;
      const key = EVIDENCE_OF[m.when.field];
      reasons.push(withEvidence({ rule: `modifier:${m.id}`, label: m.label, points: m.points }, key && ev[key]));
    }
  }
  const raw = reasons.reduce((sum, r) => sum + r.points, 0);
  const score = Math.min(100, Math.max(0, raw));
  if (score !== raw) reasons.push({ rule: "clamp", label: raw > 100 ? "max 100" : "min 0", points: score - raw });
  return { score, interestLevel: interestLevelFor(score, preset.thresholds), reasons };
}
