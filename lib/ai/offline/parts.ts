import type { Language } from "@/lib/ai/analysis-schema";
import type { BusinessProfile } from "@/lib/ai/profile-schema";
import { clausesOf, domainOf, type Candidate } from "./answers";
import { faqCandidate } from "./faq-answer";
import { AUTO_CONFIDENCE } from "./confidence";
import { detectIntents, isQuestion, withoutCues, type Intent } from "./intents";
import { hasMatch, terms } from "./reply-text";

// A message that asks several things is answered part by part, or not at all: every part must be answered by the
// facts sent.

const AND_ASKS =
  /\s+(?:и|а|and)\s+(?=(?:во сколько|сколько|когда|где|как|куда|есть ли|можно ли|можно|работаете|принимаете|how|when|where|what|can|do|does|is|are)(?![\p{L}])|[^?.!,\n]*(?<![\p{L}])(?:нуж(?:ен|на|но|ны)|надо|или|ли|need|or)(?![\p{L}])[^.!,\n]*\?)/giu;

/** The parts of a message that ask something ("Сколько стоит консультация? Also, do you do braces?"). */
export function questionParts(text: string): string[] {
  // "Сколько стоит мойка окон и во сколько можете приехать?": a second question joined by "и" / "and".
  const split = text.replace(AND_ASKS, "\u0001\n");
  return clausesOf(split.replace(/\?/g, "\u0001?")).filter(
    (part) => part.includes("\u0001") || isQuestion(part, detectIntents(part)),
  );
}

const HAVING =
  /(?<![\p{L}])(?:прода[её]те|продаются|бывает|бывают|имеется|имеются|бер[её]те|принимаете|have|sell|carry|take|accept)(?![\p{L}])/giu;

const PRONOUN = /(?<![\p{L}])(?:она|оно|они|он|её|ее|его|их|ней|нему|ним|it|they|them)(?![\p{L}])/iu;

const plainPart = (part: string) => part.replace(/\u0001/g, "");

/**
 * Every part is answered by these facts. A part that asks through an intent is answered by the field it asks
 * (checked with the candidates), unless the FAQ entry alone is to answer everything (`byIntent` false): then its
 * subject must be the entry's too ("Сколько стоит педикюр и есть ли парковка?" is not answered by "бесплатная
 * парковка").
 */
export function partsCovered(profile: BusinessProfile, parts: string[], facts: string[], byIntent = true): boolean {
  const domain = domainOf(profile);
  const said = new Set(facts.flatMap((f) => [...terms(f)]));
  return parts.every((part) => {
    const p = plainPart(part);
    if (byIntent && detectIntents(p).some((h) => !h.negated)) return true;
    // "Макаронсы набором продаёте?", "у вас есть спортивный массаж?", "детей на плавание берёте?": having, selling or
    // taking it is answered by its price.
    const subject = [...terms(withoutCues(p).replace(HAVING, " "))].filter((t) => !domain.has(t));
    return subject.every((t) => hasMatch(said, t));
  });
}

/**
 * The FAQ entries that answer, each on its own, the parts no field answers: "стерилизация кошки цена? и как её
 * подготовить" is the price and "Как подготовить животное к стерилизации?". A part asking through an intent is
 * the fields' to answer; an entry below the bar answers nothing.
 */
/** The first part that asks through this intent (the message's order), or the end. */
export function partAsking(parts: string[], intent: Intent | "faq"): number {
  const i = parts.findIndex((p) => detectIntents(plainPart(p)).some((h) => h.intent === intent && !h.negated));
  return i < 0 ? parts.length : i;
}

export function faqsForParts(
  profile: BusinessProfile,
  parts: string[],
  facts: string[],
  language: Language,
  asking: readonly Intent[] = [],
): Candidate[] {
  const found: Candidate[] = [];
  parts.forEach((part, i) => {
    const p = plainPart(part);
    // With `asking`, the parts that ask what no field holds ("и сколько она длится?"), for an entry to answer;
    // otherwise the parts that ask through no intent, even when a fact shares their words ("do you work on
    // e-bikes?" beside "E-bike diagnostics: €30" is still unanswered).
    if (
      asking.length > 0
        ? !detectIntents(p).some((h) => asking.includes(h.intent))
        : detectIntents(p).some((h) => !h.negated)
    )
      return;
    // "…и как её подготовить": the pronoun is the thing of the part before.
    const previous = parts
      .slice(0, i)
      .map(plainPart)
      .filter((x) => x.trim())
      .pop();
    const before = previous && PRONOUN.test(p) ? `${withoutCues(previous)} ` : "";
    const c = faqCandidate(profile, `${before}${p}`, language);
    if (c && c.reason === null && c.confidence >= AUTO_CONFIDENCE) found.push({ ...c, at: i });
  });
  return found;
}
