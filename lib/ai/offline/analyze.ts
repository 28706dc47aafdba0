import {
  dialogAnalysisSchema,
  type AnalysisEvidence,
  type ClientRole,
  type Currency,
  type DialogAnalysis,
  type FunnelStage,
  type Niche,
} from "@/lib/ai/analysis-schema";
import { findMoney } from "./budget";
import { clauseAt, denies, quote, readTurns, says, type Sentence, type Turn } from "./dialog";
import { findPhrases } from "./morph";
import * as R from "./rules";
import { detectStage } from "./stage";
import { writeSummary } from "./summary";
import { detectLanguage, type DialogMessage } from "./text";

export type OfflineAnalysis = DialogAnalysis & { engine: "offline" };

const first = (list: Sentence[], test: (s: Sentence) => boolean) => list.find(test) ?? null;

/** The client's sentences in the turn right after a business turn whose question matches `asked`. */
function answersTo(turns: Turn[], asked: (s: Sentence) => boolean): Sentence[] {
  const out: Sentence[] = [];
  turns.forEach((t, i) => {
    const next = turns[i + 1];
    if (t.direction === "out" && next && t.sentences.some((s) => s.text.includes("?") && asked(s))) {
      out.push(...next.sentences);
    }
  });
  return out;
}

/**
 * A first-person plural verb aimed at the business ("настроим вам рекламу", "приведём вашему салону"): Russian
 * -ем/-им/-ём forms right before вам/ваш*, wanting or being able aside. One point of a pitch.
 */
function offersToYou(s: Sentence): number {
  const t = s.tokens;
  for (let k = 0; k + 1 < t.length; k++) {
    if (!/^[а-я]{4,}(ем|им)$/u.test(t[k].word)) continue;
    const next = t.slice(k + 1, k + 3).map((x) => ({ ...s, tokens: [x] }));
    if (next.some((x) => says(x, R.TO_YOU)) && !says({ ...s, tokens: [t[k]] }, R.NOT_OFFER)) return 1;
  }
  return 0;
}

/** A price made small ("всего 9900 руб", "only $49"): one point of a pitch. */
function cheap(s: Sentence): number {
  return findMoney(s.text).some((m) => /(всего|лишь|only|just)\s*$/iu.test(s.text.slice(0, m.start))) ? 1 : 0;
}

function detectSpam(client: Sentence[], role: ClientRole | null): Sentence | null {
  // A targetologist or SMM looking for work has seed 004's own class (−30), not spam — unless they pitch their
  // services at the business itself ("посмотрела ваш инстаграм… от 15 000 руб/мес"), which takes more evidence.
  const needed = role === "targetologist" || role === "smm" ? 3 : 2;
  let points = 0;
  let evidence: { s: Sentence; points: number } | null = null;
  for (const s of client) {
    if (says(s, R.QUOTED_OFFER)) continue;
    const strong = says(s, R.STRONG_PITCH);
    let here = (strong ? 2 : 0) + Math.min(findPhrases(s.tokens, R.PITCH).length + offersToYou(s) + cheap(s), 2);
    // A sender who asks the business's price is a client, whatever else they say.
    if (says(s, R.ASKS_PRICE)) here -= 1;
    if (here > (evidence?.points ?? 0)) evidence = { s, points: here };
    points += here;
  }
  return points >= needed ? (evidence?.s ?? null) : null;
}

const nicheWordIn = (s: Sentence) =>
  Object.values(R.NICHE_WORDS).some((groups) => groups.some((g) => findPhrases(s.tokens, g.list).length > 0));

function detectNiche(sents: Sentence[], role: ClientRole | null): { niche: Niche | null; evidence: Sentence | null } {
  const scores = new Map<Niche, number>();
  const best = new Map<Niche, { s: Sentence; w: number }>();
  for (const s of sents) {
    // The client describing their own business weighs most; the business's own words say what the dialog is
    // about when the client says little.
    const factor = s.direction === "out" ? 0.5 : says(s, R.SELF_DESCRIPTION) ? 3 : 1;
    for (const [niche, groups] of Object.entries(R.NICHE_WORDS) as [Niche, { list: R.P; weight: number }[]][]) {
      for (const g of groups) {
        const n = findPhrases(s.tokens, g.list).length;
        if (!n) continue;
        const w = g.weight * factor * Math.min(n, 2);
        scores.set(niche, (scores.get(niche) ?? 0) + w);
        if (s.direction === "in" && w > (best.get(niche)?.w ?? 0)) best.set(niche, { s, w });
      }
    }
  }
  // A client describing their own marketing agency is niche marketing whatever their clients' trades are; an
  // agency of another trade ("агентство недвижимости") is that trade.
  const agency = sents.find((s) => s.direction === "in" && says(s, R.OWN_AGENCY) && !nicheWordIn(s));
  if (agency) return { niche: "marketing", evidence: agency };
  // A business outside the named niches (a bakery, a gym) is a vote like the others, so "сеть ресторанов
  // грузинской кухни" is a restaurant and not a kitchen refit; a tie goes to the named niche.
  for (const s of sents) {
    if (s.direction !== "in") continue;
    const n = findPhrases(s.tokens, R.OTHER_BUSINESS).length;
    if (!n) continue;
    const w = 2 * Math.min(n, 2);
    scores.set("other", (scores.get("other") ?? 0) + w);
    if (w > (best.get("other")?.w ?? 0)) best.set("other", { s, w });
  }
  let niche: Niche | null = null;
  let top = 0;
  for (const [n, score] of scores) if (score > top) [niche, top] = [n, score];
  // A contractor's or marketer's niche is the end client's business when they name it, else their own trade.
  if (!niche && (role === "marketer" || role === "targetologist" || role === "smm")) {
    return { niche: "marketing", evidence: null };
  }
  return { niche, evidence: niche ? (best.get(niche)?.s ?? null) : null };
}

/** The sender's own trade (seed 004's label convention for pitches, as the independent annotators read it). */
function spamNiche(client: Sentence[], evidence: Sentence): { niche: Niche | null; evidence: Sentence | null } {
  const count = (list: R.P) => client.reduce((n, s) => n + findPhrases(s.tokens, list).length, 0);
  const marketing = count(R.SPAM_MARKETING);
  const other = count(R.SPAM_OTHER);
  if (marketing > other) return { niche: "marketing", evidence };
  if (other > 0) return { niche: "other", evidence };
  const own = detectNiche(client, null);
  return own.niche ? own : { niche: null, evidence: null };
}

/** A timeline with a hedge right beside it ("в сентябре наверное") leaves the time open. */
function hedged(s: Sentence): boolean {
  const hedges = findPhrases(s.tokens, R.HEDGE);
  return findPhrases(s.tokens, R.TIMELINE).every((t) =>
    hedges.some((h) => h.start <= t.end + 2 && h.end >= t.start - 2),
  );
}

function detectOwner(client: Sentence[], turns: Turn[]) {
  const yes = first(client, (s) => says(s, R.OWNER_YES, true));
  const no = first(client, (s) => says(s, R.OWNER_NO, true) || denies(s, R.OWNER_YES));
  if (no) return { isOwner: false, evidence: no };
  if (yes) return { isOwner: true, evidence: yes };
  // "Вы владелец?" — "Да": the answer to the business's question.
  const answer = answersTo(turns, (s) => says(s, R.ASKS.owner))[0];
  if (answer && answer.tokens.length) {
    if (findPhrases(answer.tokens.slice(0, 1), R.YES).length) return { isOwner: true, evidence: answer };
    if (findPhrases(answer.tokens.slice(0, 1), R.NO).length) return { isOwner: false, evidence: answer };
  }
  return { isOwner: null as boolean | null, evidence: null };
}

function detectRole(
  client: Sentence[],
  isOwner: boolean | null,
): { role: ClientRole | null; evidence: Sentence | null } {
  const pick = (role: ClientRole, list: R.P) => {
    const s = first(client, (x) => says(x, list, true));
    return s ? { role, evidence: s } : null;
  };
  return (
    pick("targetologist", R.ROLE.targetologist) ??
    pick("smm", R.ROLE.smm) ??
    (isOwner ? { role: "owner" as const, evidence: null } : null) ??
    pick("marketer", R.ROLE.marketer) ??
    pick("manager", R.ROLE.manager) ??
    pick("private_client", R.ROLE.privateClient) ?? { role: null, evidence: null }
  );
}

interface Budget {
  amount: number | null;
  currency: Currency | null;
  words: string;
}

function detectBudget(client: Sentence[], turns: Turn[]): Budget | null {
  const answering = new Set(answersTo(turns, (s) => says(s, R.ASKS.budget)));
  for (const [i, s] of client.entries()) {
    // Money the client says they paid is an amount they named too; so is a figure sent right after a message
    // that is just the budget word ("budget" — "maybe 2000 a month").
    const prev = client[i - 1];
    const cue =
      says(s, R.BUDGET_CUE) ||
      says(s, R.CLOSED_IN, true) ||
      (prev?.turn === s.turn && prev.tokens.length <= 3 && says(prev, R.BUDGET_CUE));
    // A price the client asks about or quotes back ("сколько стоит?", "у вас 2500?") is not their budget.
    if (!cue && (s.text.includes("?") || says(s, R.PRICE_QUESTION))) continue;
    for (const m of findMoney(s.text)) {
      // A bare number is money only beside a budget word or as the answer to "what budget?", and a bare
      // number under 100 ("счёт от 3 ноября", "8 занятий") only as that answer.
      if (!m.marked && !answering.has(s) && (!cue || m.amount < 100)) continue;
      return { amount: m.amount, currency: m.currency, words: clauseAt(s.text, m.start, m.end) };
    }
    if (says(s, R.BUDGET_OPEN)) return { amount: null, currency: null, words: quote(s)! };
  }
  // "в месяц могу 70" + "тыс": an amount split over two short messages of one turn.
  for (const t of turns) {
    if (t.direction !== "in" || t.sentences.length < 2) continue;
    const text = t.sentences.map((s) => s.text).join(" ");
    const m = findMoney(text).find((x) => x.marked && !/\?/.test(text.slice(x.start, x.end + 2)));
    if (m) return { amount: m.amount, currency: m.currency, words: clauseAt(text, m.start, m.end) };
  }
  return null;
}

/** The offline engine: seed 004's analysis from Russian and English rules over turns and stems, no network. */
export function analyzeOffline(messages: DialogMessage[]): OfflineAnalysis {
  const turns = readTurns(messages);
  const all = turns.flatMap((t) => t.sentences);
  const client = all.filter((s) => s.direction === "in");
  const language = detectLanguage(
    messages
      .filter((m) => m.direction === "in")
      .map((m) => m.text)
      .join("\n") || messages.map((m) => m.text).join("\n"),
  );

  const owner = detectOwner(client, turns);
  const role = detectRole(client, owner.isOwner);
  const spam = detectSpam(client, role.role);
  const niche = spam ? spamNiche(client, spam) : detectNiche(all, role.role);
  const budget = spam ? null : detectBudget(client, turns);

  const needAnswer = answersTo(turns, (s) => says(s, R.ASKS.need)).find((s) => s.tokens.length >= 2);
  const need = first(client, (s) => says(s, R.NEED, true)) ?? needAnswer ?? null;
  const decider = owner.evidence ?? first(client, (s) => says(s, R.DECIDER));
  // "жду отчёт через неделю" is the client waiting for the business, not the client's own timeline.
  const timeline = first(client, (s) => says(s, R.TIMELINE, true) && !says(s, R.WAITING) && !hedged(s));
  const qualification = {
    q1: quote(need),
    q2: budget?.words ?? null,
    q3: quote(decider),
    q4: quote(timeline),
  };

  const stage = spam
    ? { stage: "not_qualified" as FunnelStage, evidence: spam }
    : detectStage(turns, {
        qualification,
        role: role.role,
        budget,
        ownBusiness: niche.evidence !== null && says(niche.evidence, R.SELF_DESCRIPTION),
      });

  const evidence: AnalysisEvidence = {
    funnelStage: quote(stage.evidence),
    niche: quote(niche.evidence),
    isOwner: quote(owner.evidence),
    budget: budget?.words ?? null,
    role: quote(role.evidence),
    isSpam: quote(spam),
  };
  const base = {
    language,
    niche: niche.niche,
    qualification,
    isOwner: spam ? null : owner.isOwner,
    budgetMentioned: budget !== null,
    budgetAmount: budget?.amount ?? null,
    budgetCurrency: budget?.currency ?? null,
    budget: budget?.words ?? null,
    role: spam ? null : role.role,
    isSpam: spam !== null,
    funnelStage: stage.stage,
  };
  const text = writeSummary(
    { ...base, need: qualification.q1, funnelStage: stage.stage },
    language === "en" ? "en" : "ru",
  );
  const analysis = dialogAnalysisSchema.parse({ ...base, ...text, evidence });
  return { ...analysis, engine: "offline" };
}
