import type { Language } from "@/lib/ai/analysis-schema";

// Prices and working hours are short and formulaic ("от 500 ₽/м²", "Пн–Пт 9:00–19:00"), so the few words
// they use can be carried into the client's language word for word; the figures stay exactly as written. If
// anything of the other script is left, the fact cannot be said in the client's language and is not sent.

const RU_EN: [RegExp, string][] = [
  [/(?<![\p{L}])пн(?![\p{L}])|понедельник/giu, "Mon"],
  [/(?<![\p{L}])вт(?![\p{L}])|вторник/giu, "Tue"],
  [/(?<![\p{L}])ср(?![\p{L}])|среда/giu, "Wed"],
  [/(?<![\p{L}])чт(?![\p{L}])|четверг/giu, "Thu"],
  [/(?<![\p{L}])пт(?![\p{L}])|пятница/giu, "Fri"],
  [/(?<![\p{L}])сб(?![\p{L}])|суббота/giu, "Sat"],
  [/(?<![\p{L}])вс(?![\p{L}])|воскресенье/giu, "Sun"],
  [/без выходных|ежедневно/giu, "daily"],
  [/выходной|выходные/giu, "closed"],
  [/круглосуточно/giu, "24/7"],
  [/(?<![\p{L}])офис(?![\p{L}])/giu, "office"],
  [/(?<![\p{L}])вождение(?![\p{L}])/giu, "driving"],
  [/(?<![\p{L}])за (\d+) минут\p{L}*/giu, "per $1 min"],
  [/(?<![\p{L}])за погонный метр|за пог\.? ?м/giu, "per running metre"],
  [/(?<![\p{L}])от(?![\p{L}])/giu, "from"],
  [/(?<![\p{L}])до(?![\p{L}])/giu, "to"],
  [/(?<![\p{L}])с(?![\p{L}])/giu, "from"],
  [/(?<![\p{L}])и(?![\p{L}])/giu, "and"],
  [/(?<![\p{L}])за(?![\p{L}])/giu, "per"],
  [/(?<![\p{L}])в час(?![\p{L}])|\/час/giu, " per hour"],
  [/(?<![\p{L}])в месяц|\/мес(?:\.|яц)?(?![\p{L}])/giu, "per month"],
  [/(?<![\p{L}])в день(?![\p{L}])/giu, "per day"],
  [/(?<![\p{L}])за процедуру/giu, "per treatment"],
  [/(?<![\p{L}])за визит/giu, "per visit"],
  [/(?<![\p{L}])за занятие|за урок/giu, "per lesson"],
  [/(?<![\p{L}])за человека/giu, "per person"],
  [/руб(?:лей|ля|\.)?/giu, "RUB"],
  [/м²|кв\.?\s?м/giu, "m²"],
  [/(?<![\p{L}])шт\.?/giu, "pc"],
  [/бесплатно/giu, "free"],
];

/** "11 a.m." → "11:00", "8:30 p.m." → "20:30": the Russian clock. */
const clock24 = (_: string, h: string, m: string | undefined, half: string): string => {
  const hour = (Number(h) % 12) + (half.toLowerCase() === "p" ? 12 : 0);
  return `${hour}:${m ?? "00"}`;
};

const EN_RU: [RegExp, string | typeof clock24][] = [
  [/\b(\d{1,2})(?::(\d\d))?\s*([ap])\.?m\.?(?![\p{L}])/giu, clock24],
  [/\bclosed on (mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/giu, "$1 — closed"],
  [/\bmon(day)?s?\b/giu, "пн"],
  [/\btue(sday)?\b/giu, "вт"],
  [/\bwed(nesday)?\b/giu, "ср"],
  [/\bthu(rsday)?\b/giu, "чт"],
  [/\bfri(day)?\b/giu, "пт"],
  [/\bsat(urday)?\b/giu, "сб"],
  [/\bsun(day)?s?\b/giu, "вс"],
  [/\bdaily\b|\bevery day\b/giu, "ежедневно"],
  [/\bclosed\b/giu, "выходной"],
  [/\bfrom\b/giu, "от"],
  [/\bto\b|\buntil\b|\btill\b/giu, "до"],
  [/\band\b/giu, "и"],
  [/(?<![\d:])(\d{1,2}:\d\d) до (?=\d)/gu, "с $1 до "],
  [/\bper hour\b|\/hour\b|\/hr\b/giu, " в час"],
  [/\bper (\d+)-minute (?:session|lesson|class)\b/giu, "за занятие $1 мин"],
  [/\bper (?:session|lesson|class)\b/giu, "за занятие"],
  [/\bper person\b/giu, "за человека"],
  [/\bmin\b/giu, "мин"],
  [/\bper\b/giu, "за"],
  [/\bfree\b/giu, "бесплатно"],
];

const foreign = { en: /\p{Script=Cyrillic}/u, ru: /[a-z]{3,}/iu } as const;

/** The fact in the client's language, or null when it cannot be carried over word for word. */
export function localize(text: string, to: Language, from: Language): string | null {
  if (to === from || to === "other" || from === "other") return text;
  const table = to === "en" ? RU_EN : EN_RU;
  let out = text;
  for (const [pattern, replacement] of table) {
    out = typeof replacement === "string" ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
  }
  out = out.replace(/\s{2,}/g, " ").trim();
  // Currency codes (USD, AED: three capitals) and units are fine in Russian text; words are not.
  const rest = to === "ru" ? out.replace(/\b(?:[A-Z]{3}|am|pm|m²)\b/g, "") : out;
  return foreign[to].test(rest) ? null : out;
}

/**
 * Working hours in the client's language, by their parts: a remark the word table cannot carry ("(шоурум)",
 * "плановый приём 9:00–21:00", "same-day orders until 18:00") is left out, so long as the first part, the
 * business's own hours, is carried whole.
 */
export function localizeHours(text: string, to: Language, from: Language): string | null {
  const whole = localize(text, to, from);
  if (whole !== null) return whole;
  const parts = text
    .replace(/\s*\([^)]*\)/g, (remark) => (localize(remark, to, from) === null ? "" : remark))
    .split(/\s*;\s*/)
    .map((part) => localize(part, to, from) ?? withoutRemark(part, to, from));
  if (parts[0] === null) return null;
  return parts.filter((p): p is string => p !== null).join("; ");
}

/**
 * "Ежедневно 8:00–21:00, заказы принимаем до 20:00": the hours before a trailing remark the table cannot carry,
 * when the remark is the part's last clause and what comes before is carried whole.
 */
function withoutRemark(part: string, to: Language, from: Language): string | null {
  const cut = part.search(/,\s*[^,]*$/u);
  if (cut <= 0) return null;
  const rest = part.slice(cut + 1);
  // A remark is words, not another day's hours ("Сб 11:00–16:00" is never dropped).
  if (/(?<![\p{L}])(?:пн|вт|ср|чт|пт|сб|вс|mon|tue|wed|thu|fri|sat|sun)/iu.test(rest)) return null;
  return localize(part.slice(0, cut), to, from);
}
