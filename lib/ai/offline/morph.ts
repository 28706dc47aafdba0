import { newStemmer } from "snowball-stemmers";

// Words of a dialog as Snowball stems (Russian for Cyrillic words, English for Latin ones), and phrase patterns
// written as plain words that are stemmed the same way, so "записали вас" also matches "записала вас" and
// "consultations" matches "consultation". A pattern word ending in `*` matches any stem it begins (verbs whose
// aspect pairs stem differently: "запис*" is записать, записываться, записались).

const ru = newStemmer("russian");
const en = newStemmer("english");
const cache = new Map<string, string>();

export function stemWord(word: string): string {
  const w = word.toLowerCase().replace(/ё/g, "е");
  let s = cache.get(w);
  if (s === undefined) {
    s = /\p{Script=Cyrillic}/u.test(w) ? ru.stem(w) : /^[a-z']+$/.test(w) ? en.stem(w.replace(/'/g, "")) : w;
    if (cache.size < 50_000) cache.set(w, s);
  }
  return s;
}

export interface Token {
  /** The word as written, lowercased, ё as е. */
  word: string;
  stem: string;
  /** Character offsets in the sentence, to quote the client's own words as evidence. */
  start: number;
  end: number;
  /** Clause number in the sentence: a negation reaches only words of its own clause ("нет, спасибо, передумала"). */
  clause: number;
  /**
   * The stem of a hyphenated word's last part ("digital-агентство" → агентств, "смм-щица" stays whole): a compound
   * is also the thing its head names, so "у меня digital-агентство" says "у меня агентство".
   */
  tail?: string;
}

// Numbers stay one token with their separators ("1 500", "1,5", "$1.5k" are read by budget.ts, not here).
const WORD = /[\p{L}][\p{L}\p{M}'’-]*|\d+/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let clause = 0;
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    if (/[,;:.!?()—–]/.test(text.slice(last, m.index))) clause++;
    last = m.index + m[0].length;
    const word = m[0].toLowerCase().replace(/ё/g, "е").replace(/’/g, "'");
    // "don't", "can't": the negation is the word itself; hyphenated Russian particles ("что-то") stay whole.
    const dash = word.lastIndexOf("-");
    const tail = dash > 0 && word.length - dash > 3 ? stemWord(word.slice(dash + 1)) : undefined;
    out.push({ word, stem: stemWord(word), start: m.index, end: last, clause, ...(tail ? { tail } : {}) });
  }
  return out;
}

/**
 * One pattern word: alternatives (`a/b`), each an exact stem, a stem prefix (`запис*`) or the word as written
 * (`=booked`); `_` is any one word.
 */
type Alt = { stem: string; prefix: boolean; surface?: boolean };
type Slot = { any: true } | { any: false; alts: Alt[] };
export type Phrase = Slot[];

function compileSlot(raw: string): Slot {
  if (raw === "_") return { any: true };
  return {
    any: false,
    alts: raw.split("/").map((a): Alt =>
      // "=booked": the word exactly as written, where a stem would lose the tense ("book" / "booked").
      a.startsWith("=")
        ? { stem: a.slice(1).toLowerCase(), prefix: false, surface: true }
        : a.endsWith("*")
          ? { stem: a.slice(0, -1).toLowerCase().replace(/ё/g, "е"), prefix: true }
          : { stem: stemWord(a), prefix: false },
    ),
  };
}

/**
 * A compiled list of phrases, indexed by what their first word can be (its stem, or the first two letters of a
 * prefix) so a sentence is checked only against phrases that can start at each of its words.
 */
export class PhraseList {
  private readonly byStem = new Map<string, Phrase[]>();
  private readonly byHead = new Map<string, Phrase[]>();
  private readonly anyFirst: Phrase[] = [];

  constructor(readonly all: Phrase[]) {
    for (const phrase of all) {
      const first = phrase[0];
      if (first.any) {
        this.anyFirst.push(phrase);
        continue;
      }
      for (const alt of first.alts) {
        const map = alt.prefix ? this.byHead : this.byStem;
        const key = alt.prefix ? alt.stem.slice(0, 2) : alt.surface ? stemWord(alt.stem) : alt.stem;
        const list = map.get(key) ?? [];
        if (!list.includes(phrase)) list.push(phrase);
        map.set(key, list);
      }
    }
  }

  /** The groups of phrases that can start at the token, without building one list of them (the hot path). */
  candidateGroups(t: Token): (Phrase[] | undefined)[] {
    const h1 = t.stem.slice(0, 2);
    const h2 = t.word.slice(0, 2);
    const groups = [this.byStem.get(t.stem), this.byHead.get(h1), h2 !== h1 ? this.byHead.get(h2) : undefined];
    if (t.tail) {
      const h3 = t.tail.slice(0, 2);
      groups.push(this.byStem.get(t.tail), h3 !== h1 && h3 !== h2 ? this.byHead.get(h3) : undefined);
    }
    if (this.anyFirst.length) groups.push(this.anyFirst);
    return groups;
  }

  candidates(t: Token): Phrase[] {
    return this.candidateGroups(t).flatMap((g) => g ?? []);
  }
}

/** Compiles "спасибо за консультацию/встречу | thanks for the call" into phrases (alternatives split by `|`). */
export function phrases(source: string): PhraseList {
  return new PhraseList(
    source
      .split("|")
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => p.split(/\s+/).map(compileSlot)),
  );
}

function slotMatches(slot: Slot, t: Token): boolean {
  if (slot.any) return true;
  return slot.alts.some((a) =>
    a.surface
      ? t.word === a.stem
      : a.prefix
        ? t.stem.startsWith(a.stem) || t.word.startsWith(a.stem) || (t.tail?.startsWith(a.stem) ?? false)
        : t.stem === a.stem || t.tail === a.stem,
  );
}

export interface PhraseMatch {
  start: number;
  end: number;
}

/** Every place one of the phrases occurs in the tokens, as token index ranges. */
export function findPhrases(tokens: Token[], list: PhraseList): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const groups = list.candidateGroups(tokens[i]).filter((g) => g !== undefined);
    // A phrase sits in several groups (its stem and its prefix head): count it once at each position.
    const seen = groups.length > 1 ? new Set<Phrase>() : null;
    for (const group of groups) {
      for (const phrase of group) {
        if (i + phrase.length > tokens.length) continue;
        if (seen) {
          if (seen.has(phrase)) continue;
          seen.add(phrase);
        }
        let ok = true;
        for (let j = 0; j < phrase.length && ok; j++) ok = slotMatches(phrase[j], tokens[i + j]);
        if (ok) found.push({ start: i, end: i + phrase.length });
      }
    }
  }
  return found;
}

const NEGATIONS = new Set([
  "не",
  "нет",
  "ни",
  "нельзя",
  "not",
  "no",
  "never",
  "dont",
  "don't",
  "doesn't",
  "didn't",
  "won't",
  "can't",
  "cannot",
  "isn't",
  "aren't",
  "wasn't",
  "haven't",
  "hasn't",
  "shouldn't",
  "wouldn't",
]);

/** A match is negated when a negation stands within the two words before it ("пока не записывайте", "not the owner"). */
export function isNegated(tokens: Token[], m: PhraseMatch, window = 2): boolean {
  for (let i = Math.max(0, m.start - window); i < m.start; i++) {
    if (tokens[i].clause === tokens[m.start].clause && NEGATIONS.has(tokens[i].word)) return true;
  }
  return false;
}

/** Whether the words hold a negation at all ("not this week", "нет, в четверг не могу"). */
export function hasNegation(tokens: Token[]): boolean {
  return tokens.some((t) => NEGATIONS.has(t.word));
}

// Tense from the word's own form, so a meeting the client talks about in the past ("созвон был ок", "посмотрела
// запись встречи", "watched the recording of our call") is one that took place, whatever verb they chose.
// Russian past tense: a vowel then -л/-ла/-ло/-ли (reflexive -ся/-сь after it); English: -ed or an irregular
// past. Nouns of the same shape that dialogs use are listed.
const RU_PAST = /[аеиоуыяё](л|ла|ло|ли)(ся|сь)?$/u;
const RU_NOT_PAST = new Set(
  "или мало дело тело село число школа сила стола пила канал канала зал зала материал материала персонал персонала филиал филиала сериал финал портал идеал капитал сигнал недели цели модели мебели отели детали начало масло мыло стул стол пол футбол смысл".split(
    " ",
  ),
);
const EN_PAST = new Set(
  "was were had met spoke went did came took gave made told thought felt sent paid put spoken".split(" "),
);
const EN_NOT_PAST = new Set(
  "need needed feed seed speed bed red shed interested based detailed limited advanced experienced qualified skilled".split(
    " ",
  ),
);

export function isPastForm(t: Token): boolean {
  const w = t.word;
  if (/\p{Script=Cyrillic}/u.test(w)) return w.length >= 3 && RU_PAST.test(w) && !RU_NOT_PAST.has(w);
  return EN_PAST.has(w) || (w.length >= 5 && w.endsWith("ed") && !EN_NOT_PAST.has(w));
}
