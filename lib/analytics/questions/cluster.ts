import { tokenize } from "@/lib/ai/offline/morph";
import { compiledTopics, stopStems } from "./lexicon";

// Groups the questions clients asked into topics without a model: a question naming a known topic (the
// lexicon) joins that topic; any other is grouped with questions sharing most of its content words (Snowball
// stems, Jaccard similarity over the stems that are not stop words). With OpenAI configured, embeddings.ts
// groups by meaning instead and this is the fallback.

export type Question = { id: string; text: string; conversationId: string; occurredAt: string };
export type Cluster = {
  /** A lexicon topic id, or null for a group of similar questions outside the lexicon. */
  topic: string | null;
  /** The shortest question of the group: what the topic reads like in the clients' words. */
  label: string;
  questions: Question[];
};

const QUESTION_START =
  /^(сколько|какой|какая|какое|какие|каков|где|когда|как|можно|есть ли|почему|зачем|что|чем|кто|куда|откуда|подскажите|скажите|а есть|а можно|how|what|where|when|can|could|do you|does|is there|are there|which|why|who|will|would)\b/iu;

/** A client message that asks something: a question mark, or a question word first. */
export function isQuestion(text: string): boolean {
  const t = text.trim();
  if (t.length < 3 || t.length > 500) return false;
  return t.includes("?") || QUESTION_START.test(t);
}

function matches(stems: string[], phrase: string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= stems.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (stems[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/** The lexicon topic a question is about, or null. */
export function topicOf(text: string): string | null {
  const stems = tokenize(text).map((t) => t.stem);
  let best: { id: string; score: number } | null = null;
  for (const topic of compiledTopics) {
    const score = topic.phrases.reduce((n, p) => n + (matches(stems, p) ? 1 : 0), 0);
    if (score > 0 && (!best || score > best.score)) best = { id: topic.id, score };
  }
  return best?.id ?? null;
}

export function contentStems(text: string): Set<string> {
  return new Set(
    tokenize(text)
      .map((t) => t.stem)
      .filter((s) => s.length > 1 && !stopStems.has(s) && !/^\d+$/.test(s)),
  );
}

const jaccard = (a: Set<string>, b: Set<string>) => {
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  const either = a.size + b.size - both;
  return either ? both / either : 0;
};

const SIMILAR = 0.5;

function finish(groups: { topic: string | null; questions: Question[] }[]): Cluster[] {
  return groups
    .map((g) => ({
      topic: g.topic,
      label: [...g.questions].sort((a, b) => a.text.length - b.text.length)[0].text.trim(),
      questions: g.questions,
    }))
    .sort((a, b) => b.questions.length - a.questions.length || a.label.localeCompare(b.label));
}

/** Offline grouping: lexicon topics first, then greedy grouping of the rest by shared content stems. */
export function clusterOffline(questions: Question[]): Cluster[] {
  const byTopic = new Map<string, Question[]>();
  const rest: { stems: Set<string>; questions: Question[] }[] = [];
  // Clients ask the same words over and over: stem and match each distinct text once.
  const seen = new Map<string, { topic: string | null; stems: Set<string> | null }>();
  for (const q of questions) {
    const key = q.text.trim().toLowerCase();
    let known = seen.get(key);
    if (!known) seen.set(key, (known = { topic: topicOf(q.text), stems: null }));
    if (known.topic) {
      const group = byTopic.get(known.topic);
      if (group) group.push(q);
      else byTopic.set(known.topic, [q]);
      continue;
    }
    const stems = (known.stems ??= contentStems(q.text));
    if (!stems.size) continue;
    const home = rest.find((g) => jaccard(g.stems, stems) >= SIMILAR);
    if (home) {
      home.questions.push(q);
      for (const s of stems) home.stems.add(s);
    } else rest.push({ stems: new Set(stems), questions: [q] }); // a copy: the group's set grows, the cache's must not
  }
  return finish([
    ...[...byTopic].map(([topic, qs]) => ({ topic, questions: qs })),
    ...rest.map((g) => ({ topic: null, questions: g.questions })),
  ]);
}

const cosine = (a: number[], b: number[]) => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
};

/**
 * Grouping by meaning: each question joins the group whose centroid is most similar, if at least `threshold`,
 * else starts one. Groups are named by the lexicon topic most of their questions have, when there is one.
 */
export function clusterByVectors(questions: Question[], vectors: number[][], threshold = 0.8): Cluster[] {
  const groups: { centroid: number[]; n: number; questions: Question[] }[] = [];
  questions.forEach((q, i) => {
    const v = vectors[i];
    let best: (typeof groups)[number] | undefined;
    let bestSim = threshold;
    for (const g of groups) {
      const sim = cosine(g.centroid, v);
      if (sim >= bestSim) [best, bestSim] = [g, sim];
    }
    if (!best) groups.push({ centroid: [...v], n: 1, questions: [q] });
    else {
      best.centroid = best.centroid.map((c, k) => (c * best.n + v[k]) / (best.n + 1));
      best.n++;
      best.questions.push(q);
    }
  });
  return finish(
    groups.map((g) => {
      const votes = new Map<string, number>();
      for (const q of g.questions) {
        const t = topicOf(q.text);
        if (t) votes.set(t, (votes.get(t) ?? 0) + 1);
      }
      const [top] = [...votes].sort((a, b) => b[1] - a[1]);
      return { topic: top && top[1] * 2 > g.questions.length ? top[0] : null, questions: g.questions };
    }),
  );
}
