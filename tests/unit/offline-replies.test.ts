import { describe, expect, it } from "vitest";
import { detectIntents } from "@/lib/ai/offline/intents";
import { localize } from "@/lib/ai/offline/localize";
import { AUTO_CONFIDENCE, offlineReply } from "@/lib/ai/offline/reply";
import { clockTime, phoneIn, preferredTime, requestedDay } from "@/lib/ai/offline/when";
import { businessProfileSchema } from "@/lib/ai/profile-schema";

// The confidence rules of the offline reply engine, on issue 13's renovation examples and their neighbours.

const profile = businessProfileSchema.parse({
  company: "РемСтрой",
  services: [
    { name: "Ремонт санузла под ключ", price: "от 180 000 ₽" },
    { name: "Ремонт кухни", price: "от 250 000 ₽" },
    { name: "Укладка ламината", price: "от 500 ₽/м²" },
  ],
  workingHours: "Пн–Сб 9:00–20:00",
  serviceArea: "Москва, Балашиха, Реутов",
  faq: [{ q: "Выезд замерщика платный?", a: "Замер бесплатный в пределах зоны выезда." }],
});
const slots = ["2026-12-08 10:00", "2026-12-12 10:00", "2026-12-12 11:00"];
const ask = (text: string, extra = {}) =>
  offlineReply(profile, [{ direction: "in", text }], { slots, today: "2026-12-07", ...extra });

describe("offline replies: one keyword no longer triggers a whole answer", () => {
  it("«how long» is a duration, not a price, and is withheld when the profile has no durations", () => {
    expect(detectIntents("Сколько времени займёт ремонт двушки?").map((h) => h.intent)).toEqual(["duration"]);
    expect(ask("Сколько времени займёт ремонт двушки?")).toMatchObject({ kind: "handoff", confident: false });
  });

  it("«do you work in <town>» is the service area, not the hours; a town not listed goes to a person", () => {
    expect(ask("Вы работаете в Балашихе?")).toMatchObject({ kind: "answer", intent: "area", fact: { type: "area" } });
    const other = ask("Вы работаете в Химках?");
    expect(other).toMatchObject({ kind: "handoff", reason: "unknown_place" });
    expect(other.draft).toBe("Мы работаем: Москва, Балашиха, Реутов.");
    expect(ask("Вы работаете в субботу?")).toMatchObject({ kind: "answer", intent: "hours" });
  });

  it("a booking request offers the free slots of the asked day, not the FAQ on the measurement's price", () => {
    const r = ask("Можно записаться на замер в субботу?");
    expect(r).toMatchObject({
      kind: "answer",
      intent: "booking",
      offeredSlots: ["2026-12-12 10:00", "2026-12-12 11:00"],
    });
    expect(r.text).toBe("Свободное время для записи:\n• сб, 12 декабря: 10:00, 11:00\nКакое время вам удобно?");
    const picked = ask("Давайте в 11:00", { offeredSlots: r.offeredSlots });
    expect(picked).toMatchObject({ kind: "book", slot: "2026-12-12 11:00" });
    // A time that was not offered is not booked by guess.
    expect(ask("Давайте в 15:00", { offeredSlots: r.offeredSlots })).toMatchObject({
      kind: "handoff",
      reason: "slot_unavailable",
    });
    expect(offlineReply(profile, [{ direction: "in", text: "Запишите меня" }], { slots: [] })).toMatchObject({
      kind: "handoff",
      reason: "no_slots",
    });
  });

  it("the price of the service asked about, not the list; the list only when no service is named", () => {
    expect(ask("Сколько стоит ремонт ванной?")).toMatchObject({
      kind: "answer",
      text: "Ремонт санузла под ключ — от 180 000 ₽.",
    });
    expect(ask("Какие у вас цены?")).toMatchObject({ kind: "answer", source: "prices" });
    expect(ask("Сколько стоит ремонт?")).toMatchObject({ kind: "handoff", reason: "ambiguous" });
    expect(ask("Сколько стоит покраска стен?")).toMatchObject({ kind: "handoff", reason: "not_in_profile" });
  });

  it("a call-back request names the time or the number, and a negated one is not a call-back", () => {
    expect(ask("Перезвоните завтра утром")).toMatchObject({
      kind: "callback",
      callback: { phone: null, preferredTime: "завтра утром" },
    });
    expect(ask("Перезвоните мне, +375 29 123-45-67, Олег", { contactPhone: "+79990000000" })).toMatchObject({
      kind: "callback",
      callback: { phone: "+375 29 123-45-67" },
      text: "Хорошо! Менеджер перезвонит вам по номеру +375 29 123-45-67 в ближайшее рабочее время.",
    });
    expect(ask("Не перезванивайте мне")).toMatchObject({ kind: "handoff", reason: "negated" });
  });

  it("asking for a person connects a manager in the client's language", () => {
    expect(ask("Хочу поговорить с живым человеком")).toMatchObject({ kind: "human" });
    expect(ask("Can I speak to a real person?").text).toMatch(/^I'm connecting you with a manager/);
  });

  it("matches an English question to a Russian-named service and quotes the figures word for word", () => {
    expect(ask("How much is laminate fitting?")).toMatchObject({
      kind: "answer",
      text: "Укладка ламината: from 500 ₽/m².",
    });
    // An area written in Russian cannot be said in English: withheld.
    expect(ask("Do you work in Balashikha?")).toMatchObject({ kind: "handoff", reason: "other_language" });
  });

  it("every answer sent is at or above the auto-mode bar", () => {
    for (const q of ["Сколько стоит ремонт ванной?", "Вы работаете в Балашихе?", "До скольки вы работаете?"]) {
      expect(ask(q).confidence).toBeGreaterThanOrEqual(AUTO_CONFIDENCE);
    }
  });
});

describe("offline replies: when and where", () => {
  it("reads days, clock times, call-back times and phone numbers as written", () => {
    expect(requestedDay("в субботу", "2026-12-07")).toEqual({ weekday: 6 });
    expect(requestedDay("завтра", "2026-12-31")).toEqual({ date: "2027-01-01" });
    expect(requestedDay("на 12 декабря", "2026-12-07")).toEqual({ date: "2026-12-12" });
    expect(clockTime("на 12 декабря в 11")).toBe(660);
    expect(clockTime("12.12 в 15.30")).toBe(930);
    expect(clockTime("at 3 pm")).toBe(900);
    expect(clockTime("12.12")).toBeNull();
    expect(preferredTime("call me tomorrow after 6 pm")).toBe("tomorrow after 6 pm");
    expect(phoneIn("номер 8 916 555 12 34, спасибо")).toBe("8 916 555 12 34");
    expect(phoneIn("квартира 45, этаж 3")).toBeNull();
    // A local number counts only where the client says it is one.
    expect(phoneIn("please call me on 99 123456")).toBe("99 123456");
    expect(phoneIn("заказ 1234567 готов?")).toBeNull();
    expect(clockTime("tomorrow at 3:30pm")).toBe(930);
    expect(clockTime("в среду вечером в 6")).toBe(1080);
    expect(clockTime("в 7 утра")).toBe(420);
  });

  it("a named time no free slot has goes to a person, with the nearest free times as the draft", () => {
    const taken = ask("Запишите на субботу на 13:00");
    expect(taken).toMatchObject({ kind: "handoff", reason: "slot_unavailable", intent: "booking" });
    expect(taken.draft).toContain("10:00");
    expect(ask("Запишите на субботу на 11:00")).toMatchObject({ kind: "answer", offeredSlots: ["2026-12-12 11:00"] });
    // A day without a named time still gets that day's slots, or the nearest ones.
    expect(ask("Запишите на замер на субботу").offeredSlots).toEqual(["2026-12-12 10:00", "2026-12-12 11:00"]);
  });

  it("localises hours and prices word for word, or refuses", () => {
    expect(localize("Пн–Сб 9:00–20:00", "en", "ru")).toBe("Mon–Sat 9:00–20:00");
    expect(localize("от 1 800 ₽ за м²", "en", "ru")).toBe("from 1 800 ₽ per m²");
    expect(localize("договорная", "en", "ru")).toBeNull();
    expect(localize("from $40/hour", "ru", "en")).toBe("от $40 в час");
  });
});

describe("offline replies: a place the area excludes", () => {
  const florist = businessProfileSchema.parse({
    company: "Bloom Flowers",
    services: [{ name: "Classic bouquet", price: "AED 250" }],
    workingHours: "Daily 9:00–21:00",
    serviceArea: "Dubai only: Downtown, Dubai Marina, JBR. No delivery to Sharjah or Abu Dhabi.",
    faq: [],
  });
  const asks = (text: string) => offlineReply(florist, [{ direction: "in", text }], { slots, today: "2026-12-07" });

  it("quotes the area without a yes for a place it names only to exclude, and says yes for one it serves", () => {
    const sharjah = asks("Do you deliver to Sharjah?");
    expect(sharjah.text).toContain("No delivery to Sharjah");
    expect(sharjah.text).not.toMatch(/^Yes/);
    expect(asks("Do you deliver to Dubai Marina?").text).toMatch(/^Yes/);
  });
});

describe("offline replies: an FAQ entry must be about what is asked, and parts come in the order asked", () => {
  const bikes = businessProfileSchema.parse({
    company: "Spoke Workshop",
    description: "Bike repair: tune-ups, brakes and e-bike diagnostics.",
    services: [
      { name: "Brake bleed (hydraulic disc brakes)", price: "€25 per brake" },
      { name: "E-bike diagnostics", price: "€30" },
    ],
    workingHours: "Tue–Sat 9:00–18:00",
    serviceArea: "Workshop at 12 Anexartisias St, Limassol.",
    faq: [
      { q: "How long does a service take?", a: "Tune-ups are done the same day; a full service takes 2–3 days." },
      { q: "Do you sell bikes?", a: "No, we only repair bikes." },
      { q: "Do you work on e-bikes?", a: "Yes, Bosch and Shimano." },
    ],
  });
  const bike = (text: string) => offlineReply(bikes, [{ direction: "in", text }]);

  it("withholds an entry met only by a verb beside another thing", () => {
    expect(bike("do you sell bike insurance?")).toMatchObject({ kind: "handoff" });
    expect(bike("how long does a brake bleed take?")).toMatchObject({ kind: "handoff" });
    expect(bike("is my bike ready?")).toMatchObject({ kind: "handoff" });
    expect(bike("do you sell bikes?")).toMatchObject({ kind: "answer", fact: { text: "Do you sell bikes?" } });
  });

  it("answers each part, the first question first", () => {
    const r = bike("do you work on e-bikes? and how much is the diagnostics?");
    expect(r).toMatchObject({ kind: "answer", fact: { text: "Do you work on e-bikes?" } });
    expect(r.text).toBe("Yes, Bosch and Shimano.\n\nE-bike diagnostics: €30.");
  });
});
