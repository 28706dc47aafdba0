import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

export type Target = { kind: "embedded" | "postgres"; url: string; databaseUrl?: string; stop: () => Promise<void> };

const root = path.resolve(import.meta.dirname, "../..");
// Its own build folder (next.config honours NEXT_DIST_DIR): tests and browser runs keep using .next meanwhile.
const distDir = process.env.NEXT_DIST_DIR || ".next-bench";

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
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
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

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** The production build, made again when app/, lib/ or the migrations changed since the last one. */
export function ensureBuild() {
  const buildId = path.join(root, distDir, "BUILD_ID");
  const sources = Math.max(
    statSync(path.join(root, "proxy.ts")).mtimeMs,
    ...["app", "lib", "supabase/migrations"].map((d) => newestSource(path.join(root, d))),
  );
  if (existsSync(buildId) && (process.env.BENCH_BUILD === "never" || statSync(buildId).mtimeMs > sources)) return;
  console.log(`building the app (NEXT_DIST_DIR=${distDir} next build)…`);
  // next build adds the build folder's types to tsconfig.json; that belongs to this run, not to the checkout.
  const tsconfig = readFileSync(path.join(root, "tsconfig.json"));
  const { status } = spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_DIST_DIR: distDir },
  });
  writeFileSync(path.join(root, "tsconfig.json"), tsconfig);
  if (status !== 0) throw new Error("next build failed");
}

/**
 * A private copy of the build to serve from: other work in this checkout (tests, e2e) may rebuild .next
 * while the bench runs, which would pull chunks from under a running server.
 */
export function snapshotBuild(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "relay-bench-app-"));
  const cache = path.join(root, distDir, "cache");
  cpSync(path.join(root, distDir), path.join(dir, distDir), {
    recursive: true,
    filter: (src) => !src.startsWith(cache),
  });
  for (const name of ["node_modules", "supabase", "lib", "public", "messages"]) {
    if (existsSync(path.join(root, name))) symlinkSync(path.join(root, name), path.join(dir, name));
  }
  for (const name of ["package.json", "next.config.ts", "tsconfig.json", "server.mjs"]) {
    copyFileSync(path.join(root, name), path.join(dir, name));
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Production on PostgreSQL runs the follow-up jobs (AI replies, analysis) on Trigger.dev or a worker instance,
 * not in the process answering webhooks; embedded runs them in-process. BENCH_JOBS_RUNNER=on|off overrides.
 */
export const jobsRunner = (kind: "embedded" | "postgres") =>
  process.env.BENCH_JOBS_RUNNER ?? (kind === "postgres" ? "off" : "on");

/**
 * `npm run serve` (server.mjs) on a free port: embedded (a fresh DATA_DIR) or on a scratch database of the local PostgreSQL.
 * APP_URL is a public https origin so the Telegram channel takes webhooks (no long polling during the run).
 */
export async function startApp(
  kind: "embedded" | "postgres",
  env: { telegramApiRoot: string; postgresUrl: string; appDir: string },
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
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, "server.mjs"], {
    cwd: env.appDir,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      NEXT_DIST_DIR: distDir,
      BENCH_ROUTES: "1",
      LOG_LEVEL: "warn",
      JOBS_RUNNER: jobsRunner(kind),
      DATA_DIR: dataDir,
      APP_URL: "https://bench.relay.test",
      TELEGRAM_API_ROOT: env.telegramApiRoot,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: "" }),
    },
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    rmSync(dataDir, { recursive: true, force: true });
    if (dbName) {
      const admin = new pg.Client({ connectionString: env.postgresUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  };
  // Ctrl-C still removes the server, its data and its database.
  const onSignal = () => void stop().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  try {
    const health = await waitForHealth(url, child);
    console.log(`app on ${url} (${health.db}; jobs runner in this process: ${jobsRunner(kind)})`);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    kind,
    url,
    databaseUrl,
    stop: async () => {
      process.off("SIGINT", onSignal);
      await stop();
    },
  };
}
