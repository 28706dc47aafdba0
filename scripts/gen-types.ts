// npm run db:types — migrates a scratch database on the local PostgreSQL and writes lib/database.types.ts.
import { writeFile } from "node:fs/promises";
import pg from "pg";
import { generateDatabaseTypes, TYPES_FILE } from "../lib/db/gen-types";
import { migrate } from "../lib/db/migrate";
import { openPostgres } from "../lib/db/postgres";

const base =
  process.env.TYPES_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `relay_types_${process.pid}`;
const url = new URL(base);
url.pathname = `/${name}`;

const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`create database ${name}`);
try {
  const db = openPostgres(url.toString(), 1);
  await migrate(db);
  await db.close();
  await writeFile(TYPES_FILE, await generateDatabaseTypes(url.toString()));
  console.log(`wrote ${TYPES_FILE}`);
} finally {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
