import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FUNNEL_STAGES } from "@/lib/ai/analysis-schema";
import { EVAL_SETS, evaluateOffline, loadEvalSet } from "@/bench/eval/evaluate";

// Regression bars for the offline engine, set a little under what it measured when they were written
// (development set 100% stage / 100% interest; holdout 81% / 94%), so a rule change that breaks dialogs fails here.

describe("offline engine on the evaluation set", () => {
  const dev = loadEvalSet();
  const holdout = loadEvalSet(readFileSync(EVAL_SETS.holdout, "utf8"));

  it("the set is what the issue asks for: ≥ 40 dialogs, Russian and English, every funnel stage", () => {
    expect(dev.length).toBeGreaterThanOrEqual(40);
    const languages = new Set(dev.map((d) => d.labels.language));
    expect(languages).toEqual(new Set(["ru", "en"]));
    expect(new Set(dev.map((d) => d.labels.funnelStage))).toEqual(new Set(FUNNEL_STAGES));
    expect(new Set(dev.map((d) => d.labels.interestLevel))).toEqual(new Set(["hot", "warm", "cold"]));
    expect(new Set(dev.map((d) => d.id)).size).toBe(dev.length);
  });

  it("development set: stage and interest level at least 90%", () => {
    const { accuracy } = evaluateOffline(dev);
    expect(accuracy.funnelStage).toBeGreaterThanOrEqual(0.9);
    expect(accuracy.interestLevel).toBeGreaterThanOrEqual(0.9);
    expect(accuracy.language).toBe(1);
  });

  it("holdout set (never tuned on): stage at least 70%, interest level at least 80%", () => {
    const { accuracy } = evaluateOffline(holdout);
    expect(accuracy.funnelStage).toBeGreaterThanOrEqual(0.7);
    expect(accuracy.interestLevel).toBeGreaterThanOrEqual(0.8);
  });
});
