import { describe, expect, it } from "vitest";
import { offlineReply } from "@/lib/ai/offline/reply";
import { businessProfileSchema } from "@/lib/ai/profile-schema";

// The kinds of holdout9's wrong answers, each on a profile in words of its own (a photo centre, not the sets'
// businesses), beside the look-alike that must keep its answer.

const slots = ["2026-12-08 10:00", "2026-12-08 15:30", "2026-12-09 12:00", "2026-12-10 18:00", "2026-12-12 11:00"];
const centre = businessProfileSchema.parse({
  company: "Кадр",
  description: "Фотоцентр: печать фото, ксерокопии, фото на документы",
  services: [
    { name: "Ксерокопия А4", price: "8 ₽/лист" },
    { name: "Ксерокопия А3", price: "16 ₽/лист" },
    { name: "Фото на документы", price: "450 ₽ за 4 шт." },
    { name: "Печать на холсте", price: "от 1 900 ₽" },
  ],
  workingHours: "Пн–Сб 9:00–19:00",
  serviceArea: "Казань, ул. Баумана, 12 (м. Кремлёвская, рядом с ТЦ «Кольцо»)",
  faq: [
    { q: "Нужно ли записываться на фото на документы?", a: "Нет, принимаем в порядке очереди." },
    { q: "Сколько стоит доставка?", a: "Курьер по городу — 300 ₽." },
    { q: "Можно ли перенести заказ на другой день?", a: "Да, позвоните нам за день." },
  ],
});
const ask = (text: string) => offlineReply(centre, [{ direction: "in", text }], { slots, today: "2026-12-07" });

describe("offline replies: holdout9's kinds", () => {
  it("reads a size code typed in Cyrillic and picks the variant it names", () => {
    expect(ask("ксерокопия а3 почём?")).toMatchObject({ kind: "answer", fact: { text: "Ксерокопия А3: 16 ₽/лист" } });
    expect(ask("ксерокопия a4 сколько стоит?")).toMatchObject({
      kind: "answer",
      fact: { text: "Ксерокопия А4: 8 ₽/лист" },
    });
    expect(ask("ксерокопия а5 сколько стоит?")).toMatchObject({ kind: "handoff" });
    expect(ask("ксерокопия почём?")).toMatchObject({ kind: "handoff", reason: "ambiguous" });
  });

  it("answers whether one must book from the entry that says it, never with slots", () => {
    const r = ask("на фото на документы надо записываться или можно просто прийти?");
    expect(r).toMatchObject({
      kind: "answer",
      intent: "faq",
      fact: { text: "Нужно ли записываться на фото на документы?" },
    });
    // Another service than the entry's, or the entry in another language than the client's: a person answers.
    expect(ask("на печать на холсте нужно записываться?")).toMatchObject({ kind: "handoff" });
    expect(ask("do i need to book?")).toMatchObject({ kind: "handoff" });
    expect(ask("запишите на фото на документы в среду")).toMatchObject({ kind: "answer", intent: "booking" });
  });

  it("hands a booking with a named member of staff to a person", () => {
    expect(ask("запишите к фотографу Олегу в среду")).toMatchObject({ kind: "handoff", intent: "booking" });
    expect(ask("запишите к Олегу в среду")).toMatchObject({ kind: "handoff", intent: "booking" });
  });

  it("hands a request to confirm the client's own change to a person", () => {
    expect(ask("мы перенесли заказ на другой день, подтвердите что перенос прошёл")).toMatchObject({ kind: "handoff" });
    expect(ask("можно перенести заказ на другой день?")).toMatchObject({
      kind: "answer",
      fact: { text: "Можно ли перенести заказ на другой день?" },
    });
  });

  it("reads a bare «сколько» before a service as its price, not before anything else", () => {
    expect(ask("сколько печать на холсте?")).toMatchObject({ kind: "answer", intent: "price" });
    const both = ask("сколько фото на документы и надо ли записываться?");
    expect(both).toMatchObject({
      kind: "answer",
      intent: "price",
      fact: { text: "Фото на документы: 450 ₽ за 4 шт." },
    });
    expect(both.text).toContain("в порядке очереди");
    expect(ask("сколько человек в очереди?")).toMatchObject({ kind: "handoff" });
    expect(ask("сколько по времени печать на холсте?")).not.toMatchObject({ intent: "price" });
  });

  it("withholds an entry for a deadline it does not speak of", () => {
    expect(ask("доставка за час сколько стоит? срочно")).toMatchObject({ kind: "handoff" });
    expect(ask("сколько стоит доставка?")).toMatchObject({ kind: "answer", fact: { text: "Сколько стоит доставка?" } });
  });

  it("ends a price that ends with an abbreviation with one full stop", () => {
    expect(ask("фото на документы сколько стоит?").text).toBe("Фото на документы — 450 ₽ за 4 шт.");
  });

  it("answers «are you near» a landmark or metro station the address names, and only those", () => {
    for (const q of ["вы возле кремлевской?", "вы возле метро кремлёвская?", "вы рядом с кольцом?"])
      expect(ask(q), q).toMatchObject({ kind: "answer", intent: "area" });
    expect(ask("вы возле метро суконная слобода?")).toMatchObject({ kind: "handoff", reason: "unknown_place" });
    // "Где студия находится?": the place asked for between "где" and "находится".
    expect(ask("где фотоцентр находится?")).toMatchObject({ kind: "answer", intent: "area" });
  });

  it("reads a role before the verb, a bare «call» before a number and a price by the unit", () => {
    expect(ask("можно мне с руководителем поговорить")).toMatchObject({ kind: "human" });
    expect(ask("pls call +7 900 123 45 67 tomorrow")).toMatchObject({
      kind: "callback",
      fact: { text: "+7 900 123 45 67" },
    });
    expect(ask("ксерокопия а4 сколько за лист")).toMatchObject({ kind: "answer", intent: "price" });
  });
});
