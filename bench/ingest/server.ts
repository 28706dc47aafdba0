import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

export type Target = { kind: "embedded" | "postgres"; url: string; databaseUrl?: string; stop: () => Promise<void> };

const root = path.resolve(import.meta.dirname, "../..");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return (await res.json()) as { db: string };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the app did not become healthy in time");
}

/** The production build, made once if it is missing or predates the bench route. */
export function ensureBuild() {
  const benchRoute = path.join(root, ".next/server/app/api/bench/insert/route.js");
  if (existsSync(benchRoute)) return;
  console.log("building the app (next build)…");
  const { status } = spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], { cwd: root, stdio: "inherit" });
  if (status !== 0) throw new Error("next build failed");
}

/**
 * `next start` on a free port: embedded (a fresh DATA_DIR) or on a scratch database of the local PostgreSQL.
 * APP_URL is a public https origin so the Telegram channel takes webhooks (no long polling during the run).
 */
export async function startApp(
  kind: "embedded" | "postgres",
  env: { telegramApiRoot: string; postgresUrl: string },
): Promise<Target> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), "relay-bench-"));
  let databaseUrl: string | undefined;
  let dbName: string | undefined;
  if (kind === "postgres") {
    dbName = `relay_bench_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: env.postgresUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(env.postgresUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  const child = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      BENCH_ROUTES: "1",
      LOG_LEVEL: "warn",
      DATA_DIR: dataDir,
      APP_URL: "https://bench.relay.test",
      TELEGRAM_API_ROOT: env.telegramApiRoot,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: "" }),
    },
  });
  const health = await waitForHealth(url, child);
  console.log(`app on ${url} (${health.db})`);
  return {
    kind,
    url,
    databaseUrl,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
      rmSync(dataDir, { recursive: true, force: true });
      if (dbName) {
        const admin = new pg.Client({ connectionString: env.postgresUrl });
        await admin.connect();
        await admin.query(`drop database if exists ${dbName} with (force)`);
        await admin.end();
      }
    },
  };
}
