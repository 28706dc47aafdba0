import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { setDb, type Database } from "@/lib/db";
import { openPglite } from "@/lib/db/pglite";
import { openPostgres } from "@/lib/db/postgres";
import { withDatabase } from "./global-setup";

export type TestDbKind = "pglite" | "postgres";

/** A private copy of the migrated PGlite snapshot. */
export async function pgliteCopy(): Promise<Database> {
  const tar = readFileSync(inject("pgliteSnapshot"));
  return openPglite(undefined, new Blob([tar]));
}

/** A fresh PostgreSQL database cloned from the migrated template; dropped by the returned cleanup. */
export async function postgresCopy(): Promise<{ db: Database; url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL!;
  const name = `relay_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject("pgTemplate")}`);
  await admin.end();
  const url = withDatabase(base, name);
  const db = openPostgres(url);
  return {
    db,
    url,
    drop: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export const testDbKinds = (): TestDbKind[] => (process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"]);

/**
 * Runs a suite once per database kind, with the process's database (getDb) set to a fresh copy, so the
 * code under test is the real module on the real database.
 */
export function describeEachDb(name: string, fn: (ctx: { kind: TestDbKind; db: () => Database }) => void) {
  for (const kind of testDbKinds()) {
    describe(`${name} [${kind}]`, () => {
      let db: Database;
      let drop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        if (kind === "pglite") db = await pgliteCopy();
        else ({ db, drop } = await postgresCopy());
        setDb(db);
      });
      afterAll(async () => {
        setDb(undefined);
        if (drop) await drop();
        else await db.close();
      });
      fn({ kind, db: () => db });
    });
  }
}
