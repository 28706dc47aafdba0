import { newStemmer } from "snowball-stemmers";
import type { Language } from "@/lib/ai/analysis-schema";
import { CONCEPTS, STOP_WORDS } from "./lexicon";

// Text helpers of the reply engine: the client's language, and the "terms" of a text — each word as a shared
// concept when the lexicon knows it, else as its Snowball stem, so "ванной"/"ванная" and "bathroom" meet.

const russian = newStemmer("russian");
const english = newStemmer("english");

export const normalize = (text: string) => text.toLowerCase().replace(/ё/g, "е");

const isCyrillic = (word: string) => /\p{Script=Cyrillic}/u.test(word);
const stemOf = (word: string) => (isCyrillic(word) ? russian.stem(word) : english.stem(word));

/** Cyrillic share of the letters decides; Russian clients paste Latin brand names, so a third is enough. */
export function languageOf(text: string): Language {
  const cyr = text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  const lat = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (cyr + lat === 0) return "other";
  return cyr / (cyr + lat) >= 0.3 ? "ru" : "en";
}

const CONCEPT_OF = new Map<string, string>();
for (const [concept, words] of Object.entries(CONCEPTS)) {
  for (const w of words) CONCEPT_OF.set(stemOf(normalize(w)), concept);
}
const STOP_STEMS = new Set([...STOP_WORDS].map((w) => stemOf(w)));

export const words = (text: string): string[] => normalize(text).match(/[\p{L}\p{N}]+/gu) ?? [];

/** A term: `c:<concept>` for a known concept, `s:<stem>` otherwise. */
export function termOf(word: string): string | null {
  if (STOP_WORDS.has(word) || /^\d+$/.test(word)) return null;
  const stem = stemOf(word);
  const concept = CONCEPT_OF.get(stem);
  if (concept) return `c:${concept}`;
  if (word.length < 3 || STOP_STEMS.has(stem)) return null;
  return `s:${stem}`;
}

export function terms(text: string, ignore?: RegExp): Set<string> {
  const out = new Set<string>();
  const cleaned = ignore ? normalize(text).replace(ignore, " ") : text;
  for (const w of words(cleaned)) {
    const t = termOf(w);
    if (t) out.add(t);
  }
  return out;
}

export const isConcept = (term: string) => term.startsWith("c:");
