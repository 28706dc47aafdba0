import { describe, expect, it } from "vitest";
import {
  BUSINESS_KINDS,
  DEFAULT_SCORING_PRESET,
  presetFor,
  SCORING_PRESETS,
  scoreDialog,
  scoringPresetSchema,
} from "@/lib/ai/scoring";

describe("scoring presets by kind of business", () => {
  it("keeps seed 004's table as the default, exactly", () => {
    expect(presetFor("marketing_agency")).toBe(DEFAULT_SCORING_PRESET);
    expect(DEFAULT_SCORING_PRESET.kind).toBe("marketing_agency");
    expect(Object.fromEntries(DEFAULT_SCORING_PRESET.stages.map((s) => [s.id, s.base]))).toEqual({
      new_lead: 5,
      not_qualified: 15,
      qualified: 30,
      consultation_booked: 40,
      consultation_completed: 55,
      deal_closed: 75,
      deal_lost: 0,
    });
    expect(Object.fromEntries(DEFAULT_SCORING_PRESET.modifiers.map((m) => [m.id, m.points]))).toEqual({
      niche_medicine: 15,
      niche_infobusiness: 10,
      owner: 10,
      budget_mentioned: 10,
      targetologist_smm: -30,
    });
    expect(DEFAULT_SCORING_PRESET.thresholds).toEqual({ hot: 75, warm: 40 });
  });

  it("has a valid preset for every kind, named for it, with seed 004's stage bases", () => {
    for (const kind of BUSINESS_KINDS) {
      const preset = SCORING_PRESETS[kind];
      expect(scoringPresetSchema.parse(preset)).toEqual(preset);
      expect(preset.kind).toBe(kind);
      expect(preset.stages).toEqual(DEFAULT_SCORING_PRESET.stages);
    }
    // Seed 004's agency niches mean nothing to a renovation company or a clinic.
    for (const kind of ["renovation", "clinic", "education", "ecommerce", "real_estate"] as const) {
      expect(SCORING_PRESETS[kind].modifiers.map((m) => m.id)).not.toContain("niche_medicine");
      expect(SCORING_PRESETS[kind].modifiers.map((m) => m.id)).not.toContain("targetologist_smm");
    }
  });

  it("scores the same client differently by the business it asks", () => {
    const flatOwner = {
      funnelStage: "qualified" as const,
      isOwner: true,
      budgetMentioned: true,
      niche: null,
      role: "private_client" as const,
      qualification: { q1: "ремонт двушки", q2: "1,5 млн", q3: "я", q4: "весной" },
    };
    // qualified 30 + owner 10 + budget 15 + all answered 10.
    expect(scoreDialog(flatOwner, presetFor("renovation"))).toMatchObject({ score: 65, interestLevel: "warm" });
    // qualified 30 + owner 10 + budget 10 (the agency has no rule for answers or private clients).
    expect(scoreDialog(flatOwner, presetFor("marketing_agency")).score).toBe(50);
    // qualified 30 + all answered 15 + budget 5 + private patient 5.
    expect(scoreDialog(flatOwner, presetFor("clinic")).score).toBe(55);
  });

  it("reads a stored preset without a kind as seed 004's kind", () => {
    const { kind: _kind, ...stored } = DEFAULT_SCORING_PRESET;
    expect(scoringPresetSchema.parse(stored).kind).toBe("marketing_agency");
    expect(() => scoringPresetSchema.parse({ ...stored, kind: "bakery" })).toThrow();
  });
});
