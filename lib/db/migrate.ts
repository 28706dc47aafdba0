import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Database, Sql } from "./types";

export const MIGRATIONS_DIR = path.join(process.cwd(), "supabase", "migrations");
const BOOTSTRAP_FILE = path.join(process.cwd(), "lib", "db", "bootstrap.sql");

/** A real Supabase database has its own auth schema, which we must never touch. */
export async function isSupabase(sql: Sql): Promise<boolean> {
  const [row] = await sql.query<{ supabase: boolean }>(
    "select exists (select 1 from pg_roles where rolname in ('supabase_admin', 'supabase_auth_admin')) as supabase",
  );
  return row.supabase;
}

export async function listMigrations(dir = MIGRATIONS_DIR) {
  const files = (await readdir(dir)).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
  return files.map((file) => {
    const [, version, name] = /^(\d+)_(.+)\.sql$/.exec(file)!;
    return { file: path.join(dir, file), version, name };
  });
}

/**
 * Brings the database up to date: bootstrap (plain Postgres and PGlite only), then every migration not
 * yet recorded, in order, once each. The record is the table the Supabase CLI keeps, so the CLI and the
 * app agree on what has been applied. Returns the versions applied by this call.
 */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = await listMigrations(dir);
  return db.transaction(async (sql) => {
    // Two processes starting at once against one server: the second waits, then finds nothing to do.
    await sql.query("select pg_advisory_xact_lock(7243117)");
    if (!(await isSupabase(sql))) await sql.exec(await readFile(BOOTSTRAP_FILE, "utf8"));
    await sql.exec(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (
        version text primary key, statements text[], name text
      );`);
    const applied = new Set(
      (await sql.query<{ version: string }>("select version from supabase_migrations.schema_migrations")).map(
        (r) => r.version,
      ),
    );
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      const text = await readFile(m.file, "utf8");
      try {
        await sql.exec(text);
      } catch (error) {
        throw new Error(`migration ${path.basename(m.file)} failed: ${(error as Error).message}`, { cause: error });
      }
      await sql.query(
        "insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, $2, $3)",
        [m.version, [text], m.name],
      );
      done.push(m.version);
    }
    return done;
  });
}
