import type { ClientRole, Currency, FunnelStage, Niche } from "@/lib/ai/analysis-schema";

// The offline analysis written as a person would say it, in Russian or English: the niche by its name (never
// its code), the client's request quoted once, the budget as an amount, the stage as a sentence. Pure, so the
// Leads page can write the same summary in the viewer's language.

export type SummaryLocale = "ru" | "en";

export interface SummaryInput {
  niche: Niche | null;
  funnelStage: FunnelStage;
  isSpam: boolean;
  isOwner: boolean | null;
  role: ClientRole | null;
  need: string | null;
  budgetAmount: number | null;
  budgetCurrency: Currency | null;
  budgetMentioned: boolean;
}

const NICHE_NAMES: Record<Niche, { ru: string; en: string }> = {
  medicine: { ru: "медицина", en: "medicine" },
  infobusiness: { ru: "инфобизнес", en: "online courses" },
  education: { ru: "образование", en: "education" },
  beauty: { ru: "красота", en: "beauty" },
  construction: { ru: "ремонт и строительство", en: "renovation and construction" },
  ecommerce: { ru: "интернет-торговля", en: "e-commerce" },
  marketing: { ru: "маркетинг", en: "marketing" },
  real_estate: { ru: "недвижимость", en: "real estate" },
  other: { ru: "другое", en: "other" },
};

const STAGE_SENTENCES: Record<FunnelStage, { ru: string; en: string; nextRu: string; nextEn: string }> = {
  new_lead: {
    ru: "Разговор только начался, задача и бюджет ещё не ясны.",
    en: "The conversation has just started; the need and budget are not clear yet.",
    nextRu: "Задать квалификационные вопросы: задача, бюджет, кто решает, сроки.",
    nextEn: "Ask the qualification questions: need, budget, decision maker, timeline.",
  },
  not_qualified: {
    ru: "Запрос не подходит под услуги компании.",
    en: "The request is not a fit for the business.",
    nextRu: "Вежливо закрыть диалог или предложить подходящий вариант.",
    nextEn: "Close politely or offer a fitting alternative.",
  },
  qualified: {
    ru: "Клиент квалифицирован, консультация ещё не назначена.",
    en: "The client is qualified; no consultation is booked yet.",
    nextRu: "Предложить консультацию и назначить время.",
    nextEn: "Offer a consultation and book a time.",
  },
  consultation_booked: {
    ru: "Клиент записан на консультацию.",
    en: "The client has a consultation booked.",
    nextRu: "Напомнить о встрече накануне.",
    nextEn: "Send a reminder the day before.",
  },
  consultation_completed: {
    ru: "Консультация уже прошла, клиент обсуждает следующие шаги.",
    en: "The consultation has taken place and the client is discussing next steps.",
    nextRu: "Отправить предложение и договориться об оплате.",
    nextEn: "Send the proposal and agree on payment.",
  },
  deal_closed: {
    ru: "Сделка закрыта: клиент оплатил или подписал договор.",
    en: "The deal is closed: the client has paid or signed.",
    nextRu: "Передать в работу и попросить отзыв.",
    nextEn: "Hand over to delivery and ask for a review.",
  },
  deal_lost: {
    ru: "Клиент отказался.",
    en: "The client has declined.",
    nextRu: "Узнать причину отказа, вернуться через месяц.",
    nextEn: "Ask why, follow up in a month.",
  },
};

export function nicheName(niche: Niche, locale: SummaryLocale): string {
  return NICHE_NAMES[niche][locale];
}

export function formatMoney(amount: number, currency: Currency | null, locale: SummaryLocale): string {
  const tag = locale === "ru" ? "ru-RU" : "en-US";
  return currency
    ? new Intl.NumberFormat(tag, { style: "currency", currency, maximumFractionDigits: 0 }).format(amount)
    : new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }).format(amount);
}

/** A quote without the punctuation it ended with, so the sentence around it does not end "?.". */
function quoted(text: string, locale: SummaryLocale): string {
  const t = text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\s.,;:!?…]+$/u, "");
  return locale === "ru" ? `«${t}»` : `“${t}”`;
}

function who(i: SummaryInput, l: SummaryLocale): string {
  const niche = i.niche && i.niche !== "other" ? nicheName(i.niche, l) : null;
  if (l === "ru") {
    const person =
      i.role === "targetologist"
        ? "Таргетолог"
        : i.role === "smm"
          ? "SMM-специалист"
          : i.isOwner
            ? "Владелец бизнеса"
            : i.role === "manager" || i.role === "marketer"
              ? "Сотрудник компании"
              : i.role === "private_client"
                ? "Частный клиент"
                : "Клиент";
    return niche ? `${person}, сфера — ${niche}.` : `${person}.`;
  }
  const person =
    i.role === "targetologist"
      ? "A targeting specialist"
      : i.role === "smm"
        ? "An SMM specialist"
        : i.isOwner
          ? "A business owner"
          : i.role === "manager" || i.role === "marketer"
            ? "An employee of the client's company"
            : i.role === "private_client"
              ? "A private client"
              : "A client";
  return niche ? `${person} in ${niche}.` : `${person}.`;
}

export function writeSummary(i: SummaryInput, l: SummaryLocale): { summary: string; nextBestAction: string } {
  if (i.isSpam) {
    return l === "ru"
      ? {
          summary: "Это не клиент: отправитель предлагает свои услуги или рассылает спам.",
          nextBestAction: "Не тратить время менеджера; при необходимости пометить как спам.",
        }
      : {
          summary: "Not a client: the sender is pitching their own services or sending spam.",
          nextBestAction: "Do not spend a manager's time on it; mark it as spam if needed.",
        };
  }
  const stage = STAGE_SENTENCES[i.funnelStage];
  const parts = [who(i, l)];
  if (i.need) parts.push(l === "ru" ? `Запрос: ${quoted(i.need, l)}.` : `Request: ${quoted(i.need, l)}.`);
  if (i.budgetAmount !== null) {
    const money = formatMoney(i.budgetAmount, i.budgetCurrency, l);
    parts.push(l === "ru" ? `Бюджет — ${money}.` : `Budget: ${money}.`);
  } else if (i.budgetMentioned) {
    parts.push(l === "ru" ? "Бюджет назван без суммы." : "A budget is mentioned without a figure.");
  }
  parts.push(l === "ru" ? stage.ru : stage.en);
  return { summary: parts.join(" "), nextBestAction: l === "ru" ? stage.nextRu : stage.nextEn };
}
