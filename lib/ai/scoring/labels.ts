import { DEFAULT_SCORING_PRESET } from "./preset";
import type { ScoreReason } from "./score";

// A score reason is stored with its preset's label (seed 004's are Russian). Read back, the rules of the default
// preset are named in the reader's language; a label the organisation wrote itself is shown as written.

export type ReasonLocale = "en" | "ru";

const LABELS: Record<string, Record<ReasonLocale, string>> = {
  "stage:new_lead": { en: "New lead", ru: "Новый лид" },
  "stage:not_qualified": { en: "Not qualified", ru: "Не квалифицирован" },
  "stage:qualified": { en: "Qualified", ru: "Квалифицирован" },
  "stage:consultation_booked": { en: "Consultation booked", ru: "Записан на консультацию" },
  "stage:consultation_completed": { en: "Consultation completed", ru: "Консультация проведена" },
  "stage:deal_closed": { en: "Deal closed", ru: "Сделка закрыта" },
  "stage:deal_lost": { en: "Deal lost", ru: "Сделка потеряна" },
  "modifier:niche_medicine": { en: "Medicine", ru: "Медицина" },
  "modifier:niche_infobusiness": { en: "Info business", ru: "Инфобизнес" },
  "modifier:owner": { en: "Business owner", ru: "Владелец" },
  "modifier:budget_mentioned": { en: "Budget named", ru: "Бюджет указан" },
  "modifier:targetologist_smm": { en: "Targetologist / SMM", ru: "Таргетолог/SMM" },
};

const CLAMP: Record<ReasonLocale, { max: string; min: string }> = {
  en: { max: "capped at 100", min: "floored at 0" },
  ru: { max: "не больше 100", min: "не меньше 0" },
};

// What the default preset itself calls each rule, so an edited label (the organisation's own words) is recognised.
const DEFAULT_LABELS = new Map<string, string>([
  ...DEFAULT_SCORING_PRESET.stages.map((s) => [`stage:${s.id}`, s.label] as const),
  ...DEFAULT_SCORING_PRESET.modifiers.map((m) => [`modifier:${m.id}`, m.label] as const),
]);

function isDefaultLabel(rule: string, label: string): boolean {
  const known = LABELS[rule];
  if (!known) return false;
  // A stage the preset does not name is stored under its id (score.ts), which reads as the default too.
  return label === DEFAULT_LABELS.get(rule) || label === known.en || label === known.ru || label === rule.split(":")[1];
}

/** The reasons with the default preset's rules (and the clamp) named in `locale`; others unchanged. */
export function localizeReasons<R extends ScoreReason>(reasons: readonly R[], locale: ReasonLocale | null): R[] {
  if (!locale) return [...reasons];
  return reasons.map((r) => {
    if (r.rule === "clamp") return { ...r, label: r.points < 0 ? CLAMP[locale].max : CLAMP[locale].min };
    if (isDefaultLabel(r.rule, r.label)) return { ...r, label: LABELS[r.rule][locale] };
    return r;
  });
}
