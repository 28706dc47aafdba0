import { z } from "zod";
import { asService } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueue } from "@/lib/jobs";
import { defineJob } from "@/lib/jobs/registry";

// Raw webhook events are kept for debugging and as the first line of deduplication. Providers retry for hours
// (Meta and Twilio), at most a few days, and messages and statuses carry their own provider ids, so events
// older than WEBHOOK_EVENTS_RETENTION_DAYS (default 30) are deleted once a day.

const DAY_MS = 24 * 60 * 60 * 1000;
// Rows per DELETE: short transactions, so ingest never waits long behind the clean-up.
const CHUNK = 5_000;

export const pruneWebhookEventsPayload = z.object({
  /** Overrides WEBHOOK_EVENTS_RETENTION_DAYS for this run. */
  olderThanDays: z.number().int().min(1).max(3650).optional(),
  /** Schedules the next daily run when done (the daily chain); a one-off run leaves it out. */
  repeat: z.boolean().default(true),
});

/** Deletes stored webhook events received more than `olderThanDays` ago, in chunks; returns how many. */
export async function pruneWebhookEvents(olderThanDays: number, onChunk?: (deleted: number) => Promise<void>) {
  let deleted = 0;
  for (;;) {
    const [{ n }] = await asService((sql) =>
      sql.query<{ n: number }>(
        `with old as (
           select id from public.webhook_events
            where received_at < now() - make_interval(days => $1)
            limit $2
         ), gone as (
           delete from public.webhook_events w using old where w.id = old.id returning 1
         )
         select count(*)::int as n from gone`,
        [olderThanDays, CHUNK],
      ),
    );
    deleted += n;
    if (n) await onChunk?.(deleted);
    if (n < CHUNK) return deleted;
  }
}

export const pruneWebhookEventsJob = defineJob({
  name: "inbox.prune-webhook-events",
  schema: pruneWebhookEventsPayload,
  maxAttempts: 3,
  async run({ olderThanDays, repeat }, ctx) {
    const days = olderThanDays ?? env().WEBHOOK_EVENTS_RETENTION_DAYS;
    const deleted = await pruneWebhookEvents(days, (n) => ctx.progress({ deleted: n }));
    if (repeat) await scheduleWebhookEventsPruning();
    return { deleted, olderThanDays: days };
  },
});

const day = (at: Date) => `due:${at.toISOString().slice(0, 10)}`;

/** The next daily run, one per date however many processes or chains ask (the dedupe key is the date). */
export function scheduleWebhookEventsPruning(from = Date.now()) {
  const runAt = new Date(from + DAY_MS);
  return enqueue(pruneWebhookEventsJob, {}, { runAt, dedupeKey: day(runAt) });
}

/** At server start: a run now (one per date), which starts or rejoins the daily chain. */
export const startWebhookEventsRetention = () => enqueue(pruneWebhookEventsJob, {}, { dedupeKey: day(new Date()) });
