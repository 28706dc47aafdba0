import { describe, expect, it } from "vitest";
import { z } from "zod";
import { dialogAnalysisSchema, type DialogAnalysis } from "@/lib/ai/analysis-schema";
import {
  DEFAULT_SCORING_PRESET,
  interestLevelFor,
  scoreDialog,
  scoringPresetSchema,
  type ScoringInput,
  type ScoringPreset,
} from "@/lib/ai/scoring";

const neutral: Omit<ScoringInput, "funnelStage"> = {
  niche: "other",
  isOwner: null,
  budgetMentioned: false,
  role: null,
};
const score = (a: Partial<ScoringInput> & Pick<ScoringInput, "funnelStage">) =>
  scoreDialog({ ...neutral, ...a }, DEFAULT_SCORING_PRESET);

describe("seed 004 scoring: base score by funnel stage", () => {
  it.each([
    ["new_lead", 5],
    ["not_qualified", 15],
    ["qualified", 30],
    ["consultation_booked", 40],
    ["consultation_completed", 55],
    ["deal_closed", 75],
    ["deal_lost", 0],
  ] as const)("%s scores %i with no modifiers", (funnelStage, base) => {
    const r = score({ funnelStage });
    expect(r.score).toBe(base);
    expect(r.reasons).toEqual([{ rule: `stage:${funnelStage}`, label: expect.any(String), points: base }]);
  });
});

describe("seed 004 scoring: modifiers", () => {
  it.each([
    ["Медицина +15", { niche: "medicine" }, "modifier:niche_medicine", 15],
    ["Инфобизнес +10", { niche: "infobusiness" }, "modifier:niche_infobusiness", 10],
    ["Владелец +10", { isOwner: true }, "modifier:owner", 10],
    ["Бюджет указан +10", { budgetMentioned: true }, "modifier:budget_mentioned", 10],
    ["Таргетолог −30", { role: "targetologist" }, "modifier:targetologist_smm", -30],
    ["SMM −30", { role: "smm" }, "modifier:targetologist_smm", -30],
  ] as const)("%s on top of qualified (30)", (_name, fields, rule, points) => {
    const r = score({ funnelStage: "qualified", ...fields });
    expect(r.score).toBe(30 + points);
    expect(r.reasons).toContainEqual({ rule, label: expect.any(String), points });
  });

  it("does not apply a modifier whose condition fails", () => {
    for (const fields of [
      { niche: "beauty" },
      { niche: null },
      { isOwner: false },
      { isOwner: null },
      { role: "marketer" },
    ] as const) {
      expect(score({ funnelStage: "qualified", ...fields }).score).toBe(30);
    }
  });

  it("adds every matching modifier and keeps the reasons summing to the score", () => {
    const r = score({ funnelStage: "consultation_booked", niche: "medicine", isOwner: true, budgetMentioned: true });
    expect(r.score).toBe(40 + 15 + 10 + 10);
    expect(r.interestLevel).toBe("hot");
    expect(r.reasons.reduce((s, x) => s + x.points, 0)).toBe(r.score);
  });
});

describe("seed 004 scoring: thresholds and clamps", () => {
  it.each([
    [0, "cold"],
    [39, "cold"],
    [40, "warm"],
    [74, "warm"],
    [75, "hot"],
    [100, "hot"],
  ] as const)("score %i is %s", (s, level) => {
    expect(interestLevelFor(s, DEFAULT_SCORING_PRESET.thresholds)).toBe(level);
  });

  it("39 vs 40 through real rules: 40 is WARM, 35 is COLD", () => {
    // qualified + owner = 40 → WARM; not_qualified + owner + budget = 35 → COLD
    expect(score({ funnelStage: "qualified", isOwner: true })).toMatchObject({ score: 40, interestLevel: "warm" });
    expect(score({ funnelStage: "consultation_booked" })).toMatchObject({ score: 40, interestLevel: "warm" });
    expect(score({ funnelStage: "qualified", niche: "infobusiness" })).toMatchObject({
      score: 40,
      interestLevel: "warm",
    });
    expect(score({ funnelStage: "not_qualified", isOwner: true, budgetMentioned: true })).toMatchObject({
      score: 35,
      interestLevel: "cold",
    });
  });

  it("74 vs 75 through real rules", () => {
    // 55 + 10 + 10 = 75 → HOT; consultation_completed + medicine = 70 → WARM; deal_closed alone = 75 → HOT
    expect(score({ funnelStage: "consultation_completed", isOwner: true, budgetMentioned: true })).toMatchObject({
      score: 75,
      interestLevel: "hot",
    });
    expect(score({ funnelStage: "consultation_completed", niche: "medicine" })).toMatchObject({
      score: 70,
      interestLevel: "warm",
    });
    expect(score({ funnelStage: "deal_closed" })).toMatchObject({ score: 75, interestLevel: "hot" });
    const preset74 = scoringPresetSchema.parse({
      ...DEFAULT_SCORING_PRESET,
      stages: [{ id: "qualified", label: "q", base: 74 }],
    });
    expect(scoreDialog({ funnelStage: "qualified" }, preset74)).toMatchObject({ score: 74, interestLevel: "warm" });
    const preset39 = { ...preset74, stages: [{ id: "qualified", label: "q", base: 39 }] };
    expect(scoreDialog({ funnelStage: "qualified" }, preset39)).toMatchObject({ score: 39, interestLevel: "cold" });
  });

  it("clamps at 0: deal_lost with a targetologist is 0, not −30", () => {
    const r = score({ funnelStage: "deal_lost", role: "targetologist" });
    expect(r).toMatchObject({ score: 0, interestLevel: "cold" });
    expect(r.reasons.at(-1)).toEqual({ rule: "clamp", label: "min 0", points: 30 });
  });

  it("clamps at 100: deal_closed + every positive modifier (75+15+10+10 = 110) is 100", () => {
    const r = score({ funnelStage: "deal_closed", niche: "medicine", isOwner: true, budgetMentioned: true });
    expect(r).toMatchObject({ score: 100, interestLevel: "hot" });
    expect(r.reasons.at(-1)).toEqual({ rule: "clamp", label: "max 100", points: -10 });
    expect(r.reasons.reduce((s, x) => s + x.points, 0)).toBe(100);
  });
});

describe("scoring preset as data", () => {
  it("an organisation's edited preset is used as given", () => {
    const preset: ScoringPreset = scoringPresetSchema.parse({
      stages: [{ id: "new_lead", label: "New", base: 20 }],
      modifiers: [
        { id: "complete", label: "All answered", when: { field: "qualificationComplete", equals: true }, points: 25 },
      ],
      thresholds: { hot: 60, warm: 30 },
    });
    const qualification = { q1: "site", q2: "$500", q3: "me", q4: "May" };
    expect(scoreDialog({ funnelStage: "new_lead", qualification }, preset)).toMatchObject({
      score: 45,
      interestLevel: "warm",
    });
    expect(scoreDialog({ funnelStage: "new_lead", qualification: { ...qualification, q4: null } }, preset).score).toBe(
      20,
    );
    // A stage the preset does not know scores 0 instead of throwing.
    expect(scoreDialog({ funnelStage: "deal_closed" }, preset)).toMatchObject({ score: 0, interestLevel: "cold" });
  });

  it("rejects thresholds out of order and duplicate ids", () => {
    expect(() => scoringPresetSchema.parse({ ...DEFAULT_SCORING_PRESET, thresholds: { hot: 40, warm: 75 } })).toThrow(
      /thresholds.hot/,
    );
    const stages = [...DEFAULT_SCORING_PRESET.stages, { id: "new_lead", label: "again", base: 1 }];
    expect(() => scoringPresetSchema.parse({ ...DEFAULT_SCORING_PRESET, stages })).toThrow(/duplicate id new_lead/);
  });

  it("scores a full analysis that the structured-output schema accepts", () => {
    const analysis: DialogAnalysis = dialogAnalysisSchema.parse({
      language: "ru",
      niche: "medicine",
      qualification: { q1: "реклама клиники", q2: "100 тыс.", q3: "владелец", q4: null },
      isOwner: true,
      budgetMentioned: true,
      budgetAmount: 100000,
      budgetCurrency: "RUB",
      budget: "100 тыс.",
      role: "owner",
      isSpam: false,
      funnelStage: "qualified",
      summary: "Владелец клиники ищет рекламу.",
      nextBestAction: "Предложить консультацию.",
      evidence: {
        funnelStage: null,
        niche: "у меня клиника",
        isOwner: "я владелец",
        budget: "100 тыс.",
        role: null,
        isSpam: null,
      },
    });
    const scored = scoreDialog(analysis, DEFAULT_SCORING_PRESET);
    expect(scored).toMatchObject({ score: 65, interestLevel: "warm" });
    // Each rule carries the words that decided it.
    expect(scored.reasons).toContainEqual({
      rule: "modifier:budget_mentioned",
      label: expect.any(String),
      points: 10,
      evidence: "100 тыс.",
    });
    expect(scored.reasons.find((r) => r.rule === "modifier:owner")?.evidence).toBe("я владелец");
    expect(() => dialogAnalysisSchema.parse({ ...analysis, funnelStage: "maybe" })).toThrow();
  });
});

describe("dialog analysis schema for OpenAI structured outputs", () => {
  it("has no optional property anywhere (strict mode requires every key)", () => {
    type Node = { type?: string | string[]; properties?: Record<string, Node>; required?: string[]; anyOf?: Node[] };
    const walk = (node: Node, path: string) => {
      if (node.properties) {
        expect(new Set(node.required), path).toEqual(new Set(Object.keys(node.properties)));
        for (const [key, child] of Object.entries(node.properties)) walk(child, `${path}.${key}`);
      }
      for (const child of node.anyOf ?? []) walk(child, path);
    };
    const schema = z.toJSONSchema(dialogAnalysisSchema) as Node;
    walk(schema, "$");
    expect(Object.keys(schema.properties ?? {})).toEqual(
      expect.arrayContaining([
        "niche",
        "qualification",
        "isOwner",
        "budgetMentioned",
        "budgetAmount",
        "budgetCurrency",
        "role",
        "isSpam",
        "funnelStage",
        "evidence",
      ]),
    );
  });
});

describe("spam and pitches to the business", () => {
  it("are scored as not qualified with no modifier, cold, whatever stage and niche a model named", () => {
    const r = scoreDialog(
      {
        funnelStage: "qualified",
        niche: "medicine",
        isOwner: true,
        budgetMentioned: true,
        role: "owner",
        isSpam: true,
        evidence: { isSpam: "We offer dofollow backlinks for only $49" },
      },
      DEFAULT_SCORING_PRESET,
    );
    expect(r).toMatchObject({ score: 15, interestLevel: "cold" });
    expect(r.reasons).toEqual([
      { rule: "stage:not_qualified", label: expect.any(String), points: 15 },
      { rule: "spam", label: expect.any(String), points: 0, evidence: "We offer dofollow backlinks for only $49" },
    ]);
  });
});
