import type { Language } from "@/lib/ai/analysis-schema";
import type { BusinessProfile } from "@/lib/ai/profile-schema";
import { detectIntents, namesSpecialDay, withoutCues, type Intent } from "./intents";
import { localize } from "./localize";
import { isConcept, languageOf, terms } from "./reply-text";
import { TEMPLATES, langOf } from "./reply-templates";
import { QUALIFIERS } from "./lexicon";
import { AUTO_CONFIDENCE } from "./confidence";

// One candidate answer per thing the client asks, each from one profile fact, with how sure the engine is.
// Confidence multiplies what weakens it: a cue that is only a hint, a subject word the fact does not cover, a
// fact carried across languages. A candidate below the bar is not sent; it becomes a person's draft.

export type FactType = "faq" | "service" | "services" | "hours" | "area" | "slots" | "slot" | "phone" | "time";
export type Fact = { type: FactType; text: string; index?: number };
export type Source = "faq" | "price" | "prices" | "hours" | "area";

export type Candidate = {
  source: Source;
  intent: Intent | "faq";
  text: string | null;
  confidence: number;
  fact: Fact | null;
  /** How well the fact fits the question, whether or not it can be sent (FAQ entries). */
  match?: number;
  /** Why it is weak or missing, for the agent. */
  reason: "not_in_profile" | "ambiguous" | "other_language" | "unknown_place" | null;
};

const missing = (source: Source, intent: Intent, reason: Candidate["reason"], fact: Fact | null = null): Candidate => ({
  source,
  intent,
  text: null,
  confidence: 0,
  fact,
  reason,
});

/** The subject of the question: its terms once the intent's own words are taken out. */
export const subjectOf = (text: string) => terms(withoutCues(text));

const informational = (text: string) =>
  new Set(
    detectIntents(text)
      .filter((h) => !h.negated)
      .map((h) => h.intent),
  );

/** The FAQ entry whose question says what the client's does, in any language; null below a coverage floor. */
const isSubject = (term: string) => !term.startsWith("i:");

/** Concepts and intents say what a question is about; other words weigh half as much. */
const weight = (term: string) => (term.startsWith("s:") ? 1 : 2);
const weighOf = (set: Set<string>) => [...set].reduce((sum, t) => sum + weight(t), 0);

/** The FAQ entry whose question says what the client's does, in any language; null below a coverage floor. */
export function faqCandidate(profile: BusinessProfile, text: string, language: Language): Candidate | null {
  const asked = informational(text);
  const q = new Set([...terms(withoutCues(text)), ...[...asked].map((i) => `i:${i}`)]);
  if (q.size === 0) return null;
  let best: { index: number; score: number } | null = null;
  profile.faq.forEach((entry, index) => {
    const own = informational(entry.q);
    // The entry must ask what the client asks: "how long" is not answered by "how much".
    for (const i of asked) if (!own.has(i)) return;
    for (const i of own) if (asked.size > 0 && !asked.has(i)) return;
    const f = new Set([...terms(withoutCues(entry.q)), ...[...own].map((i) => `i:${i}`)]);
    if (f.size === 0) return;
    const shared = new Set([...f].filter((t) => q.has(t)));
    // Asking the same kind of thing is not asking the same thing: "the yearly plan's price" is no answer to
    // "Is parking free?". An entry about something must share that something.
    if ([...f].some(isSubject) && ![...shared].some(isSubject)) return;
    const covF = weighOf(shared) / weighOf(f);
    const covQ = weighOf(shared) / weighOf(q);
    if (shared.size === 0 || covF < 0.5) return;
    let score = 0.55 * covF + 0.45 * covQ;
    // Each side says something the other does not ("доставка в Москву" / "в Казань"): maybe another question.
    if (shared.size < f.size && shared.size < q.size) score = Math.min(score, AUTO_CONFIDENCE - 0.05);
    const tieBreak = languageOf(entry.a) === language ? 0.001 : 0;
    if (!best || score + tieBreak > best.score) best = { index, score: score + tieBreak };
  });
  if (!best) return null;
  const { index, score } = best as { index: number; score: number };
  const entry = profile.faq[index];
  const fact: Fact = { type: "faq", text: entry.q, index };
  const match = Math.min(1, score);
  if (language !== "other" && languageOf(entry.a) !== language) {
    return { source: "faq", intent: "faq", text: entry.a, confidence: 0, match, fact, reason: "other_language" };
  }
  return { source: "faq", intent: "faq", text: entry.a, confidence: match, match, fact, reason: null };
}

const priceIn = (lang: "ru" | "en", price: string) => localize(price, lang, languageOf(price));

export function priceCandidate(profile: BusinessProfile, text: string, language: Language): Candidate {
  const lang = langOf(language);
  const t = TEMPLATES[lang];
  const priced = profile.services.filter((s) => s.price);
  if (priced.length === 0) return missing("price", "price", "not_in_profile");
  const subject = subjectOf(text);
  if (subject.size === 0) {
    const lines = priced.map((s) => ({ s, price: priceIn(lang, s.price!) }));
    if (lines.some((l) => !l.price)) return missing("prices", "price", "other_language");
    const body = lines.map((l) => `• ${l.s.name}: ${l.price}`).join("\n");
    return {
      source: "prices",
      intent: "price",
      text: t.prices(body),
      confidence: 0.85,
      fact: { type: "services", text: priced.map((s) => s.name).join("; ") },
      reason: null,
    };
  }
  const scored = profile.services.map((s, index) => {
    const own = terms(s.name);
    let hits = 0;
    for (const x of subject) if (own.has(x)) hits++;
    return { s, index, hits, own };
  });
  const top = Math.max(...scored.map((x) => x.hits));
  if (top === 0) return missing("price", "price", "not_in_profile");
  const best = scored.filter((x) => x.hits === top);
  const uncovered = [...subject].filter((x) => !best[0].own.has(x));
  if (best.length > 1) {
    const names = best.map((b) => b.s.name).join("; ");
    const lines = best.filter((b) => b.s.price).map((b) => `• ${b.s.name}: ${priceIn(lang, b.s.price!) ?? b.s.price}`);
    const draft = lines.length ? t.prices(lines.join("\n")) : null;
    return { ...missing("price", "price", "ambiguous", { type: "services", text: names }), text: draft };
  }
  const { s, index } = best[0];
  const fact: Fact = { type: "service", text: `${s.name}${s.price ? `: ${s.price}` : ""}`, index };
  // A concept the service does not name ("двушка" for "Ремонт санузла") means it may be another job.
  if (uncovered.some(isConcept) || !s.price) return missing("price", "price", "not_in_profile", fact);
  // "Пробный урок" answers "сколько стоят занятия?" only if the client said "trial".
  const unsaid = [...best[0].own].filter((x) => isConcept(x) && QUALIFIERS.has(x.slice(2)) && !subject.has(x));
  if (unsaid.length > 0) return missing("price", "price", "ambiguous", fact);
  const price = priceIn(lang, s.price);
  if (!price) return { ...missing("price", "price", "other_language", fact), text: t.price(s.name, s.price) };
  const crossLanguage = languageOf(s.name) !== language && language !== "other";
  const confidence = 0.95 * 0.85 ** uncovered.length * (crossLanguage ? 0.95 : 1);
  return { source: "price", intent: "price", text: t.price(s.name, price), confidence, fact, reason: null };
}

export function hoursCandidate(profile: BusinessProfile, question: string, language: Language): Candidate {
  if (!profile.workingHours) return missing("hours", "hours", "not_in_profile");
  if (namesSpecialDay(question) && !namesSpecialDay(profile.workingHours)) {
    return missing("hours", "hours", "not_in_profile", { type: "hours", text: profile.workingHours });
  }
  const lang = langOf(language);
  const fact: Fact = { type: "hours", text: profile.workingHours };
  const hours = localize(profile.workingHours, lang, languageOf(profile.workingHours));
  if (!hours) return missing("hours", "hours", "other_language", fact);
  const text = TEMPLATES[lang].hours(profile.company, hours);
  return { source: "hours", intent: "hours", text, confidence: 0.9, fact, reason: null };
}

export function areaCandidate(profile: BusinessProfile, text: string, language: Language): Candidate {
  const area = profile.serviceArea;
  if (!area) return missing("area", "area", "not_in_profile");
  const lang = langOf(language);
  const t = TEMPLATES[lang];
  const fact: Fact = { type: "area", text: area };
  if (languageOf(area) !== language && language !== "other") {
    return { ...missing("area", "area", "other_language", fact), text: t.area(area) };
  }
  // Place names are not in the lexicon: a known concept ("ремонт") is what they do there, not where.
  const places = new Set([...subjectOf(text)].filter((t) => !isConcept(t)));
  if (places.size === 0)
    return { source: "area", intent: "area", text: t.area(area), confidence: 0.9, fact, reason: null };
  const own = terms(area);
  const named = [...places].filter((p) => own.has(p));
  // A place the area does not name may still be inside it ("Балашиха" in "Московская область"): a person knows.
  if (named.length === 0) return { ...missing("area", "area", "unknown_place", fact), text: t.area(area) };
  const confidence = 0.92 * 0.85 ** (places.size - named.length);
  return { source: "area", intent: "area", text: t.areaYes(area), confidence, fact, reason: null };
}
