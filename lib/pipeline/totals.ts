import { asService } from "@/lib/db";
import { defineRecurringJob } from "@/lib/jobs/recurring";

// The board's running totals are append-only signed rows (public.deal_stage_totals, a trigger on deals), so no
// move waits on a counter row; this job folds each group's rows into one (private.deal_totals_compact(): one
// at a time under an advisory lock). The board is exact whether or not it has run; it keeps the sums short.

export const COMPACT_TOTALS_EVERY_MS = 60_000;

/** Folds the totals' rows committed so far; returns how many rows were folded away. */
export async function compactDealTotals(): Promise<number> {
  const [row] = await asService((sql) =>
    sql.query<{ folded: number }>("select private.deal_totals_compact() as folded"),
  );
  return Number(row.folded);
}

const recurring = defineRecurringJob({
  name: "pipeline.compact-totals",
  everyMs: COMPACT_TOTALS_EVERY_MS,
  run: async () => ({ folded: await compactDealTotals() }),
});
export const compactTotalsJob = recurring.job;
/** At server start: a run now, which starts or rejoins the once-a-minute chain. */
export const startTotalsCompaction = recurring.start;
