// Money amounts in the forms clients write them: "1500$", "$1.5k", "150 тыс. руб", "1,5 млн", "около 200к",
// "до 3000 евро", "100 000 ₽", "2 тысячи долларов", "€500", "10т.р." — read as an amount and an ISO 4217
// currency. Whether an amount is the client's budget (and not a price they quote or charge) is analyze.ts's call.

import type { Currency } from "@/lib/ai/analysis-schema";

export interface Money {
  amount: number;
  currency: Currency | null;
  /** Offsets of the amount with its multiplier and currency in the text. */
  start: number;
  end: number;
  /** A multiplier or currency was written: without one a bare number is only money beside a budget word. */
  marked: boolean;
}

// Longest spellings first; each is matched as a whole word (or a symbol) next to the number.
const CURRENCY_WORDS: [RegExp, Currency][] = [
  [/^(₽|руб(лей|ля|ль)?\.?|р\.|р(?![\p{L}])|rub(les?)?|rur)/iu, "RUB"],
  [/^(\$|usd|долл(ар(ов|а)?)?\.?|бакс(ов|а)?|dollars?|bucks)/iu, "USD"],
  [/^(€|eur(os?)?|евро)/iu, "EUR"],
  [/^(£|gbp|pounds?|фунт(ов|а)?)/iu, "GBP"],
  [/^(byn|бел\.?\s?руб(лей|ля)?\.?)/iu, "BYN"],
  [/^(₸|kzt|тенге)/iu, "KZT"],
  [/^(₴|uah|грн|гривен|гривны)/iu, "UAH"],
];
const PREFIX_SYMBOL: Record<string, Currency> = { $: "USD", "€": "EUR", "£": "GBP", "₽": "RUB" };

const MULTIPLIERS: [RegExp, number][] = [
  [/^(млн|миллион(ов|а)?|лям(ов|а)?|million|mln|mio|m(?![\p{L}]))\.?/iu, 1_000_000],
  [/^(млрд|миллиард(ов|а)?|billion|bn)\.?/iu, 1_000_000_000],
  [
    /^(тыр(?![\p{L}])|grand|тыс(яч[аиу]?)?|тыщ[аи]?|thousand|тр(?![\p{L}])|т\.р\.?|к(?![\p{L}])|k(?![\p{L}]))\.?/iu,
    1_000,
  ],
];

// A number: digit groups separated by spaces, commas or dots ("100 000", "1,500", "1.5", "1,5").
const NUMBER = /(?<![\p{L}\d:])([$€£₽]\s?)?(\d{1,3}(?:[  ]\d{3})+|\d+(?:[.,]\d+)*)/gu;

function parseNumber(raw: string): number | null {
  const s = raw.replace(/[  ]/g, "");
  if (/^\d+$/.test(s)) return Number(s);
  // "1,500,000" / "1.500.000": groups of thousands.
  if (/^\d{1,3}([.,]\d{3}){2,}$/.test(s)) return Number(s.replace(/[.,]/g, ""));
  if (/^\d+[.,]\d+$/.test(s)) {
    const [int, frac] = s.split(/[.,]/);
    // "1,500" and "2.000" are thousands; "1,5" and "2.50" decimals.
    return frac.length === 3 ? Number(int + frac) : Number(`${int}.${frac}`);
  }
  return null;
}

// "тысяч 100", "тыщ 50": the multiplier before the number, as people say it.
const WORD_FIRST = /(?<![\p{L}])(тысяч[аиу]?|тыщ[иа]?|тыс\.?)\s+(\d{1,4})(?![\d:])/giu;

// "полтора ляма", "полтора миллиона", "пол-ляма": one and a half, a half of the multiplier.
const HALVES =
  /(?<![\p{L}])(полтора|полторы|пол-?|пол\s)\s?(тысяч[иа]?|тыщ[иа]?|тыс\.?|лям(?:а|ов)?|миллион(?:а|ов)?|млн)(?![\p{L}])/giu;

/** A count of things, not money: "3 недели", "10 живых" (followers), "800 диалогов". */
const COUNT_AFTER =
  /^[\s ]*(недел|week|дн|день|day|месяц|month|сут|night|ноч|спал|bedroom|комнат|room|этаж|storey|филиал|branch|пост|post|диалог|dialog|conversation|заяв|application|регистрац|registration|sign-up|signup|подписчик|follower|жив|контакт|номер|лид|lead|клиент|client|пациент|patient|учени|student|сотрудник|employee|staff|точ|location|магазин|store|shop)/iu;

// Amounts in words: "тридцать тысяч", "сто пятьдесят тысяч", "fifty thousand", "полмиллиона".
const NUMBER_WORDS: Record<string, number> = {
  один: 1,
  одна: 1,
  два: 2,
  две: 2,
  три: 3,
  четыре: 4,
  пять: 5,
  шесть: 6,
  семь: 7,
  восемь: 8,
  девять: 9,
  десять: 10,
  пятнадцать: 15,
  двадцать: 20,
  тридцать: 30,
  сорок: 40,
  пятьдесят: 50,
  шестьдесят: 60,
  семьдесят: 70,
  восемьдесят: 80,
  девяносто: 90,
  сто: 100,
  двести: 200,
  триста: 300,
  четыреста: 400,
  пятьсот: 500,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
};
const WORDS = Object.keys(NUMBER_WORDS).join("|");
const SPELLED = new RegExp(
  `(?<![\\p{L}])((?:(?:${WORDS})\\s+){0,2}(?:${WORDS}))\\s+(тысяч[аи]?|тыс\\.?|thousand|grand|миллион(?:а|ов)?|million)(?![\\p{L}])|(?<![\\p{L}])(полмиллиона|half a million)(?![\\p{L}])`,
  "giu",
);

// "Сотку в месяц потяну": in a budget, a "сотка" is a hundred thousand.
const HUNDRED_K = /(?<![\p{L}])(сотк[аиуе]|сотню|сотня)(?![\p{L}])/giu;

function spelled(text: string): Money[] {
  const out: Money[] = [];
  for (const m of text.matchAll(HUNDRED_K)) {
    out.push({ amount: 100_000, currency: null, start: m.index, end: m.index + m[0].length, marked: true });
  }
  for (const m of text.matchAll(SPELLED)) {
    const amount = m[3]
      ? 500_000
      : m[1]
          .toLowerCase()
          .split(/\s+/)
          .reduce((sum, w) => sum + (NUMBER_WORDS[w] ?? 0), 0) * (/^(миллион|million)/i.test(m[2]) ? 1_000_000 : 1000);
    out.push({ amount, currency: null, start: m.index, end: m.index + m[0].length, marked: true });
  }
  return out;
}

export function findMoney(text: string): Money[] {
  const out: Money[] = spelled(text);
  if (out.length) return out;
  for (const m of text.matchAll(HALVES)) {
    const factor = /^(тыс|тыщ)/iu.test(m[2]) ? 1000 : 1_000_000;
    const amount = (/^полтор/iu.test(m[1]) ? 1.5 : 0.5) * factor;
    out.push({ amount, currency: null, start: m.index, end: m.index + m[0].length, marked: true });
  }
  if (out.length) return out;
  for (const m of text.matchAll(WORD_FIRST)) {
    if (COUNT_AFTER.test(text.slice(m.index + m[0].length))) continue;
    out.push({ amount: Number(m[2]) * 1000, currency: null, start: m.index, end: m.index + m[0].length, marked: true });
  }
  if (out.length) return out;
  for (const m of text.matchAll(NUMBER)) {
    const start = m.index;
    let end = start + m[0].length;
    const prefix = m[1]?.trim();
    let amount = parseNumber(m[2]);
    if (amount === null) continue;
    let currency: Currency | null = prefix ? PREFIX_SYMBOL[prefix] : null;
    let marked = Boolean(prefix);
    let rest = text.slice(end);
    const skip = (re: RegExp) => {
      const ws = rest.match(/^[\s ]*/)![0];
      const hit = rest.slice(ws.length).match(re);
      if (!hit) return null;
      end += ws.length + hit[0].length;
      rest = text.slice(end);
      return hit[0];
    };
    if (/^:\d/.test(rest)) continue;
    for (const [re, factor] of MULTIPLIERS) {
      const hit = skip(re);
      if (hit) {
        amount *= factor;
        marked = true;
        // "тр", "т.р." are "тысяч рублей".
        if (/^(т\.?р|тыр)/iu.test(hit)) currency = "RUB";
        break;
      }
    }
    if (!currency) {
      for (const [re, code] of CURRENCY_WORDS) {
        if (skip(re)) {
          currency = code;
          marked = true;
          break;
        }
      }
    }
    // A time ("18:30"), a percentage, an area, or a count is not money.
    if (
      /^[\s ]*(%|процент|percent|м2|м²|кв|sq|m2|шт|pcs|человек|people|минут|min|час|hour|год|лет|year|раз|times)/iu.test(
        rest,
      )
    )
      continue;
    // A bare number before a duration or a count ("3 weeks", "800 диалогов"); "3000 dollars monthly" is money.
    if (!marked && COUNT_AFTER.test(rest)) continue;
    out.push({ amount: Math.round(amount * 100) / 100, currency, start, end, marked });
  }
  return out;
}

/** The amount a person typed as a lead's budget ("50 000 ₽", "$2k"), or null when it names none. */
export function parseBudgetText(text: string | null | undefined): { amount: number; currency: Currency | null } | null {
  if (!text) return null;
  const all = findMoney(text);
  const m = all.find((x) => x.marked) ?? all[0];
  return m ? { amount: m.amount, currency: m.currency } : null;
}
