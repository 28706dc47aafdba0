import { z } from "zod";
import { asService } from "@/lib/db";
import { enqueue } from "@/lib/jobs/enqueue";
import { defineJob } from "@/lib/jobs/registry";

// The message triggers only append deltas (public.analytics_message_deltas), so the ingest transaction never
// waits on a counter row; this job folds them into the rollups (private.analytics_compact(): one statement,
// compactions one at a time under an advisory lock). The reports add the pending deltas in, so a report is
// exact whether or not compaction has run; compacting keeps the views' delta part small.

export const COMPACT_EVERY_MS = 60_000;

/** Folds every delta committed so far into the rollups; returns how many were folded. */
export async function compactAnalytics(): Promise<number> {
  const [row] = await asService((sql) => sql.query<{ folded: number }>("select private.analytics_compact() as folded"));
  return Number(row.folded);
}

export const compactPayload = z.object({
  /** Schedules the next compaction when done (the chain); a one-off run leaves it out. */
  repeat: z.boolean().default(true),
});

const minuteKey = (at: Date) => `compact:${at.toISOString().slice(0, 16)}`;

/** The next compaction, one per minute however many processes or chains ask (the dedupe key is the minute). */
export function scheduleCompaction(from = Date.now()) {
  const runAt = new Date(from + COMPACT_EVERY_MS);
  return enqueue(compactJob, {}, { runAt, dedupeKey: minuteKey(runAt) });
}

export const compactJob = defineJob({
  name: "analytics.compact",
  schema: compactPayload,
  maxAttempts: 3,
  async run({ repeat }) {
    try {
      return { folded: await compactAnalytics() };
    } finally {
      if (repeat) await scheduleCompaction();
    }
  },
});

/** At server start: a compaction now, which starts or rejoins the chain. */
export const startAnalyticsCompaction = () => enqueue(compactJob, {}, { dedupeKey: minuteKey(new Date()) });
