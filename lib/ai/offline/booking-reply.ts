import type { Language } from "@/lib/ai/analysis-schema";
import type { BusinessProfile } from "@/lib/ai/profile-schema";
import { subjectOf, type Candidate, type Fact } from "./answers";
import { asksAboutBooking } from "./intents";
import { hasMatch, languageOf, normalize, terms } from "./reply-text";
import { act, handoff, OFFER, type Base, type OfflineReply, type ReplyOptions } from "./reply-build";
import { dayName, langOf, slotLines, TEMPLATES } from "./reply-templates";
import { clockTime, nextWeekday, onDay, partOfDay, requestedDay, sharesDay, weekdayOf } from "./when";

// A booking request answered from the free slots: the day, time or part of the day the client names, or a
// person's arranging it when no free slot fits.

/** No free slot fits what the client named: a person arranges it, their draft offering the nearest free slots. */
function unavailable(base: Base, free: readonly string[], draft: (lines: string) => string): OfflineReply {
  const nearest = free.slice(0, OFFER);
  return handoff(base, "slot_unavailable", {
    intent: "booking",
    source: "slots",
    fact: { type: "slots", text: nearest.join(", ") },
    draft: draft(slotLines(langOf(base.language), nearest)),
  });
}

/** The slots offered to the client. */
function offer(base: Base, slots: readonly string[]): OfflineReply {
  const offered = slots.slice(0, OFFER);
  const fact: Fact = { type: "slots", text: offered.join(", ") };
  const message = TEMPLATES[langOf(base.language)].slots(slotLines(langOf(base.language), offered));
  return act(base, "answer", message, {
    intent: "booking",
    source: "slots",
    fact,
    offeredSlots: offered,
    confidence: 0.9,
  });
}

export function booking(base: Base, text: string, options: ReplyOptions): OfflineReply {
  const t = TEMPLATES[langOf(base.language)];
  const lang = langOf(base.language);
  const free = options.slots ?? [];
  if (free.length === 0) return handoff(base, "no_slots", { intent: "booking" });
  const day = options.today ? requestedDay(text, options.today) : null;
  const thatDay = day ? free.filter((s) => onDay(s, day)) : [];
  // A time the client names is the one they can come at: other slots are no answer to "в 7 утра" or "friday at
  // 5pm". Only the free slot at that time is offered; none means a person arranges it.
  const minutes = clockTime(text);
  if (minutes !== null) {
    const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
    const atTime = (day ? thatDay : free).filter((s) => s.slice(11) === hhmm);
    return atTime.length === 0 ? unavailable(base, free, t.noSlotAtTime) : offer(base, atTime);
  }
  // A day the client names is the day they can come: other days' slots are no answer to "на пятницу", as other
  // times are none to "в 7 утра". A person arranges it; their draft offers the nearest free slots.
  if (day && thatDay.length === 0) {
    const dayLabel = "date" in day ? dayName(lang, day.date) : dayName(lang, nextWeekday(day.weekday, free));
    return unavailable(base, free, (lines) => t.noSlotsThatDay(dayLabel, lines));
  }
  // "На выходные": Saturday's and Sunday's slots, or a person's arranging it.
  const weekend = !day && /(?<![\p{L}])(?:выходн\p{L}*|weekends?)(?![\p{L}])/u.test(normalize(text));
  const weekendSlots = free.filter((s) => weekdayOf(s) >= 6);
  if (weekend && weekendSlots.length === 0) return unavailable(base, free, t.noSlotAtTime);
  // "Завтра после обеда", "thursday evening": that part of the day's slots, when it has any.
  const pool = day ? thatDay : weekend ? weekendSlots : free;
  const part = partOfDay(text);
  const inPart = part ? pool.filter((s) => part(Number(s.slice(11, 13)))) : [];
  return offer(base, inPart.length ? inPart : pool);
}

/**
 * An FAQ entry that asks the request itself on its day ("Можно ли заказать на выходные?" to "можно заказать
 * переезд на выходные?"): every word of its question is the client's.
 */
export function dayEntry(profile: BusinessProfile, text: string): Candidate | null {
  const said = terms(text);
  const index = profile.faq.findIndex((e) => sharesDay(text, e.q) && [...terms(e.q)].every((x) => hasMatch(said, x)));
  if (index < 0) return null;
  const entry = profile.faq[index];
  const fact: Fact = { type: "faq", text: entry.q, index };
  return { source: "faq", intent: "faq", text: entry.a, confidence: 0.9, match: 0.9, fact, reason: null };
}

/**
 * The one FAQ entry that says whether or what booking takes ("Нужна ли запись на проверку зрения?"), for a client
 * asking that ("надо записываться или можно просто прийти?"): their booking words are the intent's, so the entry
 * is not met by the subject. A service the client names must be the entry's own, and the entry in their language.
 */
export function bookingRuleEntry(profile: BusinessProfile, text: string, language: Language): Candidate | null {
  const rules = profile.faq.flatMap((e, index) => (asksAboutBooking(e.q) ? [{ e, index }] : []));
  if (rules.length !== 1) return null;
  const { e, index } = rules[0];
  if (language !== "other" && languageOf(e.a) !== language) return null;
  const own = terms(e.q);
  const services = new Set(profile.services.flatMap((s) => [...terms(s.name)]));
  if ([...subjectOf(text)].some((x) => services.has(x) && !hasMatch(own, x))) return null;
  const fact: Fact = { type: "faq", text: e.q, index };
  return { source: "faq", intent: "faq", text: e.a, confidence: 0.9, match: 0.9, fact, reason: null };
}
