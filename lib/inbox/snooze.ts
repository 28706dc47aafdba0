import { z } from "zod";
import { asService } from "@/lib/db";
import { enqueue } from "@/lib/jobs";
import { defineJob } from "@/lib/jobs/registry";

// Snooze: a conversation leaves the list until a time, then comes back open and unread. The wake-up is a job
// scheduled for that time (the in-process runner's run_at, or a delayed Trigger.dev run); a client writing
// in the meantime wakes it at once (trigger messages_wake_snoozed).

export const wakeSnoozedPayload = z.object({ conversationId: z.uuid(), until: z.iso.datetime({ offset: true }) });

/**
 * Wakes the conversation if it is still snoozed until this time or earlier: snoozed again for later, or
 * woken by the client, it is left alone, so a stale job changes nothing. Returns whether it woke.
 */
export async function wakeSnoozed(orgId: string, conversationId: string, until: string) {
  const rows = await asService((sql) =>
    sql.query(
      `update public.conversations
          set snoozed_until = null, status = 'open', unread_count = greatest(unread_count, 1)
        where org_id = $1 and id = $2 and snoozed_until is not null and snoozed_until <= $3::timestamptz
        returning id`,
      [orgId, conversationId, until],
    ),
  );
  return rows.length > 0;
}

export const wakeSnoozedJob = defineJob({
  name: "inbox.wake-snoozed",
  schema: wakeSnoozedPayload,
  maxAttempts: 5,
  async run({ conversationId, until }, ctx) {
    if (!ctx.orgId) throw new Error("inbox.wake-snoozed needs the organisation");
    return { woke: await wakeSnoozed(ctx.orgId, conversationId, until) };
  },
});

/** After the snooze is committed: one wake-up per conversation and time, however often it is asked for. */
export const scheduleWake = (orgId: string, conversationId: string, until: Date) =>
  enqueue(
    wakeSnoozedJob,
    { conversationId, until: until.toISOString() },
    { orgId, runAt: until, dedupeKey: `${conversationId}:${until.toISOString()}` },
  );

/** A snooze time must be in the future and within a year (a typo of a year would hide a client for good). */
export const snoozeUntilSchema = z.iso
  .datetime({ offset: true })
  .refine((v) => new Date(v).getTime() > Date.now(), { message: "must be in the future" })
  .refine((v) => new Date(v).getTime() < Date.now() + 366 * 24 * 3600_000, { message: "must be within a year" });
