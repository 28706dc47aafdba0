import { hasMatch, normalize, termOf, terms } from "./reply-text";

// A number the client puts on a thing the price list counts ("абонемент на 3 месяца", "15 roses") names a variant:
// the service that has that count is the one asked about, and a service that counts the same thing otherwise
// ("Абонемент на месяц") is another variant, not a price for this one. A count of a thing no service names
// ("шкаф 2,5 метра", "4 metres") is the order's size, not a variant.

export type Count = { n: number; unit: string };

const COUNT = /(?<![\d.,:])(\d+(?:[.,]\d+)?)\s*(?:-?(?:х|x)\s*)?(\p{L}{3,})/gu;

/** "3 месяца" → {3, месяц}; times ("к 19:00") and sizes written without a word are not counts. */
export function countsIn(text: string): Count[] {
  const out: Count[] = [];
  for (const m of normalize(text).matchAll(COUNT)) {
    const unit = termOf(m[2]);
    if (unit) out.push({ n: Number(m[1].replace(",", ".")), unit });
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
  const ownCounts = countsIn(name);
  // What the name measures: a thing it counts, or what it is "for" ("на месяц"). "2 комплексные мойки" counts
  // the service itself, which is how many, not which.
  const measured = [...ownCounts.map((o) => o.unit), ...[...terms(measures(name))]];
  let fit: -1 | 0 | 1 = 0;
  for (const c of counts) {
    if (!hasMatch(measured, c.unit)) continue;
    const said = ownCounts.filter((o) => hasMatch([o.unit], c.unit)).map((o) => o.n);
    if (said.length === 0 ? c.n === 1 : said.includes(c.n)) fit = fit === -1 ? -1 : 1;
    else fit = -1;
  }
  return fit;
}
