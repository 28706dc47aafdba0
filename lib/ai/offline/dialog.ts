import { findPhrases, isNegated, tokenize, type PhraseList, type PhraseMatch, type Token } from "./morph";
import { snippet, type DialogMessage } from "./text";

// A dialog as the offline engine reads it: turns (consecutive messages of one side merged, as people send a
// thought in several short messages), each turn's sentences tokenised once.

export interface Sentence {
  text: string;
  tokens: Token[];
  direction: "in" | "out";
  turn: number;
}

export interface Turn {
  direction: "in" | "out";
  sentences: Sentence[];
}

/**
 * Sentences of a message. A stop followed by a lowercase word or a digit does not end a sentence: "150 тыс. руб",
 * "т.р.", "ул. Ленина" stay one sentence.
 */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+(?![\p{Ll}\d])|\n+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function readTurns(messages: DialogMessage[]): Turn[] {
  const turns: Turn[] = [];
  for (const m of messages) {
    let turn = turns[turns.length - 1];
    if (!turn || turn.direction !== m.direction) {
      turn = { direction: m.direction, sentences: [] };
      turns.push(turn);
    }
    for (const text of splitSentences(m.text)) {
      turn.sentences.push({ text, tokens: tokenize(text), direction: m.direction, turn: turns.length - 1 });
    }
  }
  return turns;
}

// The same sentence is asked about the same list by several rules (stage, loss, booking): match it once.
const matched = new WeakMap<Sentence, Map<PhraseList, PhraseMatch[]>>();

/** Where the sentence says one of the phrases, computed once per sentence and list. */
export function matchesIn(s: Sentence, list: PhraseList): PhraseMatch[] {
  let bySentence = matched.get(s);
  if (!bySentence) matched.set(s, (bySentence = new Map()));
  let found = bySentence.get(list);
  if (!found) bySentence.set(list, (found = findPhrases(s.tokens, list)));
  return found;
}

/** Whether the sentence says the phrase; with `affirmed`, a negated occurrence ("не записывайте") does not count. */
export function says(s: Sentence, list: PhraseList, affirmed = false): boolean {
  const found = matchesIn(s, list);
  return affirmed ? found.some((m) => !isNegated(s.tokens, m)) : found.length > 0;
}

/** Whether the sentence says the phrase negated ("я не владелец", "not the owner"). */
export function denies(s: Sentence, list: PhraseList): boolean {
  return matchesIn(s, list).some((m) => isNegated(s.tokens, m));
}

// A greeting opening the sentence says nothing about the decision ("Hi, I run a clinic" → "I run a clinic").
const GREETING =
  /^(здравствуйте|добрый (день|вечер|утро)|доброе утро|привет|приветствую|hi|hello|hey|good (morning|afternoon|evening))[\s,!.—-]+/iu;

export const quote = (s: Sentence | null | undefined) => {
  if (!s) return null;
  const text = s.text.replace(GREETING, "");
  if (!text || text === s.text) return snippet(s.text);
  return snippet(text[0].toUpperCase() + text.slice(1));
};

/** A clause of the sentence around a character offset: the budget's words without the rest of the sentence. */
export function clauseAt(text: string, start: number, end: number): string {
  const bounds = /[,;—–]|\s-\s|\s(?:и|а|но|and|but)\s/giu;
  let from = 0;
  let to = text.length;
  for (const m of text.matchAll(bounds)) {
    // Separators inside the amount itself ("1,5 млн") are not clause bounds.
    if (m.index + m[0].length <= start) from = m.index + m[0].length;
    else if (m.index >= end && to === text.length) to = m.index;
  }
  const clause = text
    .slice(from, to)
    .trim()
    .replace(/[.!?…]+$/u, "");
  // A clause of one or two words ("около 200к") reads better with the whole sentence.
  return snippet(clause.split(/\s+/).length < 3 ? text.trim().replace(/[.!?…]+$/u, "") : clause);
}
