import { describe, expect, it } from "vitest";
import { dialogAnalysisSchema } from "@/lib/ai/analysis-schema";
import { analyzeOffline, detectLanguage, offlineReply, type DialogMessage } from "@/lib/ai/offline";
import { businessProfileSchema } from "@/lib/ai/profile-schema";
import { DEFAULT_SCORING_PRESET, scoreDialog } from "@/lib/ai/scoring";

const i = (text: string): DialogMessage => ({ direction: "in", text });
const o = (text: string): DialogMessage => ({ direction: "out", text });

describe("offline language detection", () => {
  it("reads Russian with Latin brand names as Russian, English as English, emoji as other", () => {
    expect(detectLanguage("Продаю на Wildberries и Ozon, нужен SMM")).toBe("ru");
    expect(detectLanguage("Do you do bathroom remodels?")).toBe("en");
    expect(detectLanguage("👍 123")).toBe("other");
  });
});

describe("offline dialog analysis", () => {
  it("extracts seed 004's fields from a Russian dialog and answers in Russian", () => {
    const a = analyzeOffline([
      i("Добрый день! У меня стоматологическая клиника, нужны пациенты на имплантацию."),
      o("Какой бюджет и когда хотите начать?"),
      i("Бюджет 150 тысяч в месяц, начать хотим в следующем месяце."),
    ]);
    expect(() => dialogAnalysisSchema.parse(a)).not.toThrow();
    expect(a).toMatchObject({
      engine: "offline",
      language: "ru",
      niche: "medicine",
      isOwner: true,
      role: "owner",
      budgetMentioned: true,
      funnelStage: "qualified",
    });
    expect(a.qualification.q2).toMatch(/150 тысяч/);
    expect(a.qualification.q4).toMatch(/следующем месяце/);
    expect(a).toMatchObject({ budgetAmount: 150000, budgetCurrency: null });
    expect(a.summary).toMatch(/медицина/);
    expect(a.summary).toMatch(/Клиент квалифицирован/);
    // 30 qualified + 15 medicine + 10 owner + 10 budget
    expect(scoreDialog(a, DEFAULT_SCORING_PRESET)).toMatchObject({ score: 65, interestLevel: "warm" });
  });

  it("marks a targetologist as not qualified, and the score clamps to 0", () => {
    const a = analyzeOffline([i("Привет! Я таргетолог, ищу проекты на субподряд.")]);
    expect(a).toMatchObject({ role: "targetologist", niche: "marketing", funnelStage: "not_qualified" });
    expect(scoreDialog(a, DEFAULT_SCORING_PRESET).score).toBe(0);
  });

  it("a loss outranks an earlier booking", () => {
    const a = analyzeOffline([
      i("I'd like to book a consultation"),
      o("You're booked for Tuesday at 10am."),
      i("Sorry, we went with another agency."),
    ]);
    expect(a).toMatchObject({ language: "en", funnelStage: "deal_lost" });
  });

  it("does not read a time of day or a quoted price as the client's budget", () => {
    const a = analyzeOffline([
      i("Хочу записаться на маникюр в пятницу после 18."),
      o("Свободно 18:30 к мастеру Алине, стоимость 2500 ₽."),
    ]);
    expect(a.budgetMentioned).toBe(false);
    expect(a.budget).toBeNull();
  });

  it("a new lead with nothing qualified stays new_lead", () => {
    expect(analyzeOffline([i("Hi, do you help with Shopify stores?")]).funnelStage).toBe("new_lead");
  });
});

describe("offline template replies", () => {
  const profile = businessProfileSchema.parse({
    company: "СтройДом",
    services: [
      { name: "Ремонт санузла под ключ", price: "от 180 000 ₽" },
      { name: "Укладка плитки", price: "от 1 800 ₽/м²" },
    ],
    workingHours: "пн–сб с 9:00 до 20:00",
    faq: [
      { q: "Даёте ли вы гарантию на работы?", a: "Да, гарантия на все работы — 3 года, прописываем её в договоре." },
      { q: "Выезд замерщика платный?", a: "Замер и смета бесплатно в пределах Москвы." },
      { q: "Do you give a warranty?", a: "Yes, all our work comes with a 3-year warranty written into the contract." },
    ],
  });

  it("answers a Russian question from the matching FAQ entry, whatever the word forms", () => {
    const r = offlineReply(profile, [i("Здравствуйте! А гарантию на ремонт даёте?")]);
    expect(r).toMatchObject({ kind: "answer", engine: "offline", language: "ru", source: "faq", faqIndex: 0 });
    expect(r.text).toBe(profile.faq[0].a);
    const r2 = offlineReply(profile, [i("Сколько стоит выезд замерщика?")]);
    expect(r2).toMatchObject({ kind: "answer", faqIndex: 1 });
  });

  it("answers an English client from the English entry", () => {
    const r = offlineReply(profile, [i("Hi, do you give any warranty on the work?")]);
    expect(r).toMatchObject({ kind: "answer", language: "en", faqIndex: 2 });
  });

  it("quotes working hours and the price list from the profile", () => {
    expect(offlineReply(profile, [i("До скольки вы работаете в субботу?")])).toMatchObject({
      kind: "answer",
      source: "hours",
      text: "СтройДом работает: пн–сб с 9:00 до 20:00.",
    });
    const prices = offlineReply(profile, [i("Какие у вас цены?")]);
    expect(prices).toMatchObject({ kind: "answer", source: "prices" });
    expect(prices.text).toContain("Укладка плитки: от 1 800 ₽/м²");
  });

  it("hands off instead of inventing, in the client's language", () => {
    const ru = offlineReply(profile, [i("Вы можете перенести несущую стену?")]);
    expect(ru).toMatchObject({ kind: "handoff", reason: "no_match", language: "ru" });
    expect(ru.text).toMatch(/менеджеру/);
    const en = offlineReply(profile, [i("Can you move a load-bearing wall?")]);
    expect(en).toMatchObject({ kind: "handoff", language: "en" });
    expect(en.text).toMatch(/manager/);
    // Hours written in Russian reach an English client word for word ("пн–сб" → "Mon–Sat"), never half-Russian.
    expect(offlineReply(profile, [i("What are your opening hours?")])).toMatchObject({
      kind: "answer",
      source: "hours",
      text: "СтройДом is open: Mon–Sat from 9:00 to 20:00.",
    });
    expect(offlineReply(profile, [o("Здравствуйте!")])).toMatchObject({ kind: "handoff", reason: "no_question" });
  });
});
