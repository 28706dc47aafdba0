import type { Language } from "@/lib/ai/analysis-schema";
import type { BusinessProfile } from "@/lib/ai/profile-schema";
import {
  bookedThing,
  BOOK_SERVICE_STRENGTH,
  detectIntents,
  namesPerson,
  namesSpecialDay,
  withoutCues,
  type Intent,
} from "./intents";
import { localize, localizeHours } from "./localize";
import { NEED, NOTICE, OFFER, OPEN, namesIn } from "./faq-guards";
import { hasMatch, isConcept, languageOf, normalize, terms } from "./reply-text";
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
 * The intents the text asks, read against the profile: "можно на X в пятницу" books only when X is a service
 * ("можно оплатить в субботу?" asks no slot).
 */
export function intentsFor(profile: BusinessProfile | null, text: string) {
  return detectIntents(text).filter(
    (h) =>
      h.intent !== "booking" || h.strength !== BOOK_SERVICE_STRENGTH || isService(profile, bookedThing(text) ?? ""),
  );
}

const informational = (text: string, profile: BusinessProfile | null = null) =>
  new Set(
    intentsFor(profile, text)
      .filter((h) => !h.negated || h.without)
      .map((h) => h.intent),
  );

const isSubject = (term: string) => !term.startsWith("i:");

/** Concepts and intents say what a question is about; other words weigh half as much. */
const weight = (term: string) => (term.startsWith("s:") ? 1 : 2);
const weighOf = (set: Set<string>) => [...set].reduce((sum, t) => sum + weight(t), 0);

const IMPLIED: [Intent, RegExp][] = [
  ["price", /\d[\d\s]*(?:₽|руб|\$|€|usd|eur|rub)|[$€]\s?\d|бесплатн|free of charge/iu],
  ["duration", /\d+\s*(?:[–-]\s*\d+\s*)?(?:рабочих\s+)?(?:дн|недел|месяц|час|минут|day|week|month|hour|minute)/iu],
];

const WH =
  /(?<![\p{L}])(?:какой|какая|какие|каком|какую|каких|какого|какому|каким|через|где|когда|кто|почему|зачем|which|who|where|when|why)(?![\p{L}])/u;

/** Another FAQ entry or a service speaks of this term. */
const spokenElsewhere = (profile: BusinessProfile, index: number, term: string) =>
  profile.faq.some((o, j) => j !== index && (terms(o.q).has(term) || terms(o.a).has(term))) ||
  profile.services.some((s) => terms(s.name).has(term));

/** Pairs of terms joined by "или" / "or" in an FAQ question. */
function alternativesOf(question: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const m of question.matchAll(/([\p{L}-]+)\s+(?:или|or)\s+([\p{L}-]+)/gu)) {
    const [x, y] = [terms(m[1]), terms(m[2])].map((t) => [...t][0]);
    if (x && y) pairs.push([x, y]);
  }
  return pairs;
}

/** Concepts that are doings, not things: "take", "bring", "buy" say nothing of what an entry is about. */
const ACTIONS = new Set(["c:accept", "c:accompany", "c:buy"]);

/** A question word, though no intent's cue reads it ("сколько продержится?"). */
const HOW = /(?<![\p{L}])(?:сколько|как долго|когда|how|when)(?![\p{L}])/u;

/** What a term is said of: "гарантия на ключи" — the keys; "freeze for the summer". */
function objectsOf(text: string, head: string): Set<string> {
  const found = new Set<string>();
  for (const m of normalize(text).matchAll(/([\p{L}-]+)(?: \p{L}+)? (?:на|для|for|on) ([\p{L}-]{3,})/gu)) {
    if (terms(m[1]).has(head)) for (const x of terms(m[2])) if (isConcept(x)) found.add(x);
  }
  return found;
}

/**
 * The same thing said of another object: "гарантия на ключи" to "Гарантия на ремонт обуви" — both the business's,
 * but the entry's rule is for the other one.
 */
function otherObject(text: string, entry: string, shared: Set<string>): boolean {
  return [...shared].some((head) => {
    const [asked, stated] = [objectsOf(text, head), objectsOf(entry, head)];
    return asked.size > 0 && stated.size > 0 && ![...asked].some((x) => stated.has(x));
  });
}

/** The FAQ entry whose question says what the client's does, in any language; null below a coverage floor. */
export function faqCandidate(profile: BusinessProfile, text: string, language: Language): Candidate | null {
  const asked = informational(text, profile);
  const domain = domainOf(profile);
  const q = new Set([...terms(withoutCues(text)), ...[...asked].map((i) => `i:${i}`)]);
  if (q.size === 0) return null;
  let best: { index: number; score: number } | null = null;
  profile.faq.forEach((entry, index) => {
    const own = informational(entry.q);
    // An answer that states a price or a length answers "сколько стоит выезд на дом?" about its subject.
    // It satisfies the intent without being evidence of the same question.
    // A notice asked for ("предупредив за 24 часа", "24 hours in advance") is no length of anything.
    const stated = entry.a.replace(NOTICE, " ");
    const implied = IMPLIED.filter(([i, pattern]) => asked.has(i) && !own.has(i) && pattern.test(stated));
    const allowed = new Set([...own, ...implied.map(([i]) => i)]);
    // The entry must ask what the client asks: "how long" is not answered by "how much".
    for (const i of asked) if (!allowed.has(i)) return;
    for (const i of own) if (asked.size > 0 && !asked.has(i)) return;
    // "Нужны ли прививки?" tells what the client must bring, not whether the business does it ("прививку можно
    // сделать?", "can you give the shot?"): a need is not an offer.
    if (NEED.test(normalize(entry.q)) && OFFER.test(normalize(text)) && !NEED.test(normalize(text))) return;
    const f = new Set([...terms(withoutCues(entry.q)), ...[...own].map((i) => `i:${i}`)]);
    if (f.size === 0) return;
    const a = terms(entry.a);
    // What the whole business is about says nothing of which entry is meant ("сертификат после курса").
    // …unless the entry asks the very intent and its answer names that thing: "сколько по времени делается кухня?"
    // to "Сколько времени изготавливается мебель?" — "Кухни и шкафы — 30–45 рабочих дней".
    const ownIntent = asked.size > 0 && [...asked].every((i) => own.has(i));
    const qe = new Set([...q].filter((t) => !domain.has(t) || f.has(t) || (ownIntent && hasMatch(a, t))));
    if (qe.size === 0) return;
    const sharedF = new Set([...f].filter((t) => hasMatch(qe, t)));
    // Alternatives the entry names ("отменить или перенести"): asking one of them asks the entry.
    for (const [x, y] of alternativesOf(entry.q)) {
      if (sharedF.has(x) && f.has(y)) sharedF.add(y);
      if (sharedF.has(y) && f.has(x)) sharedF.add(x);
    }
    // A client's word the entry's answer speaks of is answered too ("гарантия на фурнитуру" — "12 месяцев на
    // фурнитуру"), but only the entry's question says what it is about.
    // An intent the answer meets by stating it (a price, a length) is answered too.
    const met = new Set(implied.map(([i]) => `i:${i}`));
    const coveredQ = new Set([...qe].filter((t) => hasMatch(f, t) || hasMatch(a, t) || met.has(t)));
    // Asking the same kind of thing is not asking the same thing: "the yearly plan's price" is no answer to
    // "Is parking free?". An entry about something must share that something — or, asking the same intent,
    // answer the very thing named ("сколько делается кухня?" — "кухни — 35–45 дней").
    const sameIntent = asked.size > 0;
    const answersThing = sameIntent && [...coveredQ].some((t) => isConcept(t) && !hasMatch(f, t));
    if ([...f].some(isSubject) && ![...sharedF].some(isSubject) && !answersThing) return;
    // An entry's word for what the whole business is about ("гарантия на ремонт" at a repair shop, "send flowers"
    // at a florist's) goes without saying: unsaid, it counts for a quarter.
    const unsaidDomain = [...f].filter((t) => !sharedF.has(t) && domain.has(t) && !QUALIFIERS.has(t.slice(2)));
    const covF = weighOf(sharedF) / (weighOf(f) - 0.75 * weighOf(new Set(unsaidDomain)));
    // A word only the answer speaks of is weaker evidence than one the entry's question names.
    const inQuestion = (t: string) => hasMatch(f, t);
    const covQ = [...coveredQ].reduce((sum, t) => sum + weight(t) * (inQuestion(t) ? 1 : 0.75), 0) / weighOf(qe);
    if (sharedF.size === 0 || covF < 0.5) return;
    // Sharing only what the whole business is about ("торт" at a cake shop) is no sign of the same question.
    // …when the entry asks about something more ("Сколько хранится торт?" to "торт на 1 кг можно заказать?").
    // A kind of client ("детей") still says which entry: it is no word of the business alone.
    const onlyDomain = [...sharedF].every((t) => domain.has(t) && !QUALIFIERS.has(t.slice(2)));
    if (onlyDomain && [...f].some((t) => isSubject(t) && !sharedF.has(t))) return;
    let score = 0.55 * covF + 0.45 * covQ;
    // Each side says something the other does not ("доставка в Москву" / "в Казань"): maybe another question.
    if (sharedF.size < f.size && coveredQ.size < qe.size) score = Math.min(score, AUTO_CONFIDENCE - 0.05);
    // A thing the client names that this entry does not speak of but another entry asks about ("гарантия на
    // материалы" — "гарантия на работы", while "Вы сами закупаете материалы?" is asked too): maybe that one.
    // So does a plain word another entry asks about: "справка нужна для бассейна?" shares only the pool with
    // "Есть ли бассейн?", and "справка" is "Нужна ли медицинская справка?"'s.
    // The thing asked about must be the entry's: a thing the client names that neither the entry nor its answer
    // speaks of — a concept beyond the business's own ("bike insurance" to "Do you sell bikes?") or a job of the
    // price list ("a brake bleed" to "How long does a service take?") — means another question.
    // That is when the entry meets the question only by a plain word (a verb: "sell", "take") beside the
    // business's own words and the intent; an entry sharing a thing of its own ("рассрочка", "коврик") is about it.
    const listed = (t: string) => !GENERIC.has(t) && profile.services.some((s) => hasMatch(terms(s.name), t));
    const ownShared = [...sharedF].filter((t) => isSubject(t) && !domain.has(t));
    const byWordOnly = ownShared.length <= 1 && !ownShared.some((t) => isConcept(t) && !ACTIONS.has(t));
    const otherThing =
      byWordOnly &&
      [...qe].some((t) => isSubject(t) && !coveredQ.has(t) && !domain.has(t) && (isConcept(t) || listed(t)));
    // A thing of the price list the client names that neither the entry nor its answer speaks of, while the entry
    // speaks of another of the list's things ("гарантия на ключи" — "Гарантия на ремонт обуви", "freeze my class
    // pass" — "freeze my membership"): that thing's own rule may differ. So is an entry asking how long or how much
    // when the client asks neither ("ремонт зонтов делаете?" — "Сколько делается ремонт?").
    const otherListed =
      [...qe].some((t) => isSubject(t) && !coveredQ.has(t) && listed(t)) &&
      [...f, ...a].some((t) => isSubject(t) && listed(t) && !hasMatch(qe, t));
    const intentUnasked = asked.size === 0 && own.size > 0 && !HOW.test(normalize(text));
    const another = otherThing || otherListed || intentUnasked || otherObject(text, `${entry.q} ${entry.a}`, sharedF);
    if (another) score = Math.min(score, AUTO_CONFIDENCE - 0.05);
    const elsewhere = (t: string) => profile.faq.some((o, j) => j !== index && terms(o.q).has(t));
    const askedElsewhere = [...qe].some((t) => isSubject(t) && !coveredQ.has(t) && elsewhere(t));
    if (askedElsewhere) {
      score = Math.min(score, AUTO_CONFIDENCE - 0.05);
    }
    // A thing only this entry speaks of ("рассрочка", "минималка"), said by the client, with nothing else named
    // on either side (the entry's other words are concepts, the client's few others plain words): that entry.
    const rare = [...sharedF].filter(
      (t) => isConcept(t) && !ACTIONS.has(t) && !domain.has(t) && !spokenElsewhere(profile, index, t),
    );
    const restF = [...f].filter((t) => !sharedF.has(t));
    const restQ = [...qe].filter((t) => !coveredQ.has(t));
    // Only a yes/no question: "через какой банк?" asks a detail the entry may not give.
    const yesNo = !WH.test(normalize(text));
    if (
      rare.length > 0 &&
      yesNo &&
      !askedElsewhere &&
      !another &&
      restF.every((t) => !t.startsWith("s:")) &&
      restQ.every((t) => t.startsWith("s:"))
    ) {
      if (restQ.length <= 1) score = Math.max(score, AUTO_CONFIDENCE + 0.05);
    }
    // A name the client writes apart from their own words ("сертификат IELTS", "ZOOM") that neither the entry nor
    // its answer speaks of is a particular thing the entry may not be about.
    if (namesIn(text).some((t) => qe.has(t) && !coveredQ.has(t))) score = Math.min(score, AUTO_CONFIDENCE - 0.05);
    // An open entry ("How can I pay?") lists the ways; a yes/no question about one way of its own ("in
    // installments") that the answer does not name is not answered by the list.
    const particular = restQ.some((t) => isConcept(t) && !domain.has(t) && !ACTIONS.has(t));
    if (particular && OPEN.test(normalize(entry.q)) && !OPEN.test(normalize(text)))
      score = Math.min(score, AUTO_CONFIDENCE - 0.05);
    // That entry answers it when the client says nothing else and the entry asks nothing else of a thing.
    const thingInAnswer = [...coveredQ].some((t) => isConcept(t) && domain.has(t) && !hasMatch(f, t));
    if (
      ownIntent &&
      thingInAnswer &&
      restQ.length === 0 &&
      restF.every((t) => !isConcept(t)) &&
      !askedElsewhere &&
      !another
    )
      score = Math.max(score, AUTO_CONFIDENCE + 0.05);
    // "Через какой банк рассрочка?" asks a detail: a word of it that neither the entry nor its answer speaks of
    // means the answer may not give it.
    if (!yesNo && restQ.length > 0) score = Math.min(score, AUTO_CONFIDENCE - 0.05);
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
const GENERIC = terms(
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
  const unsaid = [...core].filter((x) => isConcept(x) && (QUALIFIERS.has(x.slice(2)) || sets(x)) && !said.has(x));
  if (unsaid.length > 0) return missing("price", "price", "ambiguous", fact);
  // Each side names what the other does not ("УЗИ сердца" / "УЗИ брюшной полости", "замена масла в коробке" /
  // "в двигателе"): the same kind of job on another thing.
  const unnamed = [...core].filter((x) => !hasMatch(subject, x) && !domain.has(x) && !GENERIC.has(x));
  // …unless the client's own count picks this variant ("лабрадор 30 кг" — "крупных пород (от 15 кг)").
  if (uncovered.length > 0 && unnamed.length > 0 && best[0].fit < 1)
    return missing("price", "price", "ambiguous", fact);
  // The same holds for a thing of the business's own kind: "помыть машину" is not "Мойка окон" at a cleaner's.
  const unsaidThing = [...core].filter(
    (x) => isConcept(x) && !hasMatch(subject, x) && !itself.has(x) && !GENERIC.has(x),
  );
  if (uncovered.length > 0 && unsaidThing.length > 0) return missing("price", "price", "ambiguous", fact);
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
