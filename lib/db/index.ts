import { mkdir } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import { withCommitHooks } from "./after-commit";
import { migrate } from "./migrate";
import { openPglite } from "./pglite";
import { openPostgres } from "./postgres";
import type { Database, Sql } from "./types";

export type { Database, Sql, Row, DbKind } from "./types";
export { afterCommit } from "./after-commit";

/** What request.jwt.claims holds: Supabase's claims, plus the active organisation or API key. */
export type Claims = {
  sub?: string;
  role: "authenticated" | "anon" | "service_role";
  email?: string;
  org_id?: string;
  api_key_id?: string;
  [key: string]: unknown;
};

type Holder = { db?: Promise<Database> };
// One instance per process: Next.js may load this module once per route bundle, globalThis is shared.
const holder = ((globalThis as { __relayDb?: Holder }).__relayDb ??= {});

async function openEmbedded(dataDir: string) {
  const dir = path.resolve(dataDir, "pglite");
  // PGlite creates only the last folder of the path; a fresh clone has no DATA_DIR yet.
  await mkdir(path.dirname(dir), { recursive: true });
  return openPglite(dir);
}

async function open(): Promise<Database> {
  const { DATABASE_URL, DATA_DIR } = env();
  const db = DATABASE_URL ? openPostgres(DATABASE_URL) : await openEmbedded(DATA_DIR);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return db;
}

/** The process's database, opened and migrated on first use. */
export function getDb(): Promise<Database> {
  if (!holder.db) {
    holder.db = open();
    holder.db.catch(() => (holder.db = undefined));
  }
  return holder.db;
}

/** Replaces the process's database (tests hand in a PGlite copy or a PostgreSQL test database). */
export function setDb(db: Database | undefined) {
  holder.db = db ? Promise.resolve(db) : undefined;
}

async function asRole<T>(role: string, claims: Claims, fn: (sql: Sql) => Promise<T>): Promise<T> {
  const db = await getDb();
  // Exactly what PostgREST does per request on Supabase: RLS is the guard.
  return withCommitHooks((body) => db.transaction(body, { role, "request.jwt.claims": JSON.stringify(claims) }), fn);
}

/** Runs fn in one transaction as role `authenticated` with these claims; row-level security applies. */
export function withUser<T>(claims: Claims, fn: (sql: Sql) => Promise<T>): Promise<T> {
  return asRole("authenticated", { ...claims, role: "authenticated" }, fn);
}

/** For webhooks and jobs: bypasses RLS, so every statement must be scoped to the org it resolved. */
export function asService<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
  return asRole("service_role", { role: "service_role" }, fn);
}

export async function dbKind() {
  return (await getDb()).kind;
}
