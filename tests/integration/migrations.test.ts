import pg from "pg";
import { describe, expect, it } from "vitest";
import { listMigrations, migrate } from "@/lib/db/migrate";
import { openPglite } from "@/lib/db/pglite";
import { openPostgres } from "@/lib/db/postgres";
import { withDatabase } from "../helpers/global-setup";

const versions = async () => (await listMigrations()).map((m) => m.version);

describe("migrations", () => {
  it("apply to an empty PGlite in order, and a second run applies nothing", async () => {
    const db = await openPglite(undefined);
    try {
      expect(await migrate(db)).toEqual(await versions());
      expect(await migrate(db)).toEqual([]);
      const [row] = await db.transaction((sql) =>
        sql.query<{ n: number }>("select count(*)::int as n from supabase_migrations.schema_migrations"),
      );
      expect(row.n).toBe((await versions()).length);
    } finally {
      await db.close();
    }
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "apply to an empty PostgreSQL database, and a second run applies nothing",
    async () => {
      const base = process.env.TEST_DATABASE_URL!;
      const name = `relay_mig_${Date.now()}`;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const db = openPostgres(withDatabase(base, name));
      try {
        expect(await migrate(db)).toEqual(await versions());
        expect(await migrate(db)).toEqual([]);
        const [v] = await db.transaction((sql) =>
          sql.query<{ v: string }>("select current_setting('server_version') as v"),
        );
        expect(v.v).toMatch(/^15\./);
      } finally {
        await db.close();
        await admin.query(`drop database ${name} with (force)`);
        await admin.end();
      }
    },
  );

  it("leaves a real Supabase auth schema alone", async () => {
    const db = await openPglite(undefined);
    try {
      // What a Supabase project has before our migrations: its roles and its own auth.users.
      await db.transaction((sql) =>
        sql.exec(`
          create role supabase_auth_admin; create role anon; create role authenticated; create role service_role bypassrls;
          create schema auth;
          create table auth.users (id uuid primary key, email text, raw_user_meta_data jsonb, supabase_own_column text);
          create table auth.sessions (id uuid primary key);
          create function auth.uid() returns uuid language sql stable as $$ select null::uuid $$;
          create function auth.jwt() returns jsonb language sql stable as $$ select null::jsonb $$;
          create function auth.role() returns text language sql stable as $$ select null::text $$;
          grant usage on schema auth to authenticated, service_role;`),
      );
      await migrate(db);
      const columns = await db.transaction((sql) =>
        sql.query<{ column_name: string }>(
          "select column_name from information_schema.columns where table_schema = 'auth' and table_name = 'users'",
        ),
      );
      const names = columns.map((c) => c.column_name);
      expect(names).toContain("supabase_own_column");
      expect(names).not.toContain("encrypted_password");
    } finally {
      await db.close();
    }
  });
});
