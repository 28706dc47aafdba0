import { describe, expect, it } from "vitest";
import { offlineReply } from "@/lib/ai/offline/reply";
import { clockTime, phoneIn, preferredTime } from "@/lib/ai/offline/when";
import { countsIn, variantFit } from "@/lib/ai/offline/variants";
import { businessProfileSchema } from "@/lib/ai/profile-schema";

// The kinds of holdout5's wrong answers, each on a profile of its own words, and the withheld kinds since
// answered: a rule is kept only as long as these still tell it from its neighbours.

const slots = ["2026-12-08 10:00", "2026-12-08 15:30", "2026-12-09 12:00", "2026-12-10 18:00", "2026-12-12 11:00"];
const reply = (profile: unknown, text: string) =>
  offlineReply(businessProfileSchema.parse(profile), [{ direction: "in", text }], { slots, today: "2026-12-07" });

const salon = {
  company: "Лапки",
  description: "Груминг кошек и собак",
  services: [
    { name: "Комплексный груминг мелких пород (до 5 кг)", price: "2 500 ₽" },
    { name: "Комплексный груминг средних пород (5–15 кг)", price: "3 500 ₽" },
    { name: "Стрижка кошки", price: "3 000 ₽" },
    { name: "Детская стрижка", price: "800 ₽" },
    { name: "Стрижка взрослая", price: "1 500 ₽" },
  ],
  workingHours: "Пн–Сб 10:00–20:00",
  faq: [
    { q: "Нужны ли прививки?", a: "Да, обязательна прививка от бешенства." },
    { q: "Что если опоздал?", a: "Можно перенести визит, предупредив за 24 часа." },
    { q: "How can I pay?", a: "By card or cash." },
    { q: "Выдаете ли вы сертификат?", a: "Да, подарочный сертификат салона." },
  ],
};
const ask = (text: string) => reply(salon, text);

describe("offline replies: holdout5's kinds", () => {
  it("hands off a named day with no free slot, the nearest slots in the draft", () => {
    const r = ask("запишите на пятницу утром");
    expect(r).toMatchObject({ kind: "handoff", reason: "slot_unavailable", intent: "booking" });
    expect(r.draft).toContain("10:00");
    expect(ask("запишите на среду")).toMatchObject({ kind: "answer", fact: { text: "2026-12-09 12:00" } });
    expect(reply({ ...salon, company: "Paws" }, "book me for sunday please")).toMatchObject({ kind: "handoff" });
  });

  it("reads a bare hour after «на» as a time, not a count", () => {
    expect(clockTime("запишите на 12")).toBe(12 * 60);
    expect(clockTime("на 12 человек")).toBeNull();
    expect(clockTime("на 2 часа")).toBeNull();
    expect(clockTime("на 12 декабря")).toBeNull();
  });

  it("takes a local number written in groups and «с утра» as the call-back", () => {
    expect(phoneIn("перезвоните мне 99-876-543")).toBe("99-876-543");
    expect(phoneIn("бюджет 3000-5000")).toBeNull();
    expect(preferredTime("перезвоните мне завтра с утра")).toBe("завтра с утра");
    expect(ask("перезвоните мне 99-876-543")).toMatchObject({ kind: "callback", fact: { text: "99-876-543" } });
  });

  it("does not give one kind of client's price for another's", () => {
    expect(ask("детская стрижка сколько стоит")).toMatchObject({
      kind: "answer",
      fact: { text: "Детская стрижка: 800 ₽" },
    });
    expect(ask("стрижку ребенку делаете? сколько стоит")).not.toMatchObject({
      fact: { text: "Стрижка взрослая: 1 500 ₽" },
    });
  });

  it("withholds an FAQ entry sharing a word with another question", () => {
    expect(ask("прививку от бешенства у вас можно сделать?")).toMatchObject({ kind: "handoff" });
    expect(ask("прививки нужны?")).toMatchObject({ kind: "answer", fact: { text: "Нужны ли прививки?" } });
    expect(ask("сколько длится опоздание?")).toMatchObject({ kind: "handoff" });
    expect(ask("can i pay in installments")).toMatchObject({ kind: "handoff" });
    expect(ask("how can i pay")).toMatchObject({ kind: "answer", fact: { text: "How can I pay?" } });
    expect(ask("вы выдаете сертификат FCI?")).toMatchObject({ kind: "handoff" });
  });

  it("prices the variant whose span holds the client's count", () => {
    expect(countsIn("бигль 12 кг")).toEqual([{ n: 12, unit: "u:kg" }]);
    expect(variantFit(countsIn("12 кг"), "Комплексный груминг средних пород (5–15 кг)")).toBe(1);
    expect(variantFit(countsIn("12 кг"), "Комплексный груминг мелких пород (до 5 кг)")).toBe(-1);
    expect(variantFit(countsIn("25 roses"), "Bouquet of 25 red roses")).toBe(1);
    expect(variantFit(countsIn("25 roses"), "Bouquet of 11 red roses")).toBe(-1);
    expect(ask("бигль 12 кг комплексный груминг цена")).toMatchObject({
      kind: "answer",
      fact: { text: "Комплексный груминг средних пород (5–15 кг): 3 500 ₽" },
    });
  });

  it("books a place asked for on a named day and hour", () => {
    expect(ask("в четверг в 18 есть место?")).toMatchObject({ kind: "answer", fact: { text: "2026-12-10 18:00" } });
    expect(ask("в пятницу в 18 есть место?")).toMatchObject({ kind: "handoff" });
  });

  it("answers how long a thing takes from the entry on lead times that names it, and only that", () => {
    const workshop = {
      company: "Мастерская Дуб",
      description: "Кухни и шкафы на заказ",
      services: [{ name: "Кухня на заказ", price: "от 25 000 ₽ за погонный метр" }],
      faq: [{ q: "Сколько времени изготавливается мебель?", a: "Кухни и шкафы — 30–45 рабочих дней." }],
    };
    expect(reply(workshop, "сколько по времени делается кухня")).toMatchObject({
      kind: "answer",
      fact: { text: "Сколько времени изготавливается мебель?" },
    });
    expect(reply(workshop, "сколько по времени делается кухня из бетона?")).toMatchObject({ kind: "handoff" });
  });
});
