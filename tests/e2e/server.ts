import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const READY_TIMEOUT_MS = 90_000;

export type TestServer = { url: string; logs: () => string; stop: () => Promise<void> };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, logs: () => string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}:\n${logs()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok && ((await res.json()) as { ok?: boolean }).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the app did not become healthy within ${READY_TIMEOUT_MS / 1000} s:\n${logs()}`);
}

/**
 * The real production build on a free port, with its own empty embedded database (PGlite in a temp
 * DATA_DIR), so a run never sees another run's users. `env` adds to (or, with undefined, removes from) the
 * server's environment, e.g. a provider's fake base URL or JOBS_RUNNER.
 */
export async function startServer(options: { env?: Record<string, string | undefined> } = {}): Promise<TestServer> {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(path.join(ROOT, distDir, "BUILD_ID")))
    throw new Error(
      `No production build (${distDir}/BUILD_ID is missing). Run \`npm run build\` before the e2e tests.`,
    );

  const port = await freePort();
  // localhost, not 127.0.0.1: Next hands route handlers a request URL on "localhost", and redirects built
  // from it (GET /api/auth/refresh) must land on the origin that holds the cookies.
  const url = `http://localhost:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), "relay-e2e-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DATA_DIR: dataDir,
    APP_URL: url,
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // Embedded PGlite, whatever the developer's shell points at.
  delete env.DATABASE_URL;
  delete env.NEXT_PUBLIC_SUPABASE_URL;
  delete env.NEXT_PUBLIC_SUPABASE_ANON_KEY;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }

  // `npm run serve`: webhooks answered by the direct routes, everything else by Next.js.
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const logs = () => output;

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(url, child, logs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, logs, stop };
}
