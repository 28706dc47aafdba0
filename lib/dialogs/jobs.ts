import { z } from "zod";
import { asService } from "@/lib/db";
import { env } from "@/lib/env";
import type { AfterInboundStep } from "@/lib/inbox/jobs";
import { enqueue } from "@/lib/jobs/enqueue";
import { defineJob, PermanentJobError } from "@/lib/jobs/registry";
import { analyzeContact } from "./analyze-contact";
import { analyzeDialogs, batchFiltersSchema, DEFAULT_CONCURRENCY } from "./batch";

export const analyzeJobPayload = batchFiltersSchema.extend({
  concurrency: z.number().int().min(1).max(64).default(DEFAULT_CONCURRENCY),
});

/** Seed 004's batch analysis; progress `{ done, total, stats }`, result the stats. */
export const dialogsAnalyze = defineJob({
  name: "dialogs.analyze",
  schema: analyzeJobPayload,
  // A re-run after a crash is cheap: dialogs analysed before it are skipped (unchanged input hash).
  maxAttempts: 3,
  async run({ concurrency, ...filters }, ctx) {
    if (!ctx.orgId) throw new PermanentJobError("dialogs.analyze needs the organisation");
    return analyzeDialogs(ctx.orgId, filters, {
      concurrency,
      jobId: ctx.jobId,
      signal: ctx.signal,
      onProgress: (p) => ctx.progress(p),
    });
  },
});

export const analyzeContactPayload = z.object({ contactId: z.uuid() });

/** One contact's refresh after new messages; deduplicated per contact, so a burst makes one analysis. */
export const dialogsAnalyzeContact = defineJob({
  name: "dialogs.analyze-contact",
  schema: analyzeContactPayload,
  maxAttempts: 3,
  async run({ contactId }, ctx) {
    if (!ctx.orgId) throw new PermanentJobError("dialogs.analyze-contact needs the organisation");
    return analyzeContact(ctx.orgId, contactId, { jobId: ctx.jobId, signal: ctx.signal });
  },
});

/**
 * The local queue deduplicates only while a job is queued or running, which is what these jobs want. Trigger.dev's
 * idempotency keys last for days, so there the key also names a time window, or no refresh would ever run again.
 */
export function dedupeKeyFor(base: string, windowMs: number): string {
  return env().TRIGGER_SECRET_KEY ? `${base}:${Math.floor(Date.now() / windowMs)}` : base;
}

/** How long a refresh waits for the rest of a burst of messages. */
export const REFRESH_DELAY_MS = 30_000;

/**
 * After each stored client message: once the contact has written minIncoming messages, schedule a refresh of
 * its analysis. One query; the analysis itself runs later, in its own job.
 */
export const analyzeAfterInbound: AfterInboundStep = {
  name: "dialogs.refresh",
  async run({ orgId, conversationId }) {
    const [row] = await asService((sql) =>
      sql.query<{ contact_id: string; incoming: number; min_incoming: number }>(
        `select v.contact_id, s.min_incoming,
                (select count(*)::int from (
                   select 1 from public.messages m
                     join public.conversations c on c.org_id = m.org_id and c.id = m.conversation_id
                    where m.org_id = v.org_id and c.contact_id = v.contact_id and m.direction = 'in'
                    limit s.min_incoming) enough) as incoming
           from public.conversations v
           cross join lateral (select coalesce((select a.min_incoming from public.ai_settings a
                                                 where a.org_id = v.org_id), 3) as min_incoming) s
          where v.org_id = $1 and v.id = $2`,
        [orgId, conversationId],
      ),
    );
    if (!row || row.incoming < row.min_incoming) return;
    await scheduleLeadRefresh(orgId, row.contact_id);
  },
};

/** A refresh of the contact's analysis after REFRESH_DELAY_MS (one per burst of changes). */
export async function scheduleLeadRefresh(orgId: string, contactId: string) {
  await enqueue(
    dialogsAnalyzeContact,
    { contactId },
    {
      orgId,
      dedupeKey: dedupeKeyFor(`${orgId}:${contactId}`, REFRESH_DELAY_MS),
      runAt: new Date(Date.now() + REFRESH_DELAY_MS),
    },
  );
}
