import type { Language } from "@/lib/ai/analysis-schema";
import type { BusinessProfile } from "@/lib/ai/profile-schema";
import type { Candidate, Fact, Source } from "./answers";
import { AUTO_CONFIDENCE } from "./confidence";
import type { Intent } from "./intents";
import { localizeHours } from "./localize";
import { languageOf } from "./reply-text";
import { langOf, TEMPLATES } from "./reply-templates";

// The offline reply's shape and the three ways one is made: a hand-off (withheld, with a person's draft), a
// request carried out (call-back, booking, a person), an answer from candidates when every one is sure enough.

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
export const OFFER = 4;

export const hoursFor = (profile: BusinessProfile | null, language: Language) =>
  profile?.workingHours
    ? localizeHours(profile.workingHours, langOf(language), languageOf(profile.workingHours))
    : null;

export type Base = { language: Language; profile: BusinessProfile | null };

export function handoff(
  { language, profile }: Base,
  reason: HandoffReason,
  extra: Partial<OfflineReply> = {},
): OfflineReply {
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

export function act(base: Base, kind: OfflineReply["kind"], text: string, extra: Partial<OfflineReply>): OfflineReply {
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

export function answerFrom(base: Base, candidates: Candidate[], unanswered: Intent[]): OfflineReply {
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
