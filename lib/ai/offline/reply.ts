import type { Language } from "@/lib/ai/analysis-schema";
import type { BusinessProfile } from "@/lib/ai/profile-schema";
import { addressCandidate, areaCandidate } from "./area";
import {
  faqCandidate,
  hoursCandidate,
  intentsFor,
  priceCandidate,
  type Candidate,
  type Fact,
  type Source,
} from "./answers";
import { AUTO_CONFIDENCE } from "./confidence";
import {
  asksAboutBooking,
  asksDiscount,
  detectIntents,
  isQuestion,
  namesParticular,
  type Intent,
  type IntentHit,
} from "./intents";
import { localizeHours } from "./localize";
import { faqsForParts, partAsking, partsCovered, questionParts } from "./parts";
import { hasMatch, languageOf, normalize, terms, words } from "./reply-text";
import { langOf, slotLines, slotWhen, TEMPLATES, dayName } from "./reply-templates";
import {
  clockTime,
  nextWeekday,
  onDay,
  partOfDay,
  phoneIn,
  pickedSlot,
  preferredTime,
  requestedDay,
  sharesDay,
  weekdayOf,
} from "./when";

// The offline engine's answer to the client's latest messages, with a confidence the caller acts on: in auto
// mode only a confident answer goes to the client; anything else is handed to a person, with the candidate left
// as their draft. Requests are what the assistant's tools do: a call-back, a booking from the free slots, a
// person. It never composes facts of its own — every fact is quoted from the business profile.

export interface DialogMessage {
  direction: "in" | "out";
  text: string;
  /** A client message the assistant already dealt with (a draft was made for it): not asked again. */
  answered?: boolean;
}

export { AUTO_CONFIDENCE };

export type HandoffReason =
  | "no_question"
  | "no_match"
  | "not_in_profile"
  | "ambiguous"
  | "other_language"
  | "unknown_place"
  | "unanswered_part"
  | "negated"
  | "no_slots"
  | "slot_unavailable";

export type ReplyOptions = {
  /** Free slot labels ("YYYY-MM-DD HH:MM", the organisation's wall clock), earliest first. */
  slots?: readonly string[];
  /** Today in the organisation's time zone (YYYY-MM-DD), for "завтра" and weekdays. */
  today?: string;
  /** The contact's known phone (WhatsApp, SMS), named in a call-back confirmation. */
  contactPhone?: string | null;
  /** Slots the assistant offered in its previous message, so "11:00 подойдёт" books one of them. */
  offeredSlots?: readonly string[];
};

export type OfflineReply = {
  engine: "offline";
  language: Language;
  /** answer: the text answers; callback / book / human: a request the caller carries out; handoff: withheld. */
  kind: "answer" | "callback" | "book" | "human" | "handoff";
  text: string;
  intent: Intent | "faq" | null;
  source: Source | "slots" | "booked" | "callback" | "human" | null;
  confidence: number;
  confident: boolean;
  fact: Fact | null;
  /** A withheld answer's candidate: a person's draft. */
  draft: string | null;
  reason: HandoffReason | null;
  faqIndex?: number;
  callback?: { phone: string | null; preferredTime: string | null };
  /** kind book: the slot label to book. */
  slot?: string;
  /** Slots this answer offers (kept with the message, for the client's pick). */
  offeredSlots?: string[];
};

/** Slots offered at once: enough choice, a short message. */
const OFFER = 4;

const hoursFor = (profile: BusinessProfile | null, language: Language) =>
  profile?.workingHours
    ? localizeHours(profile.workingHours, langOf(language), languageOf(profile.workingHours))
    : null;

type Base = { language: Language; profile: BusinessProfile | null };

function handoff({ language, profile }: Base, reason: HandoffReason, extra: Partial<OfflineReply> = {}): OfflineReply {
  return {
    engine: "offline",
    language,
    kind: "handoff",
    text: TEMPLATES[langOf(language)].handoff(hoursFor(profile, language)),
    intent: null,
    source: null,
    confidence: 0,
    confident: false,
    fact: null,
    draft: null,
    reason,
    ...extra,
  };
}

/** The hand-off sentence alone, in the client's language (the caller could not finish an answer). */
export function handoffReply(profile: BusinessProfile | null, history: DialogMessage[], reason: HandoffReason) {
  const clientText = history
    .filter((m) => m.direction === "in")
    .map((m) => m.text)
    .join("\n");
  return handoff({ language: languageOf(clientText), profile }, reason);
}

function act(base: Base, kind: OfflineReply["kind"], text: string, extra: Partial<OfflineReply>): OfflineReply {
  return {
    engine: "offline",
    language: base.language,
    kind,
    text,
    intent: null,
    source: null,
    confidence: 1,
    confident: true,
    fact: null,
    draft: null,
    reason: null,
    ...extra,
  };
}

/**
 * The client's unanswered messages: everything since the business last wrote or the assistant last dealt
 * with; when that is nothing (an agent asks for a draft again), the client's last message.
 */
function pending(history: DialogMessage[]): string {
  const boundary = history.findLastIndex((m) => m.direction === "out" || m.answered);
  const open = history.slice(boundary + 1).filter((m) => m.direction === "in");
  if (open.length) return open.map((m) => m.text).join("\n");
  return history.findLast((m) => m.direction === "in")?.text ?? "";
}

function booking(base: Base, text: string, options: ReplyOptions): OfflineReply {
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
    if (atTime.length === 0) {
      const nearest = free.slice(0, OFFER);
      return handoff(base, "slot_unavailable", {
        intent: "booking",
        source: "slots",
        fact: { type: "slots", text: nearest.join(", ") },
        draft: t.noSlotAtTime(slotLines(lang, nearest)),
      });
    }
    const offered = atTime.slice(0, OFFER);
    return act(base, "answer", t.slots(slotLines(lang, offered)), {
      intent: "booking",
      source: "slots",
      fact: { type: "slots", text: offered.join(", ") },
      offeredSlots: offered,
      confidence: 0.9,
    });
  }
  // A day the client names is the day they can come: other days' slots are no answer to "на пятницу", as other
  // times are none to "в 7 утра". A person arranges it; their draft offers the nearest free slots.
  if (day && thatDay.length === 0) {
    const nearest = free.slice(0, OFFER);
    const dayLabel = "date" in day ? dayName(lang, day.date) : dayName(lang, nextWeekday(day.weekday, free));
    return handoff(base, "slot_unavailable", {
      intent: "booking",
      source: "slots",
      fact: { type: "slots", text: nearest.join(", ") },
      draft: t.noSlotsThatDay(dayLabel, slotLines(lang, nearest)),
    });
  }
  // "На выходные": Saturday's and Sunday's slots, or a person's arranging it.
  const weekend = !day && /(?<![\p{L}])(?:выходн\p{L}*|weekends?)(?![\p{L}])/u.test(normalize(text));
  const weekendSlots = free.filter((s) => weekdayOf(s) >= 6);
  if (weekend && weekendSlots.length === 0) {
    const nearest = free.slice(0, OFFER);
    return handoff(base, "slot_unavailable", {
      intent: "booking",
      source: "slots",
      fact: { type: "slots", text: nearest.join(", ") },
      draft: t.noSlotAtTime(slotLines(lang, nearest)),
    });
  }
  // "Завтра после обеда", "thursday evening": that part of the day's slots, when it has any.
  const pool = day ? thatDay : weekend ? weekendSlots : free;
  const part = partOfDay(text);
  const inPart = part ? pool.filter((s) => part(Number(s.slice(11, 13)))) : [];
  const offered = (inPart.length ? inPart : pool).slice(0, OFFER);
  const message = t.slots(slotLines(lang, offered));
  const fact: Fact = { type: "slots", text: offered.join(", ") };
  return act(base, "answer", message, {
    intent: "booking",
    source: "slots",
    fact,
    offeredSlots: offered,
    confidence: 0.9,
  });
}

function answerFrom(base: Base, candidates: Candidate[], unanswered: Intent[]): OfflineReply {
  const ok = candidates.filter((c) => c.text && c.reason === null);
  const texts = candidates.map((c) => c.text).filter((x): x is string => Boolean(x));
  const draft = texts.length ? texts.join("\n\n") : null;
  const lead = candidates.find((c) => c.reason) ?? candidates[0];
  const shared = {
    intent: lead?.intent ?? null,
    source: lead?.source ?? null,
    fact: lead?.fact ?? null,
    faqIndex: lead?.fact?.type === "faq" ? lead.fact.index : undefined,
  };
  const confidence = ok.length === candidates.length && ok.length ? Math.min(...ok.map((c) => c.confidence)) : 0;
  if (unanswered.length > 0 || ok.length < candidates.length || confidence < AUTO_CONFIDENCE) {
    const reason: HandoffReason =
      unanswered.length > 0 ? (candidates.length ? "unanswered_part" : "not_in_profile") : (lead?.reason ?? "no_match");
    const best = ok.length ? Math.min(...ok.map((c) => c.confidence)) : 0;
    return handoff(base, reason, { ...shared, draft, confidence: Math.round(best * 50) / 100 });
  }
  return {
    engine: "offline",
    language: base.language,
    kind: "answer",
    text: texts.join("\n\n"),
    ...shared,
    confidence: Math.round(confidence * 100) / 100,
    confident: true,
    draft: null,
    reason: null,
  };
}

export function offlineReply(
  profile: BusinessProfile | null,
  history: DialogMessage[],
  options: ReplyOptions = {},
): OfflineReply {
  const text = pending(history);
  const clientText = history
    .filter((m) => m.direction === "in")
    .map((m) => m.text)
    .join("\n");
  const own = languageOf(text);
  const base: Base = { language: own === "other" ? languageOf(clientText) : own, profile };
  const lang = langOf(base.language);
  if (!text.trim() || words(text).length === 0) return handoff(base, "no_question");

  // "Можно на чистку в пятницу?" asks for a slot only when what it names is one of the business's services
  // ("можно оплатить в пятницу?" does not).
  const hits = intentsFor(profile, text);
  const plain = hits.filter((h) => !h.negated);
  const has = (i: Intent) => plain.some((h) => h.intent === i);
  // "Без записи можно?" asks the booking rule, which only an FAQ entry answers.
  const rule = hits.length > 0 && plain.length === 0 && hits.every((h) => h.without);
  if (hits.length > 0 && plain.length === 0 && !rule) return handoff(base, "negated", { intent: hits[0].intent });

  if (has("human")) {
    return act(base, "human", TEMPLATES[lang].human(hoursFor(profile, base.language)), {
      intent: "human",
      source: "human",
    });
  }
  if (has("callback")) {
    const phone = phoneIn(text) ?? options.contactPhone ?? null;
    const time = preferredTime(text);
    const fact: Fact | null = phone ? { type: "phone", text: phone } : time ? { type: "time", text: time } : null;
    return act(base, "callback", TEMPLATES[lang].callback(phone, time), {
      intent: "callback",
      source: "callback",
      fact,
      callback: { phone, preferredTime: time },
      confidence: 0.95,
    });
  }
  if (options.offeredSlots?.length) {
    const picked = pickedSlot(text, options.offeredSlots, options.slots ?? [], options.today);
    if (picked.slot) {
      return act(base, "book", TEMPLATES[lang].booked(slotWhen(lang, picked.slot)), {
        intent: "booking",
        source: "booked",
        slot: picked.slot,
        fact: { type: "slot", text: picked.slot },
        confidence: 0.9,
      });
    }
    if (picked.named) return handoff(base, "slot_unavailable", { intent: "booking" });
  }
  if (!profile) return handoff(base, "no_match");
  if (asksDiscount(text)) {
    // Only the business's own word on discounts is sent; a deal asked for is a person's to give.
    const faq = faqCandidate(profile, text, base.language);
    const entry = faq?.fact?.index !== undefined ? profile.faq[faq.fact.index] : null;
    if (faq && entry && asksDiscount(`${entry.q} ${entry.a}`)) return answerFrom(base, [faq], []);
    return handoff(base, "not_in_profile", { draft: faq?.text ?? null });
  }
  if (has("booking")) {
    if (namesParticular(text)) return handoff(base, "not_in_profile", { intent: "booking" });
    const faq = faqCandidate(profile, text, base.language);
    // "Какие документы нужны для записи?" is the business's own entry about booking, not a request for a slot.
    const entry = faq?.fact?.index !== undefined ? profile.faq[faq.fact.index] : null;
    const aboutBooking = asksAboutBooking(text);
    const entryOnBooking = entry && detectIntents(entry.q).some((h) => h.intent === "booking" && !h.negated);
    // "Можно на воскресенье записаться?" asks for a slot that day, which "Нужно ли записываться заранее?" does not
    // answer; "можно заказать переезд на выходные?" is asked by the entry "Можно ли заказать на выходные?" itself.
    const forSlot = sharesDay(text, text) || clockTime(text) !== null;
    if (faq && (faq.match ?? 0) >= AUTO_CONFIDENCE && (aboutBooking || entryOnBooking) && !forSlot) {
      return answerFrom(base, [faq], []);
    }
    const dayRule = dayEntry(profile, text);
    if (dayRule !== null) return answerFrom(base, [dayRule], []);
    if (aboutBooking) return handoff(base, "not_in_profile", { intent: "booking", draft: faq?.text ?? null });
    if ((options.slots ?? []).length === 0 && faq) return answerFrom(base, [faq], []);
    const slots = booking(base, text, options);
    // "Давно хотела записаться, педикюр сколько стоит?": the question is answered with the free times, or
    // neither is sent.
    const questions = questionParts(text)
      .filter((p) => p.includes("\u0001"))
      .map((p) => detectIntents(p.replace(/\u0001/g, "")));
    const asked = plain.filter(
      (h) => INFO.includes(h.intent) && questions.some((q) => q.some((x) => x.intent === h.intent && !x.negated)),
    );
    if (asked.length === 0 || slots.kind === "handoff") return slots;
    const info = informational(base, profile, text, asked);
    if (info.kind !== "answer") return info;
    return { ...info, text: `${info.text}\n\n${slots.text}`, offeredSlots: slots.offeredSlots };
  }
  if (plain.length === 0 && !isQuestion(text, hits)) {
    const faq = faqCandidate(profile, text, base.language);
    return faq && faq.confidence >= AUTO_CONFIDENCE ? answerFrom(base, [faq], []) : handoff(base, "no_question");
  }

  return informational(base, profile, text, plain);
}

/**
 * An FAQ entry that asks the request itself on its day ("Можно ли заказать на выходные?" to "можно заказать
 * переезд на выходные?"): every word of its question is the client's.
 */
function dayEntry(profile: BusinessProfile, text: string): Candidate | null {
  const said = terms(text);
  const index = profile.faq.findIndex((e) => sharesDay(text, e.q) && [...terms(e.q)].every((x) => hasMatch(said, x)));
  if (index < 0) return null;
  const entry = profile.faq[index];
  const fact: Fact = { type: "faq", text: entry.q, index };
  return { source: "faq", intent: "faq", text: entry.a, confidence: 0.9, match: 0.9, fact, reason: null };
}

/** Intents a profile fact answers (the rest are requests). */
const INFO: Intent[] = ["price", "duration", "hours", "area", "address"];

function informational(base: Base, profile: BusinessProfile, text: string, plain: IntentHit[]): OfflineReply {
  // Greetings and praise around one question are not a second one: the FAQ entry may match that part alone.
  const parts = questionParts(text);
  const faqs = [text, ...(parts.length === 1 ? parts : [])]
    .map((t) => faqCandidate(profile, t.replace(/\u0001/g, ""), base.language))
    .filter((c): c is Candidate => c !== null);
  const faq = faqs.sort((a, b) => (b.match ?? 0) - (a.match ?? 0))[0] ?? null;
  // Every other question in the message must be answered by the same facts, or none is sent.
  const covered = (facts: string[], byIntent = true) => partsCovered(profile, parts, facts, byIntent);
  // A FAQ entry that asks the same thing is the business's own answer: it wins over a field.
  if (faq && (faq.match ?? 0) >= AUTO_CONFIDENCE) {
    const entry = profile.faq[faq.fact?.index ?? 0];
    if (parts.length <= 1 || covered([entry.q, entry.a], false)) return answerFrom(base, [faq], []);
  }
  const candidates: Candidate[] = [];
  const unanswered: Intent[] = [];
  for (const h of plain) {
    const c =
      h.intent === "price"
        ? priceCandidate(profile, text, base.language)
        : h.intent === "hours"
          ? hoursCandidate(profile, text, base.language)
          : h.intent === "area"
            ? areaCandidate(profile, text, base.language)
            : h.intent === "address"
              ? addressCandidate(profile, text, base.language)
              : null;
    // A cue that only hints at the intent ("платный") weakens the answer built on it.
    // Its place: the part that asks it, then where in that part ("где вы находитесь и по выходным работаете?").
    const at = partAsking(parts, h.intent) + Math.max(0, normalize(text).indexOf(h.cue)) / (text.length + 1);
    if (c) candidates.push({ ...c, confidence: c.confidence * h.strength, at });
    else unanswered.push(h.intent);
  }
  if (candidates.length === 0 && unanswered.length === 0) {
    return faq ? answerFrom(base, [faq], []) : handoff(base, "no_match");
  }
  // An intent no field holds ("сколько она длится?"), asked in a part of its own, may be a FAQ entry's.
  if (unanswered.length > 0 && candidates.length > 0 && parts.length > 1) {
    const own = faqsForParts(profile, parts, [], base.language, unanswered);
    const met = new Set(own.flatMap((c) => [...intentsFor(profile, c.fact?.text ?? "")].map((h) => h.intent)));
    if (unanswered.every((i) => met.has(i))) {
      candidates.push(...own);
      unanswered.length = 0;
    }
  }
  // Answered in the order asked: the first question's answer leads.
  const inOrder = (list: Candidate[]) => [...list].sort((x, y) => (x.at ?? parts.length) - (y.at ?? parts.length));
  let reply = answerFrom(base, inOrder(candidates), unanswered);
  if (reply.kind === "answer" && parts.length > 1) {
    let facts = candidates.flatMap((c) => [c.fact?.text ?? "", c.text ?? ""]);
    // A part no field answers may be a FAQ entry's own question: both are sent, the field's first.
    const more = faqsForParts(profile, parts, facts, base.language).filter(
      (m) => !candidates.some((c) => c.fact?.type === "faq" && c.fact.index === m.fact?.index),
    );
    if (more.length > 0) {
      facts = [...facts, ...more.flatMap((c) => [c.fact?.text ?? "", c.text ?? ""])];
      reply = answerFrom(base, inOrder([...candidates, ...more]), unanswered);
    }
    if (!covered(facts))
      return handoff(base, "unanswered_part", {
        intent: reply.intent,
        source: reply.source,
        fact: reply.fact,
        draft: reply.text,
        confidence: Math.round(reply.confidence * 50) / 100,
      });
  }
  return reply;
}
