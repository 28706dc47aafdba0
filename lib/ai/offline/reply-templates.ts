import type { Language } from "@/lib/ai/analysis-schema";

// The offline engine's sentences, in the two languages it answers in. Facts come from the profile verbatim
// (localised word for word where they must be); these only frame them.

export type Lang = "ru" | "en";
export const langOf = (language: Language): Lang => (language === "en" ? "en" : "ru");

const whenHours = (lang: Lang, hours: string | null) =>
  lang === "ru"
    ? hours
      ? ` в рабочее время (${hours})`
      : " в ближайшее рабочее время"
    : hours
      ? ` during working hours (${hours})`
      : " during working hours";

const dayFormat = (lang: Lang) =>
  new Intl.DateTimeFormat(lang === "ru" ? "ru-RU" : "en-GB", {
    weekday: "short",
    day: "numeric",
    month: "long",
    timeZone: "UTC",
  });

/** "сб, 12 декабря" / "Sat 12 December" for a YYYY-MM-DD label. */
export function dayName(lang: Lang, date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return dayFormat(lang).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Slot labels ("YYYY-MM-DD HH:MM") grouped by day, one line each. */
export function slotLines(lang: Lang, labels: string[]): string {
  const byDay = new Map<string, string[]>();
  for (const l of labels) byDay.set(l.slice(0, 10), [...(byDay.get(l.slice(0, 10)) ?? []), l.slice(11)]);
  return [...byDay].map(([day, times]) => `• ${dayName(lang, day)}: ${times.join(", ")}`).join("\n");
}

export const slotWhen = (lang: Lang, label: string) => `${dayName(lang, label.slice(0, 10))}, ${label.slice(11)}`;

/** A fact quoted at the end of a sentence, without its own full stop. */
const bare = (fact: string) => fact.replace(/[.\s]+$/u, "");

export const TEMPLATES = {
  ru: {
    handoff: (hours: string | null) =>
      `Спасибо за вопрос! Передаю его менеджеру — он ответит вам${whenHours("ru", hours)}.`,
    human: (hours: string | null) => `Подключаю менеджера — он ответит вам в этом чате${whenHours("ru", hours)}.`,
    hours: (company: string, hours: string) => `${company} работает: ${hours}.`,
    price: (name: string, price: string) => `${name} — ${bare(price)}.`,
    prices: (lines: string) => `Наши цены:\n${lines}\nПодскажите, что именно вас интересует?`,
    area: (area: string) => `Мы работаем: ${bare(area)}.`,
    areaYes: (area: string) => `Да, работаем. Наша зона выезда: ${bare(area)}.`,
    address: (area: string) => `Наш адрес: ${bare(area)}.`,
    slots: (lines: string) => `Свободное время для записи:\n${lines}\nКакое время вам удобно?`,
    noSlotsThatDay: (day: string, lines: string) =>
      `На ${day} свободного времени нет. Ближайшее свободное время:\n${lines}\nКакое вам удобно?`,
    noSlotAtTime: (lines: string) =>
      `К сожалению, это время уже занято. Ближайшее свободное время:\n${lines}\nКакое вам удобно?`,
    booked: (when: string) => `Готово, записали вас на ${when}. Если планы изменятся — просто напишите нам.`,
    callback: (phone: string | null, time: string | null) =>
      phone
        ? `Хорошо! Менеджер перезвонит вам по номеру ${phone}${time ? ` ${time}` : " в ближайшее рабочее время"}.`
        : `Хорошо! Менеджер перезвонит вам${time ? ` ${time}` : " в ближайшее рабочее время"}. Напишите, пожалуйста, номер телефона, по которому вам удобно ответить.`,
  },
  en: {
    handoff: (hours: string | null) =>
      `Thank you for your question! I'm passing it to a manager, who will reply${whenHours("en", hours)}.`,
    human: (hours: string | null) =>
      `I'm connecting you with a manager, who will reply in this chat${whenHours("en", hours)}.`,
    hours: (company: string, hours: string) => `${company} is open: ${hours}.`,
    price: (name: string, price: string) => `${name}: ${bare(price)}.`,
    prices: (lines: string) => `Our prices:\n${lines}\nWhich one are you interested in?`,
    area: (area: string) => `Our service area: ${bare(area)}.`,
    areaYes: (area: string) => `Yes, we do. Our service area: ${bare(area)}.`,
    address: (area: string) => `Where to find us: ${bare(area)}.`,
    slots: (lines: string) => `Free times to book:\n${lines}\nWhich one suits you?`,
    noSlotsThatDay: (day: string, lines: string) =>
      `There are no free times on ${day}. The nearest free times:\n${lines}\nWhich one suits you?`,
    noSlotAtTime: (lines: string) =>
      `Sorry, that time is not free. The nearest free times:\n${lines}\nWhich one suits you?`,
    booked: (when: string) => `Done — you're booked for ${when}. If your plans change, just let us know.`,
    callback: (phone: string | null, time: string | null) =>
      phone
        ? `Sure! A manager will call you back at ${phone}${time ? ` ${time}` : " during working hours"}.`
        : `Sure! A manager will call you back${time ? ` ${time}` : " during working hours"}. Please send the phone number we should call.`,
  },
} satisfies Record<Lang, unknown>;
