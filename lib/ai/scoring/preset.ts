import { z } from "zod";

// A scoring preset is data so each organisation can edit it (Settings → AI); seed 004's table is the default.

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, "lowercase id (a-z, 0-9, _)");
const points = z.number().int().min(-100).max(100);

export const conditionSchema = z.discriminatedUnion("field", [
  z.object({ field: z.literal("niche"), oneOf: z.array(z.string()).min(1) }),
  z.object({ field: z.literal("role"), oneOf: z.array(z.string()).min(1) }),
  z.object({ field: z.literal("isOwner"), equals: z.boolean() }),
  z.object({ field: z.literal("budgetMentioned"), equals: z.boolean() }),
  z.object({ field: z.literal("qualificationComplete"), equals: z.boolean() }),
]);
export type ScoringCondition = z.infer<typeof conditionSchema>;

export const stageRuleSchema = z.object({ id, label: z.string().min(1), base: z.number().int().min(0).max(100) });
export const modifierSchema = z.object({ id, label: z.string().min(1), when: conditionSchema, points });

/** The kinds of business a preset is written for; marketing_agency is seed 004's table. */
export const BUSINESS_KINDS = [
  "marketing_agency",
  "renovation",
  "clinic",
  "education",
  "ecommerce",
  "real_estate",
] as const;
export type BusinessKind = (typeof BUSINESS_KINDS)[number];

export const scoringPresetSchema = z
  .object({
    /** Which kind of business the preset started from (Settings → AI picks it; the rules may be edited since). */
    kind: z.enum(BUSINESS_KINDS).default("marketing_agency"),
    stages: z.array(stageRuleSchema).min(1),
    modifiers: z.array(modifierSchema),
    // Lower bounds: score >= hot is HOT, score >= warm is WARM, anything below is COLD.
    thresholds: z.object({ hot: z.number().int().min(1).max(100), warm: z.number().int().min(1).max(100) }),
  })
  .superRefine((p, ctx) => {
    if (p.thresholds.warm >= p.thresholds.hot) {
      ctx.addIssue({ code: "custom", path: ["thresholds", "warm"], message: "must be below thresholds.hot" });
    }
    for (const [key, list] of [
      ["stages", p.stages],
      ["modifiers", p.modifiers],
    ] as const) {
      const seen = new Set<string>();
      list.forEach((rule, i) => {
        if (seen.has(rule.id))
          ctx.addIssue({ code: "custom", path: [key, i, "id"], message: `duplicate id ${rule.id}` });
        seen.add(rule.id);
      });
    }
  });
export type ScoringPreset = z.infer<typeof scoringPresetSchema>;

/**
 * Seed 004, "Система скоринга", exactly:
 *   Базовый score по этапу воронки: new_lead 5, not_qualified 15, qualified 30, consultation_booked 40,
 *   consultation_completed 55, deal_closed 75, deal_lost 0.
 *   Модификаторы: Медицина +15, Инфобизнес +10, Владелец +10, Бюджет указан +10, Таргетолог/SMM −30.
 *   Interest Level: HOT (75-100), WARM (40-74), COLD (0-39).
 * Labels are Russian as in the seed; ids are stable English.
 */
export const DEFAULT_SCORING_PRESET: ScoringPreset = scoringPresetSchema.parse({
  stages: [
    { id: "new_lead", label: "Новый лид", base: 5 },
    { id: "not_qualified", label: "Не квалифицирован", base: 15 },
    { id: "qualified", label: "Квалифицирован", base: 30 },
    { id: "consultation_booked", label: "Записан на консультацию", base: 40 },
    { id: "consultation_completed", label: "Консультация проведена", base: 55 },
    { id: "deal_closed", label: "Сделка закрыта", base: 75 },
    { id: "deal_lost", label: "Сделка потеряна", base: 0 },
  ],
  modifiers: [
    { id: "niche_medicine", label: "Медицина", when: { field: "niche", oneOf: ["medicine"] }, points: 15 },
    { id: "niche_infobusiness", label: "Инфобизнес", when: { field: "niche", oneOf: ["infobusiness"] }, points: 10 },
    { id: "owner", label: "Владелец", when: { field: "isOwner", equals: true }, points: 10 },
    { id: "budget_mentioned", label: "Бюджет указан", when: { field: "budgetMentioned", equals: true }, points: 10 },
    {
      id: "targetologist_smm",
      label: "Таргетолог/SMM",
      when: { field: "role", oneOf: ["targetologist", "smm"] },
      points: -30,
    },
  ],
  thresholds: { hot: 75, warm: 40 },
});
