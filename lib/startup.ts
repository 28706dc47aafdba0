import { parseEnv } from "@/lib/env";

/**
 * Once per server process: open and migrate the database before the first request, so a broken
 * configuration stops the start with a clear message instead of failing requests one by one; then start the
 * background work this process does (jobs, Telegram long polling where no public webhook URL exists, the
 * AMI sessions to the organisations' Asterisk PBXs).
 */
export async function startServer() {
  try {
    parseEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const { getDb } = await import("@/lib/db");
  const { logger } = await import("@/lib/log");
  const db = await getDb();
  logger.info({ db: db.kind }, "database ready");

  (await import("@/lib/jobs")).startJobsRunnerIfEnabled();
  // Daily clean-up of old raw webhook events; a failure here must not stop the server.
  (await import("@/lib/inbox/retention")).startWebhookEventsRetention().catch((err) => {
    logger.warn({ err }, "could not schedule the webhook events clean-up");
  });
  // The automation time rules' sweep (every minute, one chain however many processes start).
  (await import("@/lib/automation/sweep")).startAutomationSweep().catch((err) => {
    logger.warn({ err }, "could not schedule the automation sweep");
  });

  // Folds the analytics deltas into the rollups (every minute, one chain however many processes start).
  (await import("@/lib/analytics/compact")).startAnalyticsCompaction().catch((err) => {
    logger.warn({ err }, "could not schedule the analytics compaction");
  });
  // Folds the board's running totals (every minute, one chain however many processes start).
  (await import("@/lib/pipeline/totals")).startTotalsCompaction().catch((err) => {
    logger.warn({ err }, "could not schedule the deal totals compaction");
  });
  // The owners' weekly summary (Mondays).
  (await import("@/lib/analytics/weekly-summary")).startWeeklySummary().catch((err) => {
    logger.warn({ err }, "could not schedule the weekly summary");
  });
  // Deletes background exports past their expiry (hourly, one chain however many processes start).
  (await import("@/lib/export/job")).startExportsExpiry().catch((err) => {
    logger.warn({ err }, "could not schedule the exports' expiry");
  });

  // server.mjs hands these requests to lib/server/direct-routes.ts from now on (under `next dev`, Next.js serves them).
  const { directRoute } = await import("@/lib/server/direct-routes");
  (globalThis as { __relayDirectRoute?: typeof directRoute }).__relayDirectRoute = directRoute;

  const { startTelegramPollingIfNeeded } = await import("@/lib/channels/telegram");
  const { loadEnabledChannels } = await import("@/lib/channels/store");
  const { ingestParsed } = await import("@/lib/inbox/ingest");
  startTelegramPollingIfNeeded({
    loadChannels: () => loadEnabledChannels("telegram"),
    onUpdate: async (channel, parsed, raw) => void (await ingestParsed(channel, parsed, raw)),
  });
  // Asterisk over AMI: one long-lived session per enabled PBX connection, where the jobs run.
  const { env } = await import("@/lib/env");
  (await import("@/lib/telephony/ami/source")).startAmiIfNeeded(env().JOBS_RUNNER === "off");
}
