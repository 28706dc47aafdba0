import type { Language } from "@/lib/ai/analysis-schema";
import type { BusinessProfile } from "@/lib/ai/profile-schema";
import { detectLanguage, stems, type DialogMessage } from "./text";

export type OfflineReply =
  | {
      kind: "answer";
      engine: "offline";
      language: Language;
      text: string;
      source: "faq" | "hours" | "prices";
      faqIndex?: number;
    }
  | { kind: "handoff"; engine: "offline"; language: Language; text: string; reason: "no_match" | "no_question" };

const HOURS =
  /график|часы работы|во сколько|до скольки|работаете|открыт|выходн|opening hours|open(ed)?\b|hours|close|weekend/iu;
const PRICES = /цен|стоит|стоимост|прайс|расценк|сколько|price|cost|how much|rates?\b/iu;

const TEMPLATES = {
  ru: {
    hours: (company: string, hours: string) => `${company} работает: ${hours}.`,
    prices: (lines: string) => `Наши цены:\n${lines}\nПодскажите, что именно вас интересует?`,
    handoff: "Спасибо за вопрос! Передаю его менеджеру — он ответит вам в ближайшее рабочее время.",
  },
  en: {
    hours: (company: string, hours: string) => `${company} is open: ${hours}.`,
    prices: (lines: string) => `Our prices:\n${lines}\nWhich one are you interested in?`,
    handoff: "Thank you for your question! I'm passing it to a manager, who will reply during working hours.",
  },
};

/** Share of the FAQ question's stems found in the client's message; below this the match is a guess. */
const MIN_OVERLAP = 0.5;

function bestFaq(profile: BusinessProfile, question: Set<string>, lang: Language) {
  let best: { index: number; score: number } | null = null;
  profile.faq.forEach((entry, index) => {
    // An answer in another language cannot be translated offline, so only same-language entries are candidates.
    if (lang !== "other" && detectLanguage(entry.a) !== lang) return;
    const keys = stems(entry.q);
    if (keys.size === 0) return;
    let hits = 0;
    for (const k of keys) if (question.has(k)) hits++;
    // Hits count first, then coverage: two shared words beat one word of a one-word question.
    const score = hits >= 2 || hits / keys.size >= MIN_OVERLAP ? hits + hits / keys.size : 0;
    if (score > 0 && (!best || score > best.score)) best = { index, score };
  });
  return best as { index: number; score: number } | null;
}

/**
 * A template answer from the business profile only: the best-matching FAQ entry, the working hours or the price
 * list; anything else is handed to a human in the client's language. It never composes facts of its own.
 */
export function offlineReply(profile: BusinessProfile, history: DialogMessage[]): OfflineReply {
  const lastIn = [...history].reverse().find((m) => m.direction === "in");
  const clientText = history
    .filter((m) => m.direction === "in")
    .map((m) => m.text)
    .join("\n");
  const language = detectLanguage(clientText || lastIn?.text || "");
  const t = TEMPLATES[language === "en" ? "en" : "ru"];
  if (!lastIn || stems(lastIn.text).size === 0) {
    return { kind: "handoff", engine: "offline", language, text: t.handoff, reason: "no_question" };
  }

  const faq = bestFaq(profile, stems(lastIn.text), language);
  if (faq) {
    return {
      kind: "answer",
      engine: "offline",
      language,
      text: profile.faq[faq.index].a,
      source: "faq",
      faqIndex: faq.index,
    };
  }
  const sameLanguage = (s: string) => language === "other" || detectLanguage(s) === language;
  if (profile.workingHours && HOURS.test(lastIn.text) && sameLanguage(profile.workingHours)) {
    return {
      kind: "answer",
      engine: "offline",
      language,
      text: t.hours(profile.company, profile.workingHours),
      source: "hours",
    };
  }
  const priced = profile.services.filter((s) => s.price && sameLanguage(`${s.name} ${s.price}`));
  if (priced.length > 0 && PRICES.test(lastIn.text)) {
    const lines = priced.map((s) => `• ${s.name}: ${s.price}`).join("\n");
    return { kind: "answer", engine: "offline", language, text: t.prices(lines), source: "prices" };
  }
  return { kind: "handoff", engine: "offline", language, text: t.handoff, reason: "no_match" };
}
