import { describe, expect, it } from "vitest";
import { analyzeOffline, type DialogMessage } from "@/lib/ai/offline";
import { findMoney } from "@/lib/ai/offline/budget";
import { isPastForm, tokenize } from "@/lib/ai/offline/morph";
import { DEFAULT_SCORING_PRESET, scoreDialog } from "@/lib/ai/scoring";

// The kinds of dialog the second holdout missed, each read by a general rule (tense, turn pairs, a verb with its
// object) rather than by its own phrase: one dialog per kind in words none of the eval sets use, and the
// look-alike that must not trigger it. Each positive case reads differently on the rules before this round.

const i = (text: string): DialogMessage => ({ direction: "in", text });
const o = (text: string): DialogMessage => ({ direction: "out", text });
const stage = (...messages: DialogMessage[]) => analyzeOffline(messages).funnelStage;

describe("tense from the word's form", () => {
  it("Russian -л/-ла/-ли and English -ed or irregular pasts are past; nouns of that shape are not", () => {
    const past = (text: string) => tokenize(text).map(isPastForm);
    expect(past("созвон был полезный")).toEqual([false, true, false]);
    expect(past("пересмотрела запись")).toEqual([true, false]);
    expect(past("we discussed it")).toEqual([false, true, false]);
    expect(past("канал школа недели")).toEqual([false, false, false]);
  });
});

describe("a meeting that took place", () => {
  it("is named in the past tense or dated in the past, and quoted as the evidence", () => {
    const a = analyzeOffline([i("Пересмотрела запись нашей консультации"), i("в целом всё устраивает")]);
    expect(a.funnelStage).toBe("consultation_completed");
    expect(a.evidence.funnelStage).toBe("Пересмотрела запись нашей консультации");
    expect(stage(i("по позавчерашнему созвону: мы готовы"))).toBe("consultation_completed");
    expect(stage(i("hey, the audit on Monday was eye-opening"))).toBe("consultation_completed");
    expect(stage(i("Мы с вами общались в четверг, хочу продолжить"))).toBe("consultation_completed");
  });

  it("is not a meeting asked for, booked, missed or still ahead", () => {
    expect(stage(i("Вчера оставила заявку на консультацию, перезвоните"))).not.toBe("consultation_completed");
    expect(stage(i("I missed our call yesterday, sorry"))).not.toBe("consultation_completed");
    expect(stage(i("Директор решит после презентации"))).not.toBe("consultation_completed");
    expect(stage(i("Созвона не было, вы не позвонили"))).not.toBe("consultation_completed");
  });
});

describe("the business proposing and the client taking it", () => {
  it("a choice of two times, or a time named after a request to book, taken by the client, is a booking", () => {
    expect(stage(i("Нужна чистка зубов"), o("Ближайшее: вторник 12:00 или среда 16:30"), i("среда подходит"))).toBe(
      "consultation_booked",
    );
    expect(stage(i("can I get an appointment for a filling?"), o("Dr. Shah has 4pm Friday."), i("great, thanks"))).toBe(
      "consultation_booked",
    );
  });

  it("an infinitive is no booking: 'могу записать' is an offer, not 'записала'", () => {
    expect(stage(i("Сколько стоит маникюр?"), o("1500. Могу записать на пятницу"), i("подумаю"))).not.toBe(
      "consultation_booked",
    );
  });
});

describe("a client going elsewhere", () => {
  it("a hiring verb with another provider, staying with one's own, doing it oneself, pausing", () => {
    expect(stage(i("мы наняли своего маркетолога, спасибо"))).toBe("deal_lost");
    expect(stage(i("we've signed with a bigger studio downtown"))).toBe("deal_lost");
    expect(stage(i("продолжим с нынешним подрядчиком"))).toBe("deal_lost");
    expect(stage(i("жена сказала, сделаем сами"))).toBe("deal_lost");
    expect(stage(i("We need to pause this until spring"))).toBe("deal_lost");
  });

  it("finding the business itself, or forwarding its offer, is no loss", () => {
    expect(stage(i("нашла ваше агентство в гугле, нужна реклама"))).not.toBe("deal_lost");
    expect(stage(i("I'm the manager, I'll pass your proposal to the owner"))).not.toBe("deal_lost");
  });
});

describe("payment from its noun and its verb", () => {
  it("either order, the client's past or the business's receipt", () => {
    expect(stage(i("предоплату вчера вам перевела"))).toBe("deal_closed");
    expect(stage(i("Когда старт?"), o("Предоплату получили, стартуем в среду"))).toBe("deal_closed");
  });

  it("a process described, or a payment promised, is not a closed deal", () => {
    expect(stage(i("как вы работаете?"), o("Once the payment is received, we start"))).not.toBe("deal_closed");
    expect(stage(i("предоплату переведу завтра"))).not.toBe("deal_closed");
  });
});

describe("not a fit", () => {
  it("the business's minimum above the client's budget", () => {
    const a = analyzeOffline([i("Нужен сайт-визитка, бюджет 10 тысяч"), o("Минимальный проект у нас от 60 000 ₽")]);
    expect(a.funnelStage).toBe("not_qualified");
    expect(a.evidence.funnelStage).toBe("Минимальный проект у нас от 60 000 ₽");
  });

  it("a free product of the client's own is not asking for free work", () => {
    expect(stage(i("нужна реклама на бесплатный марафон, бюджет 200 тысяч"))).toBe("qualified");
  });
});

describe("who decides, and who is staff", () => {
  it("owner nouns with a first-person subject; a department head is staff", () => {
    expect(analyzeOffline([i("мы с мужем владельцы пекарни")]).isOwner).toBe(true);
    expect(analyzeOffline([i("вопросы денег решаю тоже я")]).isOwner).toBe(true);
    expect(analyzeOffline([i("я руководитель отдела маркетинга в клинике")]).isOwner).toBe(false);
  });

  it("an SMM named by what they do scores −30", () => {
    const a = analyzeOffline([i("I run the socials for a dental practice"), i("paid the invoice today")]);
    expect(a.role).toBe("smm");
    expect(scoreDialog(a, DEFAULT_SCORING_PRESET).interestLevel).toBe("warm");
  });
});

describe("budgets as people write them", () => {
  it.each([
    ["тыщи 3 есть", 3000],
    ["80 тыщ", 80000],
    ["полтора ляма", 1500000],
    ["пол-ляма", 500000],
    ["about 8 grand", 8000],
    ["60 тыр", 60000],
  ] as const)("%s → %d", (text, amount) => {
    expect(findMoney(text).map((m) => m.amount)).toEqual([amount]);
  });

  it("'тысяч 10 живых' counts followers, not money", () => {
    expect(findMoney("хочу тысяч 10 живых")).toEqual([]);
  });

  it("a figure right after a message that is only the budget word", () => {
    expect(analyzeOffline([i("need ads for my gym"), i("budget"), i("maybe 900 a month")]).budgetMentioned).toBe(true);
  });
});

describe("niche label conventions", () => {
  it("a pitch's niche is the sender's trade", () => {
    const a = analyzeOffline([i("Настроим вам рекламу в Яндексе, приведём 100 заявок за 10 дней, всего 9900 руб")]);
    expect(a.isSpam).toBe(true);
    expect(a.niche).toBe("marketing");
  });

  it("an agency of another trade is that trade; one's own marketing agency is marketing", () => {
    expect(analyzeOffline([i("у меня агентство недвижимости, нужны заявки")]).niche).toBe("real_estate");
    expect(analyzeOffline([i("we're a small content agency looking for a PPC partner")]).niche).toBe("marketing");
  });

  it("a business outside the niches is 'other' over a word it shares with one ('ресторан … кухни')", () => {
    expect(analyzeOffline([i("Я маркетолог сети ресторанов японской кухни")]).niche).toBe("other");
  });
});

// The kinds the fourth holdout missed, each in words none of the eval sets use, beside the look-alike that must
// not trigger it.
describe("the fourth holdout's kinds", () => {
  it("someone saying the decision is another's, with no budget or timing, is not qualified", () => {
    expect(stage(i("Я бухгалтер студии, хотим понять про рассрочку"), i("решать будет хозяйка"))).toBe("not_qualified");
    expect(stage(i("Do you integrate with Shopify?"), i("I'll check with the owner and come back"))).toBe(
      "not_qualified",
    );
    expect(stage(i("Нужна реклама для шиномонтажа"), i("это вопрос к шефу"))).toBe("not_qualified");
    expect(stage(i("how much is a booking widget?"), i("our physio makes the decisions, not me"))).toBe(
      "not_qualified",
    );
    expect(stage(i("Сколько стоит ламинирование?"), i("мне надо с женой посоветоваться"))).toBe("not_qualified");
  });

  it("but asking on the boss's behalf alone is a new lead, and a budget makes them qualified", () => {
    expect(stage(i("управляющий попросил узнать цены на таргет"))).toBe("new_lead");
    expect(stage(i("Решать будет директор, бюджет 80 тысяч в месяц"))).toBe("qualified");
    expect(stage(i("I own the bistro and I make the decisions"), i("need more bookings"))).not.toBe("not_qualified");
  });

  it("an offered time put off ('позже определимся') is no booking", () => {
    expect(
      stage(i("нужна съёмка каталога"), o("Можем встретиться в пятницу в 12:00?"), i("давайте потом определимся")),
    ).not.toBe("consultation_booked");
  });

  it("a meeting someone asked for is not a meeting held; one followed up by its weekday is", () => {
    expect(stage(i("Владелица попросила созвон с вами, когда удобно?"))).not.toBe("consultation_completed");
    expect(stage(i("following up from Thursday's demo"), i("the team liked it"))).toBe("consultation_completed");
  });

  it("other things coming first is a loss", () => {
    expect(stage(i("we talked last Tuesday"), i("honestly it's not a priority for us this year"))).toBe("deal_lost");
    expect(stage(i("созванивались в среду"), i("сейчас не до этого, открываем второй зал"))).toBe("deal_lost");
  });

  it("a mass offer to 'dear owner' with a loan, a guarantee or 'DM for pricing' is spam; asking for a quote is not", () => {
    expect(analyzeOffline([i("Уважаемый руководитель! Займы для бизнеса без залога, одобрение за час")]).isSpam).toBe(
      true,
    );
    expect(analyzeOffline([i("Dear business owner, guaranteed first page placement. DM for pricing")]).isSpam).toBe(
      true,
    );
    expect(analyzeOffline([i("do you give a free quote for a bathroom refit?")]).isSpam).toBe(false);
  });

  it("running ads for clients is a targetologist; running one's own is not", () => {
    const a = analyzeOffline([i("I run tiktok ads for a few bakeries"), i("one of them wants a chatbot")]);
    expect([a.role, a.funnelStage]).toEqual(["targetologist", "not_qualified"]);
    expect(analyzeOffline([i("I run Google ads for my gym myself")]).role).not.toBe("targetologist");
  });
});
