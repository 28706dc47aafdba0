import { describe, expect, it } from "vitest";
import { analyzeOffline, type DialogMessage } from "@/lib/ai/offline";
import { findMoney } from "@/lib/ai/offline/budget";
import { stemWord } from "@/lib/ai/offline/morph";
import { DEFAULT_SCORING_PRESET, scoreDialog } from "@/lib/ai/scoring";

// The offline engine's readings that issue 9 and 14 name, one dialog each.

const i = (text: string): DialogMessage => ({ direction: "in", text });
const o = (text: string): DialogMessage => ({ direction: "out", text });

describe("morphology", () => {
  it("stems Russian and English word forms with Snowball", () => {
    expect(stemWord("консультацию")).toBe(stemWord("консультации"));
    expect(stemWord("клиника")).toBe(stemWord("клиники"));
    expect(stemWord("booked")).toBe(stemWord("booking"));
  });
});

describe("budgets in the forms people write them", () => {
  it.each([
    ["1500$", 1500, "USD"],
    ["$1.5k", 1500, "USD"],
    ["150 тыс. руб", 150000, "RUB"],
    ["1,5 млн", 1500000, null],
    ["около 200к", 200000, null],
    ["до 3000 евро", 3000, "EUR"],
    ["100 000 ₽", 100000, "RUB"],
    ["$2,000", 2000, "USD"],
    ["10т.р.", 10000, "RUB"],
    ["2 тысячи долларов", 2000, "USD"],
    ["300 BYN", 300, "BYN"],
  ] as const)("%s → %d %s", (text, amount, currency) => {
    expect(findMoney(text).map((m) => [m.amount, m.currency])).toEqual([[amount, currency]]);
  });

  it("reads no money in a time, an area or a count", () => {
    expect(findMoney("в 18:30")).toEqual([]);
    expect(findMoney("50 м2")).toEqual([]);
    expect(findMoney("5 человек")).toEqual([]);
  });

  it("reads no money in a bare duration or count, but a currency word after a number still is money", () => {
    expect(findMoney("старт через 2 недели")).toEqual([]);
    expect(findMoney("about 400 leads a month")).toEqual([]);
    expect(findMoney("3000 dollars monthly").map((m) => m.amount)).toEqual([3000]);
  });

  it("stores the amount and currency, and the client's words as the evidence", () => {
    const a = analyzeOffline([i("Нужен ремонт кухни. Бюджет около 150 тыс. руб, начать хотим в марте.")]);
    expect(a).toMatchObject({ budgetMentioned: true, budgetAmount: 150000, budgetCurrency: "RUB" });
    expect(a.budget).toBe("Бюджет около 150 тыс. руб");
    expect(a.evidence.budget).toBe(a.budget);
  });
});

describe("turns, tense and negation", () => {
  it("the business's proposal followed by the client's acceptance is a booking", () => {
    const a = analyzeOffline([
      i("Здравствуйте, нужна реклама для стоматологии"),
      o("Давайте созвонимся. Могу предложить четверг в 11:00 или пятницу в 16:00."),
      i("да, давайте в четверг"),
    ]);
    expect(a.funnelStage).toBe("consultation_booked");
    expect(a.evidence.funnelStage).toBe("да, давайте в четверг");
  });

  it("a refused proposal is no booking", () => {
    const a = analyzeOffline([
      i("I'd like a full set of lashes, my budget is about $120."),
      o("We have Friday at 11am. Does that work?"),
      i("no, that doesn't work for me"),
    ]);
    expect(a.funnelStage).toBe("qualified");
  });

  it("«не записывайте» is not a booking request", () => {
    const a = analyzeOffline([
      i("Сколько стоит окрашивание? Готова потратить до 5000"),
      o("От 4500 ₽. Записать вас на субботу в 12:00?"),
      i("пока не записывайте, я подумаю"),
    ]);
    expect(a.funnelStage).toBe("qualified");
  });

  it("past tense: after yesterday's call the consultation is completed", () => {
    expect(analyzeOffline([i("После вчерашнего созвона обсудили с партнёром, готовы стартовать.")]).funnelStage).toBe(
      "consultation_completed",
    );
    expect(analyzeOffline([i("After our call yesterday we'd like to go ahead. Next steps?")]).funnelStage).toBe(
      "consultation_completed",
    );
  });

  it("«не владелец» is not the owner", () => {
    const a = analyzeOffline([i("Я не владелец, я администратор клиники.")]);
    expect(a.isOwner).toBe(false);
  });

  it("need and budget over several short messages still qualify", () => {
    const a = analyzeOffline([
      i("добрый"),
      i("нужен ремонт"),
      i("квартира 60 м"),
      o("Здравствуйте! Какой бюджет закладываете?"),
      i("800 тыс"),
      i("примерно"),
    ]);
    expect(a).toMatchObject({ funnelStage: "qualified", budgetAmount: 800000, niche: "construction" });
  });

  it("the answer to «what budget?» fills the budget question, a waited-for report is no timeline", () => {
    const a = analyzeOffline([
      i("Спасибо за замер. Жду отчёт и смету через неделю."),
      o("Какой бюджет на ремонт?"),
      i("до 1500 за метр"),
    ]);
    expect(a.qualification.q4).toBeNull();
    expect(a.qualification.q2).toMatch(/1500/);
  });

  it("a clinic with cosmetology is medicine, a nail studio is beauty", () => {
    expect(analyzeOffline([i("У нас клиника косметологии, врачи с медобразованием.")]).niche).toBe("medicine");
    expect(analyzeOffline([i("У меня студия маникюра и бровей.")]).niche).toBe("beauty");
  });
});

describe("the ways people say it, beyond the first rules' words", () => {
  it("bought elsewhere and selling up are losses; passing the info on is not", () => {
    expect(analyzeOffline([i("уже неактуально, заказали в другом месте")]).funnelStage).toBe("deal_lost");
    expect(analyzeOffline([i("Sorry, we won't be moving forward this year")]).funnelStage).toBe("deal_lost");
    expect(analyzeOffline([i("I'll pass your details on to our director")]).funnelStage).not.toBe("deal_lost");
  });

  it("a meeting told as past ('созвон был полезный', 'the demo was great') is completed", () => {
    expect(analyzeOffline([i("Вчерашний созвон был полезный, думаем")]).funnelStage).toBe("consultation_completed");
    expect(analyzeOffline([i("The demo was great, showing it to my partner")]).funnelStage).toBe(
      "consultation_completed",
    );
  });

  it("a contractor with the end client's agreed budget is qualified and takes the client's niche", () => {
    const a = analyzeOffline([i("Я таргетолог, веду стоматологическую клинику. Бюджет клиента 80 тысяч в месяц")]);
    expect(a).toMatchObject({ funnelStage: "qualified", niche: "medicine", role: "targetologist" });
    expect(analyzeOffline([i("Я таргетолог, ищу проекты")]).funnelStage).toBe("not_qualified");
  });

  it("a business that does not take the job makes the lead not a fit", () => {
    const a = analyzeOffline([
      i("Нужно повесить одну полку"),
      o("К сожалению, такие мелкие заказы мы не берём, только ремонт под ключ"),
    ]);
    expect(a.funnelStage).toBe("not_qualified");
  });

  it("a time hedged right beside it is no timeline yet; 'in 3 weeks' is one", () => {
    expect(analyzeOffline([i("Хочу рекламу для курса, запуск в октябре наверное")]).qualification.q4).toBeNull();
    expect(analyzeOffline([i("Our launch is in 3 weeks, need ads")]).qualification.q4).not.toBeNull();
  });

  it("a client's own agency is marketing", () => {
    expect(analyzeOffline([i("Мы небольшое агентство, ищем подрядчика на контекст")]).niche).toBe("marketing");
  });
});

describe("spam and pitches", () => {
  it("a backlink offer quoting $49 is spam: no budget, not qualified, cold", () => {
    const a = analyzeOffline([
      i("Hello, I noticed your website ranks on page 3. We offer dofollow backlinks for only $49 each."),
    ]);
    expect(a).toMatchObject({ isSpam: true, budgetMentioned: false, budgetAmount: null, funnelStage: "not_qualified" });
    const scored = scoreDialog(a, DEFAULT_SCORING_PRESET);
    expect(scored.interestLevel).toBe("cold");
    expect(scored.reasons.find((r) => r.rule === "spam")?.evidence).toMatch(/backlinks/);
  });

  it("a client asking the price is not spam", () => {
    expect(analyzeOffline([i("Сколько стоит продвижение сайта клиники? Бюджет 100 тысяч.")]).isSpam).toBe(false);
  });
});

describe("the summary reads like a person wrote it", () => {
  it("names the niche, never its code, and has no doubled punctuation", () => {
    const ru = analyzeOffline([i("Нужен ремонт ванной под ключ?"), o("Да! Бюджет?"), i("300 тысяч.")]);
    expect(ru.summary).toMatch(/ремонт и строительство/);
    expect(ru.summary).not.toMatch(/construction|\?\.|\.\.|[.!?]»/);
    const en = analyzeOffline([i("Hi, I run a dental clinic and need ads. Budget is $4k a month.")]);
    expect(en.summary).toMatch(/^A business owner in medicine\. Request: “.+”\. Budget: \$4,000\./);
    expect(en.summary).not.toMatch(/medicine.*medicine/);
  });
});
