import type { BusinessProfile } from "@/lib/ai/profile-schema";
import { addressCandidate, areaCandidate } from "./area";
import { hoursCandidate, intentsFor, priceCandidate, type Candidate, type Fact } from "./answers";
import { booking, bookingRuleEntry, dayEntry } from "./booking-reply";
import { AUTO_CONFIDENCE } from "./confidence";
import { faqCandidate } from "./faq-answer";
import {
  asksAboutBooking,
  asksConfirmation,
  asksDiscount,
  detectIntents,
  isQuestion,
  namesParticular,
  type Intent,
  type IntentHit,
} from "./intents";
import { faqsForParts, partAsking, partsCovered, questionParts } from "./parts";
import {
  act,
  answerFrom,
  handoff,
  hoursFor,
  type Base,
  type HandoffReason,
  type OfflineReply,
  type ReplyOptions,
} from "./reply-build";
import { languageOf, normalize, words } from "./reply-text";
import { langOf, slotWhen, TEMPLATES } from "./reply-templates";
import { namesWhen, phoneIn, pickedSlot, preferredTime } from "./when";

const REQUEST = /(?<![\p{L}])(?:запишите|запиши|забронируйте|book me|sign me up|please book)(?![\p{L}])/u;

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
export type { HandoffReason, OfflineReply, ReplyOptions } from "./reply-build";

/** The hand-off sentence alone, in the client's language (the caller could not finish an answer). */
export function handoffReply(profile: BusinessProfile | null, history: DialogMessage[], reason: HandoffReason) {
  const clientText = history
    .filter((m) => m.direction === "in")
    .map((m) => m.text)
    .join("\n");
  return handoff({ language: languageOf(clientText), profile }, reason);
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
  // "Подтвердите, что перенос прошёл": a particular booking or order, which only a person can check.
  if (asksConfirmation(text)) {
    return handoff(base, "not_in_profile", { draft: faqCandidate(profile, text, base.language)?.text ?? null });
  }
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
    // A day or time named, or "запишите", asks for a slot, which the entry on booking ahead does not give.
    const forSlot = namesWhen(text) || REQUEST.test(normalize(text));
    if (faq && (faq.match ?? 0) >= AUTO_CONFIDENCE && (aboutBooking || entryOnBooking) && !forSlot) {
      return answerFrom(base, [faq], []);
    }
    const dayRule = dayEntry(profile, text);
    if (dayRule !== null) return answerFrom(base, [dayRule], []);
    const rule = aboutBooking && !forSlot ? bookingRuleEntry(profile, text, base.language) : null;
    if (rule) {
      // "Сколько проверка зрения и надо ли записываться?": the price first, as asked, when it is known.
      const price = has("price") ? priceCandidate(profile, text, base.language) : null;
      return answerFrom(
        base,
        price && price.reason === null && price.confidence >= AUTO_CONFIDENCE ? [price, rule] : [rule],
        [],
      );
    }
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
