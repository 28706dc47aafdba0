// Runs once when the server starts: open and migrate the database before the first request, so a broken
// configuration stops the start with a clear message instead of failing requests one by one.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { parseEnv } = await import("@/lib/env");
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
}
