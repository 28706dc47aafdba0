import { stemWord } from "@/lib/ai/offline/morph";

// What clients ask a sales team about, each topic with the words and phrases that name it in Russian and
// English. Phrases are matched on Snowball stems, so "стоит" / "стоят" / "стоимость" and "prices" / "price"
// need one entry each. Topics are tried in this order and the one with most matches wins; a tie goes to the
// earlier, so the specific ("сколько стоит доставка" is about delivery) comes before the general (price).

export type Topic = { id: string; phrases: string[] };

export const topics: Topic[] = [
  {
    id: "delivery",
    phrases: [
      "доставка",
      "доставить",
      "доставляете",
      "доставке",
      "привезти",
      "привезете",
      "курьер",
      "самовывоз",
      "delivery",
      "deliver",
      "shipping",
      "ship",
      "courier",
      "pickup",
    ],
  },
  {
    id: "discount",
    phrases: [
      "скидка",
      "скидки",
      "скидку",
      "акция",
      "акции",
      "промокод",
      "дешевле",
      "discount",
      "promo",
      "sale",
      "coupon",
      "cheaper",
    ],
  },
  {
    id: "payment",
    phrases: [
      "оплата",
      "оплатить",
      "оплачивать",
      "рассрочка",
      "рассрочку",
      "кредит",
      "картой",
      "наличными",
      "перевод",
      "payment",
      "pay",
      "installment",
      "installments",
      "card",
      "cash",
      "invoice",
    ],
  },
  {
    id: "hours",
    phrases: [
      "график",
      "часы работы",
      "до скольки",
      "во сколько открываетесь",
      "во сколько закрываетесь",
      "работаете",
      "выходные",
      "opening hours",
      "open",
      "hours",
      "close",
      "weekend",
    ],
  },
  {
    id: "location",
    phrases: [
      "адрес",
      "где находитесь",
      "где вы",
      "как добраться",
      "куда приехать",
      "address",
      "location",
      "where are you",
      "located",
      "directions",
    ],
  },
  {
    id: "availability",
    phrases: [
      "в наличии",
      "наличие",
      "есть в наличии",
      "остались",
      "available",
      "availability",
      "in stock",
      "stock",
      "left",
    ],
  },
  {
    id: "booking",
    phrases: [
      "записаться",
      "запись",
      "записать",
      "забронировать",
      "бронь",
      "консультация",
      "консультацию",
      "book",
      "booking",
      "appointment",
      "reserve",
      "reservation",
      "consultation",
      "schedule",
    ],
  },
  {
    id: "warranty",
    phrases: ["гарантия", "гарантию", "гарантии", "warranty", "guarantee"],
  },
  {
    id: "refund",
    phrases: ["возврат", "вернуть", "обменять", "обмен", "refund", "return", "exchange", "money back"],
  },
  {
    id: "timing",
    phrases: [
      "сколько времени",
      "как долго",
      "срок",
      "сроки",
      "когда будет готово",
      "how long",
      "how soon",
      "when will",
      "ready",
      "deadline",
    ],
  },
  {
    id: "price",
    phrases: [
      "сколько стоит",
      "сколько стоят",
      "цена",
      "цену",
      "цены",
      "стоимость",
      "почем",
      "прайс",
      "расценки",
      "по чем",
      "how much",
      "price",
      "prices",
      "cost",
      "costs",
      "pricing",
      "rate",
      "rates",
      "fee",
      "quote",
    ],
  },
  {
    id: "contact",
    phrases: [
      "телефон",
      "номер",
      "позвонить",
      "перезвоните",
      "связаться",
      "менеджер",
      "phone",
      "number",
      "call",
      "call me",
      "contact",
      "manager",
    ],
  },
];

export type CompiledTopic = { id: string; phrases: string[][] };

export const compiledTopics: CompiledTopic[] = topics.map((t) => ({
  id: t.id,
  phrases: t.phrases.map((p) => p.toLowerCase().split(/\s+/).map(stemWord)),
}));

/** Words that carry no topic on their own, in either language. */
export const stopStems = new Set(
  (
    "а и в во на с со к ко о об от до по за из у же ли бы не ни да нет это этот эта эти то тот та что как так " +
    "вы вас вам ваш ваша ваши мы нас нам я меня мне мой моя ты он она они их его ее есть был была были будет " +
    "можно нужно надо хочу хотел хотела хотим подскажите скажите пожалуйста здравствуйте добрый день вечер " +
    "привет спасибо какой какая какие каком сколько где когда почему зачем кто чем ещё еще уже очень " +
    "the a an is are was were be do does did you your we our i me my it its this that these those of to in on " +
    "for with at by from and or can could would will please hi hello thanks thank what how where when which " +
    "why who there here have has any some about"
  )
    .split(/\s+/)
    .map(stemWord),
);
