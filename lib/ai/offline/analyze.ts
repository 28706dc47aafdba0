import {
  dialogAnalysisSchema,
  NICHES,
  type ClientRole,
  type DialogAnalysis,
  type FunnelStage,
  type Language,
  type Niche,
} from "@/lib/ai/analysis-schema";
import {
  BUDGET,
  DECIDER,
  NEED,
  NICHE_KEYWORDS,
  OWNER_NO,
  OWNER_YES,
  ROLE_PATTERNS,
  SELF_DESCRIPTION,
  STAGE_PATTERNS,
  TIMELINE,
} from "./rules";
import { detectLanguage, sentences, snippet, type DialogMessage } from "./text";

export type OfflineAnalysis = DialogAnalysis & { engine: "offline" };

function firstMatch(texts: string[], re: RegExp): string | null {
  for (const t of texts) for (const s of sentences(t)) if (re.test(s)) return snippet(s);
  return null;
}

function detectNiche(incoming: string[], outgoing: string[], role: ClientRole | null): Niche | null {
  if (role === "targetologist" || role === "smm") return "marketing";
  const scores = new Map<Niche, number>();
  const add = (text: string, factor: number) => {
    for (const niche of NICHES) {
      if (niche === "other" || niche === "marketing") continue;
      const { re, weight } = NICHE_KEYWORDS[niche];
      if (re.test(text)) scores.set(niche, (scores.get(niche) ?? 0) + weight * factor);
    }
  };
  for (const t of incoming) for (const s of sentences(t)) add(s, SELF_DESCRIPTION.test(s) ? 3 : 1);
  // The business's own words say what the dialog is about when the client says little.
  for (const t of outgoing) add(t, 0.5);
  let best: Niche | null = null;
  let bestScore = 0;
  for (const [niche, score] of scores) {
    if (score > bestScore) [best, bestScore] = [niche, score];
  }
  return best;
}

function detectRole(text: string, isOwner: boolean | null): ClientRole | null {
  if (ROLE_PATTERNS.targetologist.test(text)) return "targetologist";
  if (ROLE_PATTERNS.smm.test(text)) return "smm";
  if (isOwner) return "owner";
  if (ROLE_PATTERNS.marketer.test(text)) return "marketer";
  if (ROLE_PATTERNS.manager.test(text)) return "manager";
  if (ROLE_PATTERNS.privateClient.test(text)) return "private_client";
  return null;
}

function detectStage(
  inText: string,
  outText: string,
  q: DialogAnalysis["qualification"],
  role: ClientRole | null,
): FunnelStage {
  // Latest-in-funnel evidence wins, except that a loss outranks everything: "we paid elsewhere" is still lost.
  if (STAGE_PATTERNS.lost.test(inText)) return "deal_lost";
  if (STAGE_PATTERNS.closedIn.test(inText) || STAGE_PATTERNS.closedOut.test(outText)) return "deal_closed";
  if (STAGE_PATTERNS.completed.test(inText)) return "consultation_completed";
  if (STAGE_PATTERNS.bookedOut.test(outText) || STAGE_PATTERNS.bookedIn.test(inText)) return "consultation_booked";
  if (role === "targetologist" || role === "smm") return "not_qualified";
  if (STAGE_PATTERNS.notQualifiedIn.test(inText) || STAGE_PATTERNS.notQualifiedOut.test(outText))
    return "not_qualified";
  const answered = [q.q3, q.q4].filter((a) => a !== null).length;
  if (q.q2 !== null || answered === 2 || (answered === 1 && STAGE_PATTERNS.wantsBooking.test(inText))) {
    return "qualified";
  }
  return "new_lead";
}

const STAGE_TEXT: Record<FunnelStage, { ru: string; en: string; nextRu: string; nextEn: string }> = {
  new_lead: {
    ru: "новый лид",
    en: "new lead",
    nextRu: "Задать квалификационные вопросы: задача, бюджет, кто решает, сроки.",
    nextEn: "Ask the qualification questions: need, budget, decision maker, timeline.",
  },
  not_qualified: {
    ru: "не целевой",
    en: "not qualified",
    nextRu: "Вежливо закрыть диалог или предложить подходящий вариант.",
    nextEn: "Close politely or offer a fitting alternative.",
  },
  qualified: {
    ru: "квалифицирован",
    en: "qualified",
    nextRu: "Предложить консультацию и назначить время.",
    nextEn: "Offer a consultation and book a time.",
  },
  consultation_booked: {
    ru: "записан на консультацию",
    en: "consultation booked",
    nextRu: "Напомнить о встрече накануне.",
    nextEn: "Send a reminder the day before.",
  },
  consultation_completed: {
    ru: "консультация проведена",
    en: "consultation completed",
    nextRu: "Отправить предложение и договориться об оплате.",
    nextEn: "Send the proposal and agree on payment.",
  },
  deal_closed: {
    ru: "сделка закрыта",
    en: "deal closed",
    nextRu: "Передать в работу и попросить отзыв.",
    nextEn: "Hand over to delivery and ask for a review.",
  },
  deal_lost: {
    ru: "сделка потеряна",
    en: "deal lost",
    nextRu: "Узнать причину отказа, вернуться через месяц.",
    nextEn: "Ask why, follow up in a month.",
  },
};

function summarize(lang: Language, a: Omit<DialogAnalysis, "summary" | "nextBestAction">, need: string | null) {
  const t = STAGE_TEXT[a.funnelStage];
  if (lang === "ru") {
    const parts = [`Ниша: ${a.niche ?? "не определена"}. Этап: ${t.ru}.`];
    if (need) parts.push(`Запрос: «${need}».`);
    if (a.budget) parts.push(`Бюджет: ${a.budget}.`);
    return { summary: parts.join(" "), nextBestAction: t.nextRu };
  }
  const parts = [`Niche: ${a.niche ?? "unknown"}. Stage: ${t.en}.`];
  if (need) parts.push(`Request: "${need}".`);
  if (a.budget) parts.push(`Budget: ${a.budget}.`);
  return { summary: parts.join(" "), nextBestAction: t.nextEn };
}

/** The offline engine: seed 004's analysis from Russian and English keyword rules, no network. */
export function analyzeOffline(messages: DialogMessage[]): OfflineAnalysis {
  const incoming = messages.filter((m) => m.direction === "in").map((m) => m.text);
  const outgoing = messages.filter((m) => m.direction === "out").map((m) => m.text);
  const inText = incoming.join("\n");
  const outText = outgoing.join("\n");

  const language = detectLanguage(inText || outText);
  const ownerYes = OWNER_YES.test(inText);
  const isOwner = ownerYes ? true : OWNER_NO.test(inText) ? false : null;
  const budget = firstMatch(incoming, BUDGET);
  const need = firstMatch(incoming, NEED);
  const qualification = {
    q1: need,
    q2: budget,
    q3: firstMatch(incoming, ownerYes ? OWNER_YES : isOwner === false ? OWNER_NO : DECIDER),
    q4: firstMatch(incoming, TIMELINE),
  };
  const role = detectRole(inText, isOwner);
  const base = {
    language,
    niche: detectNiche(incoming, outgoing, role),
    qualification,
    isOwner,
    budgetMentioned: budget !== null,
    budget,
    role,
    funnelStage: detectStage(inText, outText, qualification, role),
  };
  const analysis = dialogAnalysisSchema.parse({ ...base, ...summarize(language, base, need) });
  return { ...analysis, engine: "offline" };
}
