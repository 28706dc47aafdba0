import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FUNNEL_STAGES, NICHES } from "@/lib/ai/analysis-schema";
import { DEFAULT_SCORING_PRESET, scoreDialog } from "@/lib/ai/scoring";
import { EVAL_SETS, evaluateOffline, loadEvalSet, TARGETS, type EvalDialog } from "@/bench/eval/evaluate";

// The offline engine on both labelled sets. The development set is what the rules were written against and must
// meet issue 9's targets (funnel stage ≥ 85 %, interest level ≥ 90 %); it includes the first 65-dialog holdout,
// spent once measured (78.5 % stage, 83.1 % interest) and folded in while the rules were generalised. The holdout
// (68 dialogs) is a second set by another annotator who read neither the rules nor anyone's examples, put in
// place after the rules froze: 80.9 % stage and 86.8 % interest there, still below the targets, so its floor is
// that measurement, guarding against regressions while the target stays open. Both sets: no hot lead read as
// cold, no cold lead read as hot.
const HOLDOUT_MEASURED = { funnelStage: 0.8, interestLevel: 0.86 };

const sets: [string, EvalDialog[], { funnelStage: number; interestLevel: number }][] = [
  ["development", loadEvalSet(), TARGETS],
  ["holdout", loadEvalSet(readFileSync(EVAL_SETS.holdout, "utf8")), HOLDOUT_MEASURED],
];

describe("the labelled sets", () => {
  const dev = sets[0][1];

  it("development: ≥ 150 dialogs, both languages, every stage, niche and interest level, 8+ spam", () => {
    expect(dev.length).toBeGreaterThanOrEqual(150);
    expect(new Set(dev.map((d) => d.labels.language))).toEqual(new Set(["ru", "en"]));
    expect(new Set(dev.map((d) => d.labels.funnelStage))).toEqual(new Set(FUNNEL_STAGES));
    expect(new Set(dev.map((d) => d.labels.niche).filter(Boolean))).toEqual(new Set(NICHES));
    expect(new Set(dev.map((d) => d.labels.interestLevel))).toEqual(new Set(["hot", "warm", "cold"]));
    expect(dev.filter((d) => d.labels.isSpam).length).toBeGreaterThanOrEqual(8);
  });

  it.each(sets)("%s: ids unique, each interest level is what the default preset gives for the labels", (_n, set) => {
    expect(new Set(set.map((d) => d.id)).size).toBe(set.length);
    for (const d of set) {
      expect([d.id, scoreDialog(d.labels, DEFAULT_SCORING_PRESET).interestLevel]).toEqual([
        d.id,
        d.labels.interestLevel,
      ]);
    }
  });
});

describe.each(sets)("offline engine on the %s set", (_name, set, floor) => {
  const report = evaluateOffline(set);

  it(`funnel stage ≥ ${floor.funnelStage * 100}% and interest level ≥ ${floor.interestLevel * 100}%`, () => {
    expect(report.accuracy.funnelStage).toBeGreaterThanOrEqual(floor.funnelStage);
    expect(report.accuracy.interestLevel).toBeGreaterThanOrEqual(floor.interestLevel);
    expect(report.accuracy.language).toBeGreaterThanOrEqual(0.95);
  });

  it("no hot lead read as cold, no cold lead read as hot", () => {
    expect(report.hotReadAsCold).toEqual([]);
    expect(report.coldReadAsHot).toEqual([]);
  });
});
