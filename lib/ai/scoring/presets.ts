import { DEFAULT_SCORING_PRESET, scoringPresetSchema, type BusinessKind, type ScoringPreset } from "./preset";

// Starting points for kinds of business other than seed 004's marketing agency. Seed 004's niches (medicine,
// infobusiness) and its "targetologist −30" describe an agency's clients; a renovation company or a clinic
// sells to private people, where what counts is whether they decide, named a budget and answered the questions.
// Stage bases are seed 004's everywhere: the funnel is the same, what moves a lead up differs.

const owner = (label: string, points: number) => ({
  id: "owner",
  label,
  when: { field: "isOwner" as const, equals: true },
  points,
});
const budget = (points: number) => ({
  id: "budget_mentioned",
  label: "Бюджет указан",
  when: { field: "budgetMentioned" as const, equals: true },
  points,
});
const qualified = (points: number) => ({
  id: "qualification_complete",
  label: "Ответил на все вопросы",
  when: { field: "qualificationComplete" as const, equals: true },
  points,
});

const preset = (kind: BusinessKind, modifiers: ScoringPreset["modifiers"]): ScoringPreset =>
  scoringPresetSchema.parse({ ...DEFAULT_SCORING_PRESET, kind, modifiers });

export const SCORING_PRESETS: Record<BusinessKind, ScoringPreset> = {
  marketing_agency: DEFAULT_SCORING_PRESET,
  renovation: preset("renovation", [
    owner("Собственник объекта", 10),
    budget(15),
    qualified(10),
    {
      id: "business_client",
      label: "Коммерческий объект",
      when: { field: "role", oneOf: ["owner", "manager"] },
      points: 5,
    },
  ]),
  clinic: preset("clinic", [
    qualified(15),
    budget(5),
    { id: "private_patient", label: "Частный пациент", when: { field: "role", oneOf: ["private_client"] }, points: 5 },
  ]),
  education: preset("education", [
    budget(10),
    qualified(10),
    {
      id: "corporate_training",
      label: "Корпоративное обучение",
      when: { field: "role", oneOf: ["owner", "manager"] },
      points: 10,
    },
    owner("Сам принимает решение", 5),
  ]),
  ecommerce: preset("ecommerce", [
    budget(10),
    qualified(5),
    {
      id: "wholesale_buyer",
      label: "Закупка для бизнеса",
      when: { field: "role", oneOf: ["owner", "manager"] },
      points: 15,
    },
  ]),
  real_estate: preset("real_estate", [
    budget(15),
    owner("Сам принимает решение", 10),
    qualified(10),
    {
      id: "buys_for_self",
      label: "Покупает для себя",
      when: { field: "role", oneOf: ["private_client", "owner"] },
      points: 5,
    },
  ]),
};

export function presetFor(kind: BusinessKind): ScoringPreset {
  return SCORING_PRESETS[kind];
}
