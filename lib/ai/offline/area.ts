import type { Language } from "@/lib/ai/analysis-schema";
import type { BusinessProfile } from "@/lib/ai/profile-schema";
import { domainOf, missing, subjectOf, type Candidate, type Fact } from "./answers";
import { hasMatch, isConcept, languageOf, normalize, terms } from "./reply-text";
import { TEMPLATES, langOf } from "./reply-templates";

// Where the business works and where it is: the service area field, quoted, with a "yes" only when the place the
// client names is in it and not excluded by it.

export function areaCandidate(profile: BusinessProfile, text: string, language: Language): Candidate {
  const area = profile.serviceArea;
  if (!area) return missing("area", "area", "not_in_profile");
  const lang = langOf(language);
  const t = TEMPLATES[lang];
  const fact: Fact = { type: "area", text: area };
  if (languageOf(area) !== language && language !== "other") {
    return { ...missing("area", "area", "other_language", fact), text: t.area(area) };
  }
  // Place names are not in the lexicon: a known concept ("ремонт") is what they do there, not where; nor is who
  // comes ("мастер", of "Выезд мастера на дом"), nor a word for a kind of place ("район").
  const listed = terms(profile.services.map((s) => s.name).join(" "));
  const places = new Set(
    [...subjectOf(text)].filter((t) => !isConcept(t) && !PLACE_KINDS.has(t) && !hasMatch(listed, t)),
  );
  if (places.size === 0)
    return { source: "area", intent: "area", text: t.area(area), confidence: 0.9, fact, reason: null };
  const own = terms(area);
  const named = [...places].filter((p) => hasMatch(own, p));
  // A place the area does not name may still be inside it ("Балашиха" in "Московская область"): a person knows.
  // An area that says what it does everywhere else ("в другие регионы — транспортной компанией", "online from any
  // country") answers for a place it does not name.
  // Only for places the client writes as names ("Доставляете в Москву?"), not "я из компании…".
  if (named.length === 0 && ELSEWHERE.test(area) && [...places].every((p) => properNames(text).has(p))) {
    return { source: "area", intent: "area", text: t.area(area), confidence: 0.85, fact, reason: null };
  }
  // An area that says where it ends ("только в пределах Нижнего Новгорода", "до 50 км от МКАД") settles a town
  // it does not name: the answer quotes it, with no "yes", and the client sees which side they are on.
  if (named.length === 0 && BOUNDED.test(area) && [...places].every((p) => properNames(text).has(p))) {
    return { source: "area", intent: "area", text: t.area(area), confidence: 0.85, fact, reason: null };
  }
  if (named.length === 0) return { ...missing("area", "area", "unknown_place", fact), text: t.area(area) };
  const confidence = 0.92 * 0.8 ** (places.size - named.length);
  // "No delivery to Sharjah or Abu Dhabi", "кроме Дзержинска": a place the area names only to exclude it is no "yes".
  const excluded = area
    .split(/[.;]\s*/u)
    .some((clause) => EXCLUDES.test(normalize(clause)) && named.some((p) => hasMatch(terms(clause), p)));
  const say = excluded ? t.area(area) : t.areaYes(area);
  return { source: "area", intent: "area", text: say, confidence, fact, reason: null };
}

/** Terms of the words written with a capital letter after the first word of a sentence. */
// …or, as messengers are written in lower case, the word a "to" or "в" puts a place on ("do you come to limassol").
const properNames = (text: string) =>
  terms(
    [
      ...(text.match(/(?<![.!?]\s*|^)(?<=\s)\p{Lu}[\p{L}-]+/gu) ?? []),
      ...[...text.toLowerCase().matchAll(/(?<![\p{L}])(?:в|во|до|из|to|into|from)\s+([\p{L}-]{4,})/gu)].map(
        (m) => m[1],
      ),
    ].join(" "),
  );

const PLACE_KINDS = terms("район районе остров микрорайон округ поселок district island area neighbourhood");

const ELSEWHERE =
  /(?:в|на) други[ех] (?:город|регион|област|стран)\p{L}*|из любой (?:страны|точки)|(?:to|in|for) (?:all )?other (?:cities|towns|regions|countries)|worldwide|anywhere in the world|from any country/iu;

const EXCLUDES = /(?<![\p{L}])(?:no|not|never|except|excluding|не|нет|кроме|за исключением)(?![\p{L}])/u;

const BOUNDED =
  /(?<![\p{L}])(?:только|лишь|only)(?![\p{L}])|(?:до|в пределах|within|up to) \d+\s?(?:км|km|miles?)(?![\p{L}])|в пределах (?:кад|мкад|бетонки|садового|города|объездной)(?![\p{L}])|за (?:кад|мкад|город) не|междугородн\p{L}* (?:\p{L}+ )?не/iu;

/** A street address in the service area ("Москва, Алтуфьевское шоссе, 48"): a place name with a number. */
const ADDRESS = /\p{L}{3,}[^\n]{0,40}?\d/u;

/**
 * "Где вы находитесь?": the service area when it gives an address. A place or branch the client names must be
 * in it ("the downtown club"); what the business itself is ("адрес мойки") does not count as a place.
 */
export function addressCandidate(profile: BusinessProfile, text: string, language: Language): Candidate {
  const area = profile.serviceArea;
  if (!area || !ADDRESS.test(area)) return missing("area", "area", "not_in_profile");
  const fact: Fact = { type: "area", text: area };
  const lang = langOf(language);
  if (languageOf(area) !== language && language !== "other") {
    return { ...missing("area", "area", "other_language", fact), text: TEMPLATES[lang].address(area) };
  }
  const own = new Set([
    ...domainOf(profile),
    ...profile.services.flatMap((s) => [...terms(s.name)]),
    ...terms(`${profile.company} ${profile.description ?? ""}`),
  ]);
  const areaTerms = terms(area);
  const places = [...subjectOf(text)].filter((t) => !hasMatch(own, t) || hasMatch(areaTerms, t));
  // "вы возле метро российская?" to "… (м. Российская)": the metro is the area's "м.".
  const metro = /(?<![\p{L}])(?:м\.|метро|metro)/u.test(area);
  const unknown = places.filter((p) => !hasMatch(areaTerms, p) && !(metro && /^s:(?:метр|metro|subway)$/u.test(p)));
  if (unknown.length > 0) {
    return { ...missing("area", "area", "unknown_place", fact), text: TEMPLATES[lang].address(area) };
  }
  // The address is the service area's: the answer quotes that field, as an area answer does.
  return { source: "area", intent: "area", text: TEMPLATES[lang].address(area), confidence: 0.9, fact, reason: null };
}
