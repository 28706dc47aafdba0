import { isQualificationComplete, type DialogAnalysis } from "@/lib/ai/analysis-schema";
import type { ScoringCondition, ScoringPreset } from "./preset";

export type InterestLevel = "hot" | "warm" | "cold";

export interface ScoreReason {
  /** `stage:<id>`, `modifier:<id>` or `clamp` — the sum of all reasons' points is the score. */
  rule: string;
  label: string;
  points: number;
}

export interface ScoreResult {
  score: number;
  interestLevel: InterestLevel;
  reasons: ScoreReason[];
}

/** The fields scoring reads; a full DialogAnalysis fits, and so does a hand-made lead. */
export type ScoringInput = Pick<DialogAnalysis, "funnelStage"> &
  Partial<Pick<DialogAnalysis, "niche" | "isOwner" | "budgetMentioned" | "role" | "qualification">>;

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
  const stage = preset.stages.find((s) => s.id === analysis.funnelStage);
  // A stage the organisation removed from its preset scores 0 rather than failing the whole batch.
  reasons.push({
    rule: `stage:${analysis.funnelStage}`,
    label: stage?.label ?? analysis.funnelStage,
    points: stage?.base ?? 0,
  });
  for (const m of preset.modifiers) {
    if (matches(m.when, analysis)) reasons.push({ rule: `modifier:${m.id}`, label: m.label, points: m.points });
  }
  const raw = reasons.reduce((sum, r) => sum + r.points, 0);
  const score = Math.min(100, Math.max(0, raw));
  if (score !== raw) reasons.push({ rule: "clamp", label: raw > 100 ? "max 100" : "min 0", points: score - raw });
  return { score, interestLevel: interestLevelFor(score, preset.thresholds), reasons };
}
