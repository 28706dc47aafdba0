import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "@/lib/db/migrate";
import { openPglite } from "@/lib/db/pglite";

/**
 * Migrates once per run: a PGlite snapshot every test file opens a copy of, and, when TEST_DATABASE_URL
 * is set, a PostgreSQL template database every test file clones. Initialising per test would cost seconds each.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "relay-test-"));
  const db = await openPglite(undefined);
  await migrate(db);
  const snapshot = path.join(dir, "pglite.tar");
  writeFileSync(snapshot, Buffer.from(await (await db.pglite.dumpDataDir("none")).arrayBuffer()));
  await db.close();
  project.provide("pgliteSnapshot", snapshot);

  let template = "";
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    template = `relay_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${template}`);
    await admin.end();
    const { openPostgres } = await import("@/lib/db/postgres");
    const tdb = openPostgres(withDatabase(url, template), 1);
    await migrate(tdb);
    await tdb.close();
  }
  project.provide("pgTemplate", template);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url && template) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
    }
  };
}

export function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    pgTemplate: string;
  }
}
