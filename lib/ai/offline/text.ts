import type { Language } from "@/lib/ai/analysis-schema";

export interface DialogMessage {
  direction: "in" | "out";
  text: string;
}

const CYRILLIC = /\p{Script=Cyrillic}/gu;
const LATIN = /\p{Script=Latin}/gu;

/**
 * Cyrillic share of the letters decides: Russian clients often paste Latin brand names ("Wildberries", "SMM"),
 * so a third of Cyrillic letters is enough for Russian.
 */
export function detectLanguage(text: string): Language {
  const cyr = text.match(CYRILLIC)?.length ?? 0;
  const lat = text.match(LATIN)?.length ?? 0;
  if (cyr + lat === 0) return "other";
  return cyr / (cyr + lat) >= 0.3 ? "ru" : lat > 0 ? "en" : "other";
}

/** Sentences, so an extracted answer is the client's own words and not the whole message. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function snippet(text: string, max = 140): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

const STOP = new Set(
  (
    "и в во на не что как а но да нет по с со к ко у о об от до за из для это вы вас вам ли же бы то там тут ещё еще " +
    "мне меня мы нас нам я он она они ваш ваша ваши у вас можно подскажите пожалуйста здравствуйте добрый день " +
    "the a an is are do does did you your we our i me my to of in on for at and or can could would is it be with " +
    "what how when where which there please hi hello"
  ).split(" "),
);

/**
 * Crude stems for keyword overlap: lowercase words without stop words, cut to 5 letters so Russian inflections
 * ("доставка", "доставку", "доставке") meet. Good enough to match a question to an FAQ entry; no morphology.
 */
export function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text
    .toLowerCase()
    .replace(/ё/g, "е")
    .match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (w.length < 3 || STOP.has(w)) continue;
    out.add(w.length > 5 ? w.slice(0, 5) : w);
  }
  return out;
}
