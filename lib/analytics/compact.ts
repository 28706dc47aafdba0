import { asService } from "@/lib/db";
import { defineRecurringJob } from "@/lib/jobs/recurring";

// The message triggers only append deltas (public.analytics_message_deltas), so the ingest transaction never
// waits on a counter row; this job folds them into the rollups (private.analytics_compact(): one statement,
// compactions one at a time under an advisory lock). The reports add the pending deltas in, so a report is
// exact whether or not compaction has run; compacting keeps the views' delta part small.

export const COMPACT_EVERY_MS = 60_000;
// Under a burst of messages the views' delta part grows by a minute of them between runs (a 20,000-delta backlog
// made three reports 1.5-2.4x slower on the bench): a run that folded many runs again after a few seconds.
export const COMPACT_BUSY_EVERY_MS = 5_000;
export const COMPACT_BUSY_DELTAS = 1_000;

/** Folds every delta committed so far into the rollups; returns how many were folded. */
export async function compactAnalytics(): Promise<number> {
  const [row] = await asService((sql) => sql.query<{ folded: number }>("select private.analytics_compact() as folded"));
  return Number(row.folded);
}

const recurring = defineRecurringJob({
  name: "analytics.compact",
  everyMs: COMPACT_EVERY_MS,
  run: async () => ({ folded: await compactAnalytics() }),
  busyEveryMs: COMPACT_BUSY_EVERY_MS,
  busy: ({ folded }) => folded >= COMPACT_BUSY_DELTAS,
});
export const compactJob = recurring.job;
/** At server start: a run now, which starts or rejoins the once-a-minute chain. */
export const startAnalyticsCompaction = recurring.start;
