import { z } from "zod";
import { asService } from "@/lib/db";
import { enqueue } from "@/lib/jobs/enqueue";
import { defineJob } from "@/lib/jobs/registry";

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

export const compactTotalsPayload = z.object({
  /** Schedules the next compaction when done (the chain); a one-off run leaves it out. */
  repeat: z.boolean().default(true),
});

const minuteKey = (at: Date) => `deal-totals:${at.toISOString().slice(0, 16)}`;

/** The next compaction, one per minute however many processes or chains ask (the dedupe key is the minute). */
export function scheduleTotalsCompaction(from = Date.now()) {
  const runAt = new Date(from + COMPACT_TOTALS_EVERY_MS);
  return enqueue(compactTotalsJob, {}, { runAt, dedupeKey: minuteKey(runAt) });
}

export const compactTotalsJob = defineJob({
  name: "pipeline.compact-totals",
  schema: compactTotalsPayload,
  maxAttempts: 3,
  async run({ repeat }) {
    try {
      return { folded: await compactDealTotals() };
    } finally {
      if (repeat) await scheduleTotalsCompaction();
    }
  },
});

/** At server start: a compaction now, which starts or rejoins the chain. */
export const startTotalsCompaction = () => enqueue(compactTotalsJob, {}, { dedupeKey: minuteKey(new Date()) });
