import { hasMatch, normalize, termOf, terms } from "./reply-text";

// A number the client puts on a thing the price list counts ("абонемент на 3 месяца", "15 roses") names a variant:
// the service that has that count is the one asked about, and a service that counts the same thing otherwise
// ("Абонемент на месяц") is another variant, not a price for this one. A count of a thing no service names
// ("шкаф 2,5 метра", "4 metres") is the order's size, not a variant.

export type Count = { n: number; unit: string };

// Units short enough to be no word of their own ("3 кг", "30 km").
const UNITS: Record<string, string> = { кг: "u:kg", kg: "u:kg", км: "u:km", km: "u:km", см: "u:cm", cm: "u:cm" };
const unitOf = (word: string | undefined) => (word ? (UNITS[word] ?? termOf(word)) : null);

const WORD = "(\\p{L}{3,}|кг|kg|км|km|см|cm)(?![\\p{L}])";
const COUNT = new RegExp(`(?<![\\d.,:])(\\d+(?:[.,]\\d+)?)\\s*(?:-?(?:х|x)\\s*)?${WORD}(?:\\s+${WORD})?`, "gu");

/**
 * "3 месяца" → {3, месяц}; "25 red roses" counts the roses too, so the word after the next is a unit of the same
 * number. Times ("к 19:00") and sizes written without a word are not counts.
 */
export function countsIn(text: string): Count[] {
  const out: Count[] = [];
  for (const m of normalize(text).matchAll(COUNT)) {
    for (const word of [m[2], m[3]]) {
      const unit = unitOf(word);
      if (unit) out.push({ n: Number(m[1].replace(",", ".")), unit });
    }
  }
  return out;
}

type Span = { from: number; to: number; unit: string };

// "5–15 кг", "до 5 кг", "от 15 кг", "5–7 лет": a name that gives a span of a thing covers every count within it.
const SPAN = new RegExp(
  `(?<![\\d.,:])(?:(от|from|over|свыше|более)\\s+|(до|up to|under)\\s+|(\\d+)\\s*[–—-]\\s*)?(\\d+(?:[.,]\\d+)?)\\s*${WORD}(?:\\s+${WORD})?`,
  "gu",
);

function spansIn(name: string): Span[] {
  const out: Span[] = [];
  for (const m of normalize(name).matchAll(SPAN)) {
    const n = Number(m[4].replace(",", "."));
    const [from, to] = m[1] ? [n, Infinity] : m[2] ? [0, n] : m[3] ? [Number(m[3]), n] : [n, n];
    for (const word of [m[5], m[6]]) {
      const unit = unitOf(word);
      if (unit) out.push({ from, to, unit });
    }
  }
  return out;
}

const measures = (name: string) =>
  [...normalize(name).matchAll(/(?<![\p{L}])(?:на|for|per)\s+(\p{L}{3,})/gu)].map((m) => m[1]).join(" ");

/**
 * 1 when the service's name has the client's count of a thing it counts, -1 when it counts that thing otherwise
 * (no number beside it is one: "на месяц"), 0 when the client counts nothing the name speaks of.
 */
export function variantFit(counts: readonly Count[], name: string): -1 | 0 | 1 {
  const ownSpans = spansIn(name);
  // What the name measures: a thing it counts, or what it is "for" ("на месяц"). "2 комплексные мойки" counts
  // the service itself, which is how many, not which.
  const measured = [...ownSpans.map((o) => o.unit), ...[...terms(measures(name))]];
  let fit: -1 | 0 | 1 = 0;
  for (const c of counts) {
    if (!hasMatch(measured, c.unit)) continue;
    const said = ownSpans.filter((o) => hasMatch([o.unit], c.unit));
    if (said.length === 0 ? c.n === 1 : said.some((o) => c.n >= o.from && c.n <= o.to)) fit = fit === -1 ? -1 : 1;
    else fit = -1;
  }
  return fit;
}

// A size or model code ("R19", "r16"): a name that gives codes of the same letter ("R13–R17") covers those only.
const CODE = /(?<![\p{L}\d])([a-z])\s?(\d{1,3})(?![\d])/giu;
const CODE_RANGE = /(?<![\p{L}\d])([a-z])\s?(\d{1,3})\s*[–—-]\s*(?:[a-z]\s?)?(\d{1,3})(?![\d])/giu;

// "а4" / "А5" typed in Cyrillic: the letters that look Latin read as the Latin code, when a digit follows at once.
const LOOKALIKE: Record<string, string> = {
  а: "a",
  в: "b",
  с: "c",
  е: "e",
  н: "h",
  к: "k",
  м: "m",
  о: "o",
  р: "p",
  т: "t",
  х: "x",
};
const latinCodes = (text: string) =>
  text.replace(/(?<![\p{L}\d])([авсенкмортх])(?=\d)/giu, (c) => LOOKALIKE[c.toLowerCase()]);

/** -1 when the client names a code the service's name does not cover, else 0. */
export function codeFit(rawText: string, rawName: string): -1 | 0 {
  const [text, name] = [latinCodes(rawText), latinCodes(rawName)];
  const asked = [...text.matchAll(CODE)].map((m) => ({ letter: m[1].toLowerCase(), n: Number(m[2]) }));
  if (asked.length === 0) return 0;
  const ranges = [...name.matchAll(CODE_RANGE)].map((m) => ({
    letter: m[1].toLowerCase(),
    from: Number(m[2]),
    to: Number(m[3]),
  }));
  const singles = [...name.matchAll(CODE)].map((m) => ({ letter: m[1].toLowerCase(), n: Number(m[2]) }));
  for (const a of asked) {
    const sameRanges = ranges.filter((r) => r.letter === a.letter);
    const sameSingles = singles.filter((s) => s.letter === a.letter);
    if (sameRanges.length === 0 && sameSingles.length === 0) continue;
    const inRange = sameRanges.some((r) => a.n >= r.from && a.n <= r.to);
    if (!inRange && !sameSingles.some((s) => s.n === a.n)) return -1;
  }
  return 0;
}
