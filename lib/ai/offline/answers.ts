import type { Language } from "@/lib/ai/analysis-schema";
import type { BusinessProfile } from "@/lib/ai/profile-schema";
import {
  BARE_PRICE_STRENGTH,
  bookedThing,
  BOOK_SERVICE_STRENGTH,
  detectIntents,
  namesPerson,
  namesSpecialDay,
  pricedThings,
  withoutCues,
  type Intent,
} from "./intents";
import { localize, localizeHours } from "./localize";
import { hasMatch, isConcept, languageOf, terms } from "./reply-text";
import { TEMPLATES, langOf } from "./reply-templates";
import { QUALIFIERS } from "./lexicon";
import { AUTO_CONFIDENCE } from "./confidence";
import { codeFit, countsIn, variantFit, type Count } from "./variants";

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
  /** Where in the message the part it answers is asked, so parts are answered in the client's order. */
  at?: number;
  /** Why it is weak or missing, for the agent. */
  reason: "not_in_profile" | "ambiguous" | "other_language" | "unknown_place" | null;
};

export const missing = (
  source: Source,
  intent: Intent,
  reason: Candidate["reason"],
  fact: Fact | null = null,
): Candidate => ({
  source,
  intent,
  text: null,
  confidence: 0,
  fact,
  reason,
});

/** The subject of the question: its terms once the intent's own words are taken out. */
export const subjectOf = (text: string) => terms(withoutCues(text));

/**
 * What the whole business is about (concepts of its name and description: "курсы" for an online school, "кошки и
 * собаки" for a vet): saying one of them ("курс Python Basics", "УЗИ для кошки") does not ask for another service.
 */
export function domainOf(profile: BusinessProfile): Set<string> {
  return new Set([...terms(`${profile.company} ${profile.description ?? ""}`)].filter(isConcept));
}

/** The clauses of a message, split at sentence ends, commas and dashes: "кондиционер не холодит, заправка почём?". */
export const clausesOf = (text: string) =>
  text
    .split(/[,;!?…\n]+|\.(?:\s|$)|\s[-—–]\s/u)
    .map((c) => c.trim())
    .filter(Boolean);

/** Every word of the named thing is a service's, or the business's own: "генеральную", "the placement test". */
export function isService(profile: BusinessProfile | null, thing: string): boolean {
  if (!profile) return false;
  const own = new Set([...profile.services.flatMap((s) => [...terms(s.name)]), ...domainOf(profile)]);
  return [...terms(thing)].every((t) => hasMatch(own, t));
}

/**
 * The intents the text asks, read against the profile: "можно на X в пятницу" books and a bare "сколько X" asks a
 * price only when X is a service ("можно оплатить в субботу?" asks no slot, "сколько учеников?" no price).
 */
export function intentsFor(profile: BusinessProfile | null, text: string) {
  return detectIntents(text).filter((h) =>
    h.intent === "booking" && h.strength === BOOK_SERVICE_STRENGTH
      ? isService(profile, bookedThing(text) ?? "")
      : h.intent !== "price" ||
        h.strength !== BARE_PRICE_STRENGTH ||
        pricedThings(text).some((thing) => isService(profile, thing)),
  );
}

export const informational = (text: string, profile: BusinessProfile | null = null) =>
  new Set(
    intentsFor(profile, text)
      .filter((h) => !h.negated || h.without)
      .map((h) => h.intent),
  );

/** Concepts that are doings, not things: "take", "bring", "buy" say nothing of what an entry is about. */
export const ACTIONS = new Set(["c:accept", "c:accompany", "c:buy"]);

const priceIn = (lang: "ru" | "en", price: string) => localize(price, lang, languageOf(price));

/** Things a business serves one or another of: a cat or a dog, a child or an adult. */
const KINDS = [
  ["c:cat", "c:dog", "s:кролик", "s:попуга", "s:хомяк", "s:rabbit", "s:bird"],
  ["c:child", "c:adult"],
  ["c:men", "c:women"],
];
const sameKind = (x: string, y: string) => KINDS.some((k) => k.includes(x) && k.includes(y));

/** A service's name without its details in brackets ("Group course (8 weeks, 2 lessons a week)"). */
const coreOf = (name: string) => terms(name.replace(/\([^)]*\)/g, " "));

/** Words for the kind of thing sold, not which one: a session, a procedure, a service. */
export const GENERIC = terms(
  "session sessions service procedure visit appointment photoshoot сеанс процедура услуга фотосессия визит изготовление",
);

const NEXT_QUESTION =
  /\s+(?:и|а|and)\s+(?=(?:во сколько|до скольки|сколько|когда|где|как|можно|есть ли|вы|how|when|where|what|can|do|does|is|are)(?![\p{L}]))/iu;

export function priceCandidate(profile: BusinessProfile, text: string, language: Language): Candidate {
  const said = subjectOf(text);
  const whole = priceFor(profile, said, language, countsIn(text), said, text);
  if (whole.reason === null && whole.confidence >= AUTO_CONFIDENCE) return whole;
  // The clause that asks, not the story around it: "кондиционер перестал холодить, заправка сколько стоит?".
  // "Сколько стоит массаж спины и до скольки вы сегодня?": the price asked is the clause's before the next question.
  const clauses = clausesOf(text)
    .flatMap((c) => c.split(NEXT_QUESTION))
    .map((c) => c.trim());
  for (const clause of clauses) {
    if (!clause || !informational(clause).has("price")) continue;
    const subject = subjectOf(clause);
    // "У вас есть спортивный массаж? после марафона ноги забиты, сколько стоит": a bare "сколько стоит" asks the
    // price of what another question of the message names.
    if (subject.size === 0) {
      for (const asked of text.split("?").slice(0, -1)) {
        if (asked.includes(clause)) continue;
        const c = priceFor(profile, subjectOf(asked), language, countsIn(asked), said, text);
        if (c.reason === null && c.confidence >= AUTO_CONFIDENCE) return c;
      }
    }
    if (subject.size === 0 || clause === text.trim()) continue;
    const c = priceFor(profile, subject, language, countsIn(clause), said, text);
    // "battery on my iphone dies…, how much for a new one?": the clause's "new" is not "Data transfer to a new
    // phone" when the rest of the message names another service more.
    if (
      c.reason === null &&
      c.confidence >= AUTO_CONFIDENCE &&
      !namedBetter(profile, rest(sentenceOf(text, clause), subject), c.fact?.index)
    )
      return c;
  }
  return whole;
}

/** Model numbers and codes a text names: "iPhone 14", "S22", "12 / 12 Pro". */
const modelsIn = (text: string) =>
  [...text.toLowerCase().matchAll(/(?<![\p{L}\d.,])([a-z]?\d{1,3})(?![\d.,])/gu)].map((m) => m[1]);

/** What the clause's sentence says beyond the clause. */
const rest = (sentence: string, clause: Set<string>) => new Set([...subjectOf(sentence)].filter((x) => !clause.has(x)));
const sentenceOf = (text: string, clause: string) => text.split(/[?!.\n]+/u).find((s) => s.includes(clause)) ?? clause;

/** Another service's name shares more of what the rest of the message says than this one's. */
function namedBetter(profile: BusinessProfile, said: Set<string>, index: number | undefined): boolean {
  const hits = profile.services.map((s) => [...terms(s.name)].filter((x) => hasMatch(said, x)).length);
  return index !== undefined && hits.some((h, j) => j !== index && h > hits[index]);
}

function priceFor(
  profile: BusinessProfile,
  subject: Set<string>,
  language: Language,
  counts: Count[],
  /** Everything the message names: "my ebike…, how much is diagnostics?" has said which diagnostics. */
  said: Set<string> = subject,
  text = "",
): Candidate {
  const lang = langOf(language);
  const t = TEMPLATES[lang];
  const priced = profile.services.filter((s) => s.price);
  if (priced.length === 0) return missing("price", "price", "not_in_profile");
  const domain = domainOf(profile);
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
    // A word of the whole business ("кошка" at a vet) tells services apart less than the service's own word.
    for (const x of subject) if (hasMatch(own, x)) hits += domain.has(x) ? 0.5 : 1;
    // "шиномонтаж r19" to "Шиномонтаж (R13–R17)": a size the service does not cover is another variant.
    const fit = codeFit(text, s.name) === -1 ? -1 : variantFit(counts, s.name);
    return { s, index, hits: hits + Math.max(fit, 0), own, fit };
  });
  const top = Math.max(...scored.map((x) => x.hits));
  if (top === 0) return missing("price", "price", "not_in_profile");
  let best = scored.filter((x) => x.hits === top);
  // "цветная печать а3" between "…А4" and "…А3": the variant whose size code the client's is.
  const fitting = best.filter((x) => codeFit(text, x.s.name) === 0);
  if (fitting.length > 0 && fitting.length < best.length) best = fitting;
  // "Private lesson" beside "Online private lesson": the one whose name the client said in full.
  if (best.length > 1) {
    // …and who said nothing else ("педикюр с покрытием" is not plainly "Педикюр" beside "Маникюр с покрытием").
    const full = best.filter(
      (b) =>
        [...coreOf(b.s.name)].every((x) => hasMatch(subject, x) || GENERIC.has(x)) &&
        [...subject].every((x) => hasMatch(b.own, x) || domain.has(x) || GENERIC.has(x)),
    );
    if (full.length === 1) best = full;
  }
  // "cracked my 11 screen" among every model's screen: the model number the client names picks the one named so.
  let byModel = false;
  if (best.length > 1) {
    const asked = modelsIn(text);
    const numbered = best.filter((b) => asked.length > 0 && asked.every((n) => modelsIn(b.s.name).includes(n)));
    if (numbered.length === 1) [best, byModel] = [numbered, true];
  }
  const core = coreOf(best[0].s.name);
  // A word for the kind of thing ("session", "фотосессия") tells services apart no more than the business does.
  // Its price's own unit is said by it ("за створку", "per item").
  const unit = terms(best[0].s.price ?? "");
  // Taking or bringing it ("детей берёте?") is a doing, not another thing the price would be for.
  const uncovered = [...subject].filter(
    (x) => !hasMatch(best[0].own, x) && !domain.has(x) && !GENERIC.has(x) && !hasMatch(unit, x) && !ACTIONS.has(x),
  );
  if (best.length > 1) {
    const names = best.map((b) => b.s.name).join("; ");
    const lines = best.filter((b) => b.s.price).map((b) => `• ${b.s.name}: ${priceIn(lang, b.s.price!) ?? b.s.price}`);
    const draft = lines.length ? t.prices(lines.join("\n")) : null;
    return { ...missing("price", "price", "ambiguous", { type: "services", text: names }), text: draft };
  }
  const { s, index } = best[0];
  const fact: Fact = { type: "service", text: `${s.name}${s.price ? `: ${s.price}` : ""}`, index };
  // A word of another service's name this one lacks ("battery" to "Samsung S21 screen replacement" while "iPhone
  // battery replacement" is listed): another job, maybe one the list does not price for this model.
  // The other must be the same kind of job ("replacement"), not any service that says the word.
  const otherJob = uncovered.some((x) =>
    profile.services.some((o, j) => {
      const theirs = terms(o.name);
      const alike = [...theirs].some((y) => y !== x && best[0].own.has(y) && !domain.has(y) && !GENERIC.has(y));
      return j !== index && alike && hasMatch(theirs, x);
    }),
  );
  if (otherJob) return missing("price", "price", "ambiguous", fact);
  // "абонемент на 3 месяца" when the list has a month and a year: a variant it does not offer.
  if (best[0].fit < 0) return missing("price", "price", "not_in_profile", fact);
  // A kind of client the service does not name ("чистку ребенку" to the adults' cleaning) while another service is
  // that kind's own ("Детский прием"): the business prices that kind apart, and this is not its price.
  const kindApart = [...subject].some(
    (x) =>
      isConcept(x) &&
      QUALIFIERS.has(x.slice(2)) &&
      !best[0].own.has(x) &&
      profile.services.some((o, j) => j !== index && terms(o.name).has(x)),
  );
  if (kindApart) return missing("price", "price", "not_in_profile", fact);
  // A concept the service does not name ("двушка" for "Ремонт санузла") means it may be another job.
  if (uncovered.some(isConcept) || !s.price) return missing("price", "price", "not_in_profile", fact);
  // "Пробный урок" answers "сколько стоят занятия?" only if the client said "trial"; "Стерилизация кошки" is
  // not the price for a dog, nor for an animal not named.
  // What the business is by its name ("Стоматологическая клиника") is no choice between its services.
  const itself = terms(profile.company);
  const named = new Set(
    profile.services.flatMap((o) => [...terms(o.name)].filter((x) => domain.has(x) && !itself.has(x))),
  );
  // A kind of client (cat or dog, child or adult) always sets services apart; another word of the business only
  // when no other service shares it ("Маникюр" vs "Педикюр", not the "стоматолог" of two services).
  const shared = (x: string) => profile.services.filter((o) => terms(o.name).has(x)).length > 1;
  const sets = (x: string) =>
    domain.has(x) &&
    !itself.has(x) &&
    [...named].some((y) => y !== x && !best[0].own.has(y) && (sameKind(x, y) || !shared(x)));
  // A model number that picked the service has set it apart already ("11 screen" — "iPhone 11 screen replacement").
  const unsaid = [...core].filter(
    (x) => isConcept(x) && (QUALIFIERS.has(x.slice(2)) || (sets(x) && !byModel)) && !said.has(x),
  );
  if (unsaid.length > 0) return missing("price", "price", "ambiguous", fact);
  // Each side names what the other does not ("УЗИ сердца" / "УЗИ брюшной полости", "замена масла в коробке" /
  // "в двигателе"): the same kind of job on another thing.
  const unnamed = [...core].filter((x) => !hasMatch(subject, x) && !domain.has(x) && !GENERIC.has(x));
  // …unless the client's own count picks this variant ("лабрадор 30 кг" — "крупных пород (от 15 кг)").
  // …or the model number does ("iphone 14 screen" — "iPhone 14 screen replacement").
  if (uncovered.length > 0 && unnamed.length > 0 && best[0].fit < 1 && !byModel)
    return missing("price", "price", "ambiguous", fact);
  // The same holds for a thing of the business's own kind: "помыть машину" is not "Мойка окон" at a cleaner's.
  const unsaidThing = [...core].filter(
    (x) => isConcept(x) && !hasMatch(subject, x) && !itself.has(x) && !GENERIC.has(x),
  );
  if (uncovered.length > 0 && unsaidThing.length > 0 && !byModel) return missing("price", "price", "ambiguous", fact);
  const price = priceIn(lang, s.price);
  if (!price) return { ...missing("price", "price", "other_language", fact), text: t.price(s.name, s.price) };
  const crossLanguage = languageOf(s.name) !== language && language !== "other";
  const confidence = 0.95 * 0.85 ** uncovered.length * (crossLanguage ? 0.95 : 1);
  return { source: "price", intent: "price", text: t.price(s.name, price), confidence, fact, reason: null };
}

export function hoursCandidate(profile: BusinessProfile, question: string, language: Language): Candidate {
  if (!profile.workingHours) return missing("hours", "hours", "not_in_profile");
  // The business's hours are not a master's or a doctor's days ("Мастер Оля завтра работает?").
  if (namesPerson(question))
    return missing("hours", "hours", "not_in_profile", { type: "hours", text: profile.workingHours });
  if (namesSpecialDay(question) && !namesSpecialDay(profile.workingHours)) {
    return missing("hours", "hours", "not_in_profile", { type: "hours", text: profile.workingHours });
  }
  const lang = langOf(language);
  const fact: Fact = { type: "hours", text: profile.workingHours };
  const hours = localizeHours(profile.workingHours, lang, languageOf(profile.workingHours));
  if (!hours) return missing("hours", "hours", "other_language", fact);
  const text = TEMPLATES[lang].hours(profile.company, hours);
  return { source: "hours", intent: "hours", text, confidence: 0.9, fact, reason: null };
}
