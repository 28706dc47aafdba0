import type { Language } from "@/lib/ai/analysis-schema";
import type { BusinessProfile } from "@/lib/ai/profile-schema";
import { ACTIONS, domainOf, GENERIC, informational, type Candidate, type Fact } from "./answers";
import { AUTO_CONFIDENCE } from "./confidence";
import { NEED, NOTICE, OFFER, OPEN, namesIn } from "./faq-guards";
import { withoutCues, type Intent } from "./intents";
import { QUALIFIERS } from "./lexicon";
import { hasMatch, isConcept, languageOf, normalize, terms } from "./reply-text";
import { namesWhen } from "./when";

const VISIT = /(?<![\p{L}])(?:можно (?:на|к) \p{L}|(?:can|could) (?:i|we) come)/u;
// A deadline or urgency ("за час", "в течение дня", "within an hour", "срочно, горит"): the entry's answer holds
// for that case only when it speaks of it.
const RUSH =
  /(?<![\p{L}])(?:за (?:\d+\s*)?(?:час|часа|часов|день|дня|минут)|в течение (?:часа|дня|\d+)|срочн\p{L}*|горит|asap|urgent\p{L}*|within (?:an? |\d+ )?(?:hour|day)s?|in (?:an|one|\d+) hours?)(?![\p{L}])/u;
const SPEAKS_OF_RUSH = /(?:час|срочн|минут|день|дня|hour|urgent|express|same day|экспресс|в тот же)/u;
const REFUND =
  /(?<![\p{L}])(?:верн[её]\p{L}*|вернут\p{L}*|возврат\p{L}*|refund\p{L}*|(?:deposit|money|prepayment|payment) back)(?![\p{L}])/u;

// The business's own FAQ entry that asks what the client asks: coverage of the entry's question by the client's
// words and the other way round, and the guards against an entry that only shares a word with the question.

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
    // A visit asked for on a day or time the entry does not speak of ("в четверг в 7 можно на примерку?" to
    // "Нужна ли примерка?"): a slot, not the entry's rule. Money back asked of an entry that does not speak of it
    // ("предоплату вернете, если я заболею?" to "Нужна ли предоплата?"): the entry's answer may not hold then, nor
    // for a deadline it does not speak of ("доставка за час" to "Сколько стоит доставка?").
    const whole = `${entry.q} ${entry.a}`;
    const timed = VISIT.test(normalize(text)) && namesWhen(text) && !namesWhen(whole);
    const refund = REFUND.test(normalize(text)) && !REFUND.test(normalize(whole));
    const rush = RUSH.test(normalize(text)) && !SPEAKS_OF_RUSH.test(normalize(whole));
    const another =
      otherThing || otherListed || intentUnasked || timed || refund || rush || otherObject(text, whole, sharedF);
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
