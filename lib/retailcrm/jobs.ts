import { z } from "zod";
import { asService } from "@/lib/db";
import { enqueue } from "@/lib/jobs/enqueue";
import { defineJob, PermanentJobError, RetryLaterError } from "@/lib/jobs/registry";
import { RetailcrmError } from "./client";
import { loadConnection, logSync, setConnectionStatus, statusOfError } from "./connections";
import { runFirstSync } from "./first-sync";
import { pullHistory } from "./sync-in";

// The RetailCRM → us sync as jobs: `retailcrm.sync` reads both change feeds to their end, on a schedule (each
// run queues the next, at a time aligned to the interval so chains started twice merge into one) and at once
// when RetailCRM's trigger calls our webhook. RetailCRM down or rate-limited: the run waits and retries
// (RetryLaterError), the cursor has not moved past anything unapplied, and Settings shows why.

export const SYNC_INTERVAL_MS = 5 * 60_000;

export const retailcrmSyncPayload = z.object({
  connectionId: z.uuid(),
  /** Part of the schedule: queues the next run when done. */
  repeat: z.boolean().default(false),
});

async function recordFailure(connectionId: string, orgId: string, error: RetailcrmError) {
  await asService(async (sql) => {
    await sql.query(
      "update public.retailcrm_sync_state set last_error = $2, last_run_at = now(), updated_at = now() where connection_id = $1",
      [connectionId, error.message.slice(0, 2000)],
    );
    await setConnectionStatus(sql, connectionId, statusOfError(error), error.message);
    await logSync(
      sql,
      { id: connectionId, orgId },
      { direction: "in", entity: "connection", kind: "error", message: error.message },
    );
  });
}

export const retailcrmSync = defineJob({
  name: "retailcrm.sync",
  schema: retailcrmSyncPayload,
  maxAttempts: 10,
  async run({ connectionId, repeat }, ctx) {
    const conn = await asService((sql) => loadConnection(sql, connectionId));
    if (!conn) throw new PermanentJobError("the RetailCRM connection was removed");
    if (!conn.enabled) return { skipped: "disabled" };
    try {
      const customers = await pullHistory(conn, "customers", ctx.signal);
      const orders = await pullHistory(conn, "orders", ctx.signal);
      await asService((sql) => setConnectionStatus(sql, conn.id, "connected", null));
      return { customers, orders };
    } catch (error) {
      if (!(error instanceof RetailcrmError)) throw error;
      await recordFailure(conn.id, conn.orgId, error);
      if (error.retryable) throw new RetryLaterError(error.message, error.retryAfterMs ?? 10_000, { cause: error });
      throw new PermanentJobError(error.message, { cause: error });
    } finally {
      if (repeat) await scheduleRetailcrmSync(connectionId, conn.orgId);
    }
  },
});

/** The next scheduled run, one per connection and interval however many chains ask. */
export function scheduleRetailcrmSync(connectionId: string, orgId: string, from = Date.now()) {
  const at = Math.ceil((from + 1) / SYNC_INTERVAL_MS) * SYNC_INTERVAL_MS;
  return enqueue(
    retailcrmSync,
    { connectionId, repeat: true },
    { orgId, runAt: new Date(at), dedupeKey: `due:${connectionId}:${at}` },
  );
}

/** A run now (RetailCRM's trigger, "sync now"); calls while one waits are the same run. */
export const syncRetailcrmNow = (connectionId: string, orgId: string) =>
  enqueue(retailcrmSync, { connectionId }, { orgId, dedupeKey: `now:${connectionId}` });

export const retailcrmFirstSyncPayload = z.object({ connectionId: z.uuid() });

export const retailcrmFirstSync = defineJob({
  name: "retailcrm.first-sync",
  schema: retailcrmFirstSyncPayload,
  maxAttempts: 10,
  async run({ connectionId }, ctx) {
    const conn = await asService((sql) => loadConnection(sql, connectionId));
    if (!conn) throw new PermanentJobError("the RetailCRM connection was removed");
    try {
      return await runFirstSync(conn, (p) => ctx.progress(p), ctx.signal);
    } catch (error) {
      if (!(error instanceof RetailcrmError)) throw error;
      await recordFailure(conn.id, conn.orgId, error);
      // Re-run from where it got to: uploaded contacts are linked and skipped.
      if (error.retryable) throw new RetryLaterError(error.message, error.retryAfterMs ?? 10_000, { cause: error });
      throw new PermanentJobError(error.message, { cause: error });
    }
  },
});

export const startFirstSync = (connectionId: string, orgId: string) =>
  enqueue(retailcrmFirstSync, { connectionId }, { orgId, dedupeKey: `first:${connectionId}` });
