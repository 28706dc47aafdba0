import type { ClientRole, FunnelStage, Qualification } from "@/lib/ai/analysis-schema";
import { findMoney } from "./budget";
import { denies, matchesIn, says, type Sentence, type Turn } from "./dialog";
import { findPhrases, hasNegation, isNegated, isPastForm, tokenize } from "./morph";
import * as R from "./rules";

// The funnel stage from the dialog's turns. A loss outranks everything ("we paid elsewhere" is still lost);
// otherwise the furthest stage with evidence wins. Booking is read as a turn pair too: the business proposing a
// time and the client taking it ("Можем в четверг в 15:00?" — "Да, давайте") is a booking before anyone writes
// "записал вас".

export interface StageResult {
  stage: FunnelStage;
  evidence: Sentence | null;
}

const CLOCK =
  /\d{1,2}[:.]\d{2}|\d{1,2}\s?(am|pm)\b|(?<![\p{L}])в \d{1,2}(?!\d)|\d{1,2}(-?го)? (числа|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)/iu;

const hasTime = (s: Sentence) => CLOCK.test(s.text) || says(s, R.TIME_WORDS);

/**
 * A business turn offering a time: a day or clock time, and an offer, a question ("…в среду в 17:00. Удобно?"),
 * a choice of times ("четверг 9:30 или пятница 14:00") or someone who can see the client then.
 */
const proposes = (t: Turn) =>
  t.sentences.some(hasTime) &&
  t.sentences.some((s) => s.text.includes("?") || says(s, R.PROPOSAL) || (hasTime(s) && choiceOfTimes(s)));

/** Two times joined by "или"/"or": the client is asked to pick one. */
function choiceOfTimes(s: Sentence): boolean {
  const or = s.tokens.findIndex((t) => t.word === "или" || t.word === "or");
  if (or < 0) return false;
  const before = s.text.slice(0, s.tokens[or].start);
  const after = s.text.slice(s.tokens[or].end);
  const timed = (text: string) => CLOCK.test(text) || says({ ...s, tokens: tokenize(text) }, R.TIME_WORDS);
  return timed(before) && timed(after);
}

function accepts(turn: Turn): Sentence | null {
  // "👍" alone after an offer takes it, as "ок" would.
  const words = turn.sentences.some((s) => s.tokens.length > 0);
  if (!words) return turn.sentences.find((s) => /👍|👌|✅|🙌|🤝/u.test(s.text)) ?? null;
  for (const s of turn.sentences) {
    if (says(s, R.CANCEL) || says(s, R.DEFER) || findPhrases(s.tokens.slice(0, 1), R.NO).length) return null;
    if (denies(s, R.ACCEPT)) return null;
    // "Да, а сколько стоит?" takes nothing yet.
    if (s.text.includes("?")) continue;
    const ok = findPhrases(s.tokens, R.ACCEPT).some((m) => !isNegated(s.tokens, m));
    // "Лучше в 15:00" / "Tuesday works": picking one of the offered times is taking the offer.
    if (ok || (hasTime(s) && !s.text.includes("?") && s.tokens.length <= 6 && !hasNegation(s.tokens))) return s;
  }
  return null;
}

/** Where the dialog was booked, and whether the client cancelled after it. */
function booking(turns: Turn[]): Sentence | null {
  let booked: Sentence | null = null;
  turns.forEach((t, i) => {
    for (const s of t.sentences) {
      if (s.direction === "out" && says(s, R.BOOKED_OUT, true)) booked = s;
      // "I booked with you last year" is history, not this booking.
      if (s.direction === "in" && says(s, R.BOOKED_IN, true) && !says(s, R.RETURNING)) booked = s;
      if (s.direction === "in" && booked && says(s, R.CANCEL)) booked = null;
    }
    const next = turns[i + 1];
    // A time named in answer to the client's request to book is an offer ("can I get an appointment?" —
    // "Dr. Lee has 9:15 on Tuesday").
    const asked = i > 0 && turns[i - 1].sentences.some((s) => says(s, R.WANTS_BOOKING));
    if (t.direction === "out" && next && (proposes(t) || (asked && t.sentences.some(hasTime)))) {
      const yes = accepts(next);
      if (yes) booked = yes;
    }
  });
  return booked;
}

/**
 * A client sentence naming a meeting in the past tense, or dated in the past, and nothing ahead: "созвон был ок",
 * "пересмотрел запись нашего созвона", "по вчерашней встрече", "the demo yesterday was useful". A negated past
 * ("созвона не было") or a past that only booked, moved or missed the meeting does not count.
 */
function heldMeeting(s: Sentence): boolean {
  if (s.text.includes("?") || !says(s, R.EVENT_NOUN) || says(s, R.AHEAD) || says(s, R.CANCEL)) return false;
  const { held, notHeld } = pastVerbs(s);
  // "Вчера оставила заявку на консультацию": the only past there booked it; "just wanted to say the session
  // last night was gold" has a past of its own.
  if (notHeld && !held) return false;
  return says(s, R.PAST_TIME) || held;
}

/** "Мы с вами общались во вторник", "we spoke on Monday": a meeting verb in the past, with the business. */
function metWithUs(s: Sentence): boolean {
  if (s.text.includes("?") || says(s, R.AHEAD) || !says(s, R.WITH_YOU)) return false;
  return matchesIn(s, R.MEETING_VERB).some((m) => isPastForm(s.tokens[m.start]) && !isNegated(s.tokens, m));
}

/** A payment noun beside a past verb of paying (the client) or receiving (the business), in either order. */
function paidIn(s: Sentence, verbs: typeof R.PAID_VERB): boolean {
  if (s.text.includes("?") || !says(s, R.PAYMENT_NOUN) || says(s, R.CONDITION)) return false;
  return matchesIn(s, verbs).some((m) => isPastForm(s.tokens[m.start]) && !isNegated(s.tokens, m));
}

/** "Хочу, чтобы бот продавал пробный урок": a past form after чтобы/бы in its clause is a wish, not the past. */
function subjunctive(tokens: Sentence["tokens"], i: number): boolean {
  for (let j = i - 1; j >= 0 && tokens[j].clause === tokens[i].clause; j--) {
    if (tokens[j].word === "чтобы" || tokens[j].word === "чтоб" || tokens[j].word === "бы") return true;
  }
  return false;
}

/** The sentence's affirmed past verbs: whether any says the meeting happened, and whether any only booked it. */
function pastVerbs(s: Sentence): { held: boolean; notHeld: boolean } {
  const booking = new Set(
    matchesIn(s, R.PAST_NOT_HELD)
      .filter((m) => isPastForm(s.tokens[m.start]))
      .map((m) => m.start),
  );
  const held = s.tokens.some(
    (t, i) =>
      isPastForm(t) &&
      !booking.has(i) &&
      !subjunctive(s.tokens, i) &&
      !isNegated(s.tokens, { start: i, end: i + 1 }, 1),
  );
  return { held, notHeld: booking.size > 0 };
}

/** Whether the sentence has an affirmed past verb and none that only booked, moved or missed the meeting. */
function pastVerb(s: Sentence): boolean {
  const { held, notHeld } = pastVerbs(s);
  return held && !notHeld;
}

/** The client withdrawing: a loss phrase, another provider taken, staying with the current one, or a pause. */
function declines(s: Sentence): boolean {
  if (says(s, R.LOST, true) || says(s, R.CLOSE_IT_IN, true)) return true;
  // "Can we pause in the slow months?" asks about the terms; a pause declined is a statement.
  if (s.text.includes("?")) return false;
  if (says(s, R.DECLINE, true)) return true;
  const ends = (m: { end: number }) =>
    m.end === s.tokens.length || s.tokens[m.end].clause !== s.tokens[m.end - 1].clause;
  if (findPhrases(s.tokens, R.PASS).some(ends)) return true;
  if (says(s, R.TOOK_OTHER, true) && !says(s, R.YOURS)) return true;
  if (says(s, R.DO_VERB, true) && says(s, R.ONESELF) && says(s, R.DIY_DECIDED) && !says(s, R.YOURS)) return true;
  return says(s, R.KEEP, true) && says(s, R.CURRENT) && !says(s, R.YOURS);
}

/** The business closing the request in the dialog's last turn, the client silent after it. */
function closedUnanswered(turns: Turn[]): Sentence | null {
  const last = turns.at(-1);
  if (last?.direction !== "out") return null;
  return last.sentences.find((s) => says(s, R.CLOSE_IT_OUT) && !says(s, R.CONDITION)) ?? null;
}

/** The sentence's only reason to be not qualified is that the client is just looking. */
function onlyLooking(s: Sentence): boolean {
  const hits = matchesIn(s, R.NOT_QUALIFIED_IN);
  const looking = matchesIn(s, R.JUST_LOOKING);
  return looking.length > 0 && hits.every((h) => looking.some((l) => l.start <= h.start && h.end <= l.end + 1));
}

/** The business's minimum ("Минимальный чек у нас от 40 000 ₽") above the budget the client named. */
function belowMinimum(s: Sentence, budget: { amount: number | null; currency: string | null } | null): boolean {
  if (budget?.amount == null || !says(s, R.MINIMUM)) return false;
  const comparable = (c: string | null) => !c || !budget.currency || c === budget.currency;
  return findMoney(s.text).some((m) => m.marked && comparable(m.currency) && m.amount > budget.amount!);
}

const inSentences = (turns: Turn[]) => turns.flatMap((t) => t.sentences).filter((s) => s.direction === "in");
const outSentences = (turns: Turn[]) => turns.flatMap((t) => t.sentences).filter((s) => s.direction === "out");

export function detectStage(
  turns: Turn[],
  ctx: {
    qualification: Qualification;
    role: ClientRole | null;
    budget?: { amount: number | null; currency: string | null } | null;
    /** The client described a business they run (a niche read from their own words about it). */
    ownBusiness?: boolean;
  },
): StageResult {
  const client = inSentences(turns);
  const business = outSentences(turns);
  const find = (list: Sentence[], test: (s: Sentence) => boolean) => list.find(test) ?? null;

  const lost = find(client, (s) => declines(s) && !says(s, R.RETURNING)) ?? closedUnanswered(turns);
  if (lost) return { stage: "deal_lost", evidence: lost };
  const closed =
    find(client, (s) => says(s, R.CLOSED_IN, true)) ??
    find(business, (s) => says(s, R.CLOSED_OUT, true)) ??
    find(client, (s) => paidIn(s, R.PAID_VERB)) ??
    find(business, (s) => paidIn(s, R.RECEIVED_VERB));
  if (closed) return { stage: "deal_closed", evidence: closed };
  const completed =
    find(client, (s) => says(s, R.COMPLETED, true) && !says(s, R.FUTURE) && !says(s, R.RETURNING)) ??
    find(client, (s) => says(s, R.COMPLETED_AFTER) && !says(s, R.FUTURE) && !s.text.includes("?")) ??
    find(client, (s) => says(s, R.AFTER_EVENT) && pastVerb(s) && !says(s, R.FUTURE) && !s.text.includes("?")) ??
    find(client, (s) => says(s, R.PAST_EVENT, true)) ??
    find(client, heldMeeting) ??
    find(client, metWithUs) ??
    find(business, (s) => says(s, R.COMPLETED_OUT, true));
  if (completed) return { stage: "consultation_completed", evidence: completed };
  const booked = booking(turns);
  if (booked) return { stage: "consultation_booked", evidence: booked };

  // A contractor asking for themselves is no buyer; one who brings the end client's agreed budget is.
  const contractor = ctx.role === "targetologist" || ctx.role === "smm";
  if (contractor && ctx.qualification.q2 === null) return { stage: "not_qualified", evidence: null };
  const notFit =
    find(client, (s) => says(s, R.NOT_QUALIFIED_IN, true) && !(ctx.ownBusiness && onlyLooking(s))) ??
    find(client, (s) => says(s, R.WANTS_FREE, true) && (!s.text.includes("?") || says(s, R.ASKS_FAVOUR))) ??
    find(business, (s) => says(s, R.NOT_QUALIFIED_OUT)) ??
    find(business, (s) => belowMinimum(s, ctx.budget ?? null));
  if (notFit) return { stage: "not_qualified", evidence: notFit };

  const q = ctx.qualification;
  // Someone saying the decision is another's, with no budget or timing of their own, is not yet a buyer; asking
  // on the boss's behalf alone ("директор попросил узнать цены") is still a new lead.
  const relay = q.q2 === null && q.q4 === null ? find(client, (s) => says(s, R.NOT_MY_CALL, true)) : null;
  if (relay) return { stage: "not_qualified", evidence: relay };
  const answered = [q.q3, q.q4].filter((a) => a !== null).length;
  const wants = find(client, (s) => says(s, R.WANTS_BOOKING, true));
  if (q.q2 !== null || answered === 2 || (answered === 1 && wants)) {
    return { stage: "qualified", evidence: null };
  }
  return { stage: "new_lead", evidence: null };
}
