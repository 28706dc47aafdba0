import { isOpenAIConfigured, openAIClient } from "@/lib/ai/openai/client";
import { logger } from "@/lib/log";
import { clusterByVectors, clusterOffline, type Cluster, type Question } from "./cluster";

export const EMBEDDING_MODEL = "text-embedding-3-small";
// One request per batch: the API takes up to 2,048 inputs; fewer keeps a request well under its token limit.
const BATCH = 256;

/** Vectors of these texts from OpenAI's embeddings endpoint, in order. */
export async function embed(texts: string[]): Promise<number[][]> {
  const client = openAIClient();
  const out: number[][] = [];
  for (let i = 0; i < texts.length; i += BATCH) {
    const res = await client.embeddings.create({ model: EMBEDDING_MODEL, input: texts.slice(i, i + BATCH) });
    const sorted = [...res.data].sort((a, b) => a.index - b.index);
    out.push(...sorted.map((d) => d.embedding as number[]));
  }
  return out;
}

export type ClusterEngine = "openai" | "offline";

/**
 * Embeddings when OpenAI is configured, the offline grouping otherwise or when the API fails (a dashboard
 * card should show topics rather than an error because the quota ran out).
 */
export async function clusterQuestions(questions: Question[]): Promise<{ engine: ClusterEngine; clusters: Cluster[] }> {
  if (questions.length && isOpenAIConfigured()) {
    try {
      const vectors = await embed(questions.map((q) => q.text));
      return { engine: "openai", clusters: clusterByVectors(questions, vectors) };
    } catch (err) {
      logger.warn({ err }, "embeddings failed; popular questions grouped offline");
    }
  }
  return { engine: "offline", clusters: clusterOffline(questions) };
}
