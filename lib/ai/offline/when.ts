import { normalize } from "./reply-text";

// When and where to reach the client, as they wrote it: a day for a booking ("в субботу", "tomorrow"), a
// preferred time for a call-back ("завтра утром", "after 6 pm"), a phone number. Nothing is guessed: what is
// not written stays null.

const WEEKDAYS: [RegExp, number][] = [
  [/понедельн|monday|(?<![\p{L}])mon(?![\p{L}])/u, 1],
  [/вторн|tuesday/u, 2],
  [/(?<![\p{L}])сред[уаы](?![\p{L}])|wednesday/u, 3],
  [/четверг|thursday/u, 4],
  [/пятниц|friday/u, 5],
  [/суббот|saturday/u, 6],
  [/воскресень|sunday/u, 7],
];

const dayNumber = (label: string) => {
  const [y, m, d] = label.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
};
/** ISO weekday (1 = Monday) of a "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" label. */
export const weekdayOf = (label: string) => ((((dayNumber(label.slice(0, 10)) + 3) % 7) + 7) % 7) + 1;
const labelOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** A requested day: a YYYY-MM-DD date (today, tomorrow, "12.12", "12 декабря") or an ISO weekday. */
export type RequestedDay = { date: string } | { weekday: number } | null;

const MONTHS = [
  "январ|january|jan",
  "феврал|february|feb",
  "март|march|mar",
  "апрел|april|apr",
  "ма[яй]|may",
  "июн|june|jun",
  "июл|july|jul",
  "август|august|aug",
  "сентябр|september|sep",
  "октябр|october|oct",
  "ноябр|november|nov",
  "декабр|december|dec",
];

export function requestedDay(text: string, today: string): RequestedDay {
  const t = normalize(text);
  if (/послезавтра|day after tomorrow/u.test(t)) return { date: labelOf(dayNumber(today) + 2) };
  if (/завтра|tomorrow/u.test(t)) return { date: labelOf(dayNumber(today) + 1) };
  if (/сегодня|today|tonight/u.test(t)) return { date: today };
  const [year] = today.split("-").map(Number);
  const dated = t.match(/(?<!\d)(\d{1,2})\.(\d{1,2})(?![\d.]*\d{3})/u);
  const named = t.match(/(?<!\d)(\d{1,2})\s+(\p{L}+)/u);
  let month: number | null = null;
  let day: number | null = null;
  if (dated) [day, month] = [Number(dated[1]), Number(dated[2])];
  else if (named) {
    const index = MONTHS.findIndex((m) => new RegExp(`^(?:${m})`, "u").test(named[2]));
    if (index >= 0) [day, month] = [Number(named[1]), index + 1];
  }
  if (day && month && month <= 12 && day <= 31) {
    let label = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    if (label < today) label = `${year + 1}${label.slice(4)}`;
    return { date: label };
  }
  for (const [pattern, weekday] of WEEKDAYS) if (pattern.test(t)) return { weekday };
  return null;
}

const DAY_WORDS =
  /(?<![\p{L}])(?:выходн|суббот|воскресен|праздн|понедельн|вторн|сред[уаы]|четверг|пятниц|будн|weekend|saturday|sunday|monday|tuesday|wednesday|thursday|friday|holiday)/gu;

/** Both texts name a day of the same kind ("на выходные" — "Можно ли заказать на выходные?"). */
export function sharesDay(a: string, b: string): boolean {
  const days = new Set(normalize(b).match(DAY_WORDS) ?? []);
  return (normalize(a).match(DAY_WORDS) ?? []).some((d) => days.has(d));
}

const NEAR = /(?<![\p{L}])(?:сегодня|завтра|послезавтра|today|tomorrow|tonight)(?![\p{L}])/u;

/** The text names a day, a time or a part of the day: "завтра после обеда", "в четверг в 7 вечера". */
export const namesWhen = (text: string) =>
  sharesDay(text, text) || NEAR.test(normalize(text)) || clockTime(text) !== null || partOfDay(text) !== null;

export const onDay = (label: string, day: NonNullable<RequestedDay>) =>
  "date" in day ? label.slice(0, 10) === day.date : weekdayOf(label) === day.weekday;

// "В среду вечером в 6", "tomorrow afternoon at 4": a small hour in the second half of the day is past noon.
const LATER = /(?<![\p{L}])(?:вечер\p{L}*|после обеда|днем|afternoon|evening|tonight)(?![\p{L}])/u;
const afternoon = (t: string, hour: number) => (hour >= 1 && hour <= 9 && LATER.test(t) ? hour + 12 : hour);

/** "11:00", "в 11", "at 11 am" as minutes after midnight; null when the text names no clock time. */
export function clockTime(text: string): number | null {
  const t = normalize(text);
  const PREP = /(?:^|[^\p{L}])(?:в|к|на|с|at|for|by)\s*$/u;
  for (const m of t.matchAll(
    /(?<![\d.:])([01]?\d|2[0-3])([:.])([0-5]\d)(?![\d.:])(\s*(?:pm|p\.m\.|вечера|дня)(?![\p{L}]))?/gu,
  )) {
    // "12.12" is a date unless a preposition makes it a time ("в 15.30").
    if (m[2] === "." && !PREP.test(t.slice(0, m.index))) continue;
    const hour = Number(m[1]);
    return (m[4] && hour < 12 ? hour + 12 : afternoon(t, hour)) * 60 + Number(m[3]);
  }
  const HOUR =
    /(?<![\p{L}])(?:в|к|at|for)\s+([01]?\d|2[0-3])(?:\s*(am|pm|утра|вечера|дня|часов|часа|час|ч)(?![\p{L}]))?(?![\d:.])(?!\s*(?!(?:есть|будет|можно|свободн|получится|подойд|сможете)\p{L}*)\p{L}{3,})/gu;
  for (const m of t.matchAll(HOUR)) {
    let hour = Number(m[1]);
    if ((m[2] === "pm" || m[2] === "вечера" || m[2] === "дня") && hour < 12) hour += 12;
    else if (!m[2]) hour = afternoon(t, hour);
    return hour * 60;
  }
  // "Запишите на 12": a bare hour after "на" is a time only with nothing after it that it could count ("на 12
  // человек", "на 2 часа", "на 12 декабря").
  const onHour = t.match(
    /(?<![\p{L}])на\s+([01]?\d|2[0-3])(?:\s*(am|pm|утра|вечера|дня)(?![\p{L}]))?(?![\d:.,\-–])(?!\s*[\p{L}\d])/u,
  );
  if (onHour) {
    const hour = Number(onHour[1]);
    const later = (onHour[2] === "pm" || onHour[2] === "вечера" || onHour[2] === "дня") && hour < 12;
    return (later ? hour + 12 : onHour[2] ? hour : afternoon(t, hour)) * 60;
  }
  const suffixed = t.match(/(?<![\d:.])([01]?\d|2[0-3])\s*(am|pm)(?![\p{L}])/u);
  if (!suffixed) return null;
  const hour = Number(suffixed[1]);
  return ((suffixed[2] === "pm" && hour < 12 ? hour + 12 : hour) % 24) * 60;
}

const TIME_PHRASES = [
  /(?:сегодня|завтра|послезавтра|в (?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье))(?:\s+(?:утром|днем|вечером|после обеда|до обеда|с утра|в обед|ближе к вечеру|к вечеру))?/u,
  /(?<![\p{L}])(?:утром|днем|вечером|после обеда|до обеда|в обед|с утра|ближе к вечеру|к вечеру)(?![\p{L}])/u,
  /(?:после|до|в|с|около|к)\s+\d{1,2}(?:[:.]\d{2})?(?:\s*(?:до|-|–)\s*\d{1,2}(?:[:.]\d{2})?)?(?:\s*(?:утра|вечера|дня|часов|ч))?/u,
  /(?:today|tomorrow|tonight|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))(?:\s+(?:morning|afternoon|evening|night))?/u,
  /(?:in the )?(?<![\p{L}])(?:morning|afternoon|evening)(?![\p{L}])/u,
  /(?:after|before|at|around|between)\s+\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?(?:\s*(?:and|-|–)\s*\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)?/u,
];

/** The client's own words for when to call ("завтра утром", "after 6 pm"), or null. */
export function preferredTime(text: string): string | null {
  const t = normalize(text);
  const found: { at: number; text: string }[] = [];
  for (const p of TIME_PHRASES) {
    const m = t.match(p);
    if (
      m &&
      m.index !== undefined &&
      !found.some((f) => m.index! < f.at + f.text.length && f.at < m.index! + m[0].length)
    ) {
      found.push({ at: m.index, text: m[0].trim() });
    }
  }
  return found.length
    ? found
        .sort((a, b) => a.at - b.at)
        .map((f) => f.text)
        .join(" ")
    : null;
}

/** A phone number the client typed, as they typed it (shown back to them) and for the task. */
export function phoneIn(text: string): string | null {
  for (const m of text.matchAll(/\+?\d[\d\s().\-–]{5,}\d/gu)) {
    const digits = m[0].replace(/\D/g, "");
    if (digits.length >= 9 && digits.length <= 15) return m[0].trim();
    // A local number without its country code ("99 123456", "555-12-34") is a phone only where the client says
    // it is one: "call me on …", "мой номер …".
    if (digits.length >= 7 && PHONE_CUE.test(text.slice(0, m.index))) return m[0].trim();
    // …or where it is written as one: three or more groups of two or three digits ("99-876-543", "555 12 34"),
    // which no price, date or time is.
    if (digits.length >= 7 && LOCAL_NUMBER.test(m[0].trim())) return m[0].trim();
  }
  return null;
}

const LOCAL_NUMBER = /^\d{2,3}(?:[\s-]\d{2,3}){2,}$/u;

const PHONE_CUE = /(?<![\p{L}])(?:on|at|number|phone|mobile|tel|номер\p{L}*|телефон\p{L}*|тел|по|на)\.?:?\s*$/iu;

const ACCEPT =
  /(?<![\p{L}])(?:да|давайте|подходит|подойдет|устраивает|хорошо|ок|okay|ok|yes|sure|fine|works|sounds good)(?![\p{L}])/u;

/** "11:00 подойдёт" after an offer: the one offered (or free) slot the client picks, if exactly one fits. */
export function pickedSlot(
  text: string,
  offered: readonly string[],
  free: readonly string[],
  today: string | undefined,
) {
  const minutes = clockTime(text);
  const day = today ? requestedDay(text, today) : null;
  const freeOffered = offered.filter((s) => free.includes(s));
  const pool = day ? free.filter((s) => onDay(s, day)) : freeOffered;
  if (minutes !== null) {
    const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
    const fits = pool.filter((s) => s.slice(11) === hhmm);
    return fits.length === 1 ? { slot: fits[0] } : { slot: null, named: true };
  }
  if (freeOffered.length === 1 && ACCEPT.test(text.toLowerCase())) return { slot: freeOffered[0] };
  return { slot: null, named: false };
}

const PARTS: [RegExp, (hour: number) => boolean][] = [
  [/(?<![\p{L}])(?:утр\p{L}*|с утра|до обеда|morning)(?![\p{L}])/u, (h) => h < 12],
  [/(?<![\p{L}])(?:после обеда|дн[её]м|в обед|afternoon|lunchtime)(?![\p{L}])/u, (h) => h >= 12 && h < 18],
  [/(?<![\p{L}])(?:вечер\p{L}*|evening|tonight|after work|после работы)(?![\p{L}])/u, (h) => h >= 17],
];

/** The part of the day the client asks for, as a test of a slot's hour; null when none is named. */
export function partOfDay(text: string): ((hour: number) => boolean) | null {
  const t = normalize(text);
  return PARTS.find(([pattern]) => pattern.test(t))?.[1] ?? null;
}

/** A date on the asked weekday for naming it ("на субботу"); the labels' own weekdays are all we know. */
export function nextWeekday(weekday: number, free: readonly string[]): string {
  const first = free[0].slice(0, 10);
  const [y, m, d] = first.split("-").map(Number);
  const start = new Date(Date.UTC(y, m - 1, d));
  for (let i = 0; i < 7; i++) {
    const day = new Date(start.getTime() + i * 86_400_000);
    if (((day.getUTCDay() + 6) % 7) + 1 === weekday) return day.toISOString().slice(0, 10);
  }
  return first;
}
