import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

type Secrets = { jwtSecret: string; encryptionKey: string };

let cached: Secrets | undefined;

/**
 * The signing and encryption keys: from the environment in production; on the embedded default, made
 * once and kept in DATA_DIR so sessions and encrypted secrets survive restarts with no configuration.
 */
export function secrets(): Secrets {
  if (cached) return cached;
  const { JWT_SECRET, ENCRYPTION_KEY, DATA_DIR } = env();
  if (JWT_SECRET && ENCRYPTION_KEY) return (cached = { jwtSecret: JWT_SECRET, encryptionKey: ENCRYPTION_KEY });
  const file = path.resolve(DATA_DIR, "secrets.json");
  let stored: Partial<Secrets> = {};
  try {
    stored = JSON.parse(readFileSync(file, "utf8")) as Partial<Secrets>;
  } catch {
    // first start
  }
  const made: Secrets = {
    jwtSecret: stored.jwtSecret ?? randomBytes(32).toString("hex"),
    encryptionKey: stored.encryptionKey ?? randomBytes(32).toString("hex"),
  };
  if (made.jwtSecret !== stored.jwtSecret || made.encryptionKey !== stored.encryptionKey) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(made), { mode: 0o600 });
  }
  return (cached = { jwtSecret: JWT_SECRET ?? made.jwtSecret, encryptionKey: ENCRYPTION_KEY ?? made.encryptionKey });
}
