import { beforeAll, expect, it } from "vitest";
import { asService, withUser, type Sql } from "@/lib/db";
import { describeEachDb } from "../helpers/db";
import { createOrgFixture, tableSeeds, type OrgFixture } from "../helpers/seed";

type Table = { name: string; rls: boolean; pk: string[]; hasOrgId: boolean };

async function publicTables(sql: Sql): Promise<Table[]> {
  return sql.query<Table>(`
    select c.relname as name, c.relrowsecurity as rls,
      array(select a.attname::text from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
            where i.indrelid = c.oid and i.indisprimary order by a.attnum) as pk,
      exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped) as "hasOrgId"
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by c.relname`);
}

const claimsOf = (userId: string) => ({ sub: userId, role: "authenticated" as const });

/** The primary keys of the rows of `owner` that a member of `intruder` must never reach. */
async function keysOf(table: Table, owner: OrgFixture, intruder: OrgFixture) {
  const predicate = tableSeeds[table.name].belongsTo ?? "org_id = $1 and $2::uuid is not null";
  const rows = await asService((sql) =>
    sql.query<Record<string, unknown>>(
      `select ${table.pk.map((c) => `"${c}"`).join(", ")} from public."${table.name}" where ${predicate}`,
      [owner.orgId, intruder.orgId],
    ),
  );
  expect(rows.length, `${table.name} has rows of the other organisation to attack`).toBeGreaterThan(0);
  return rows;
}

/** A where clause matching exactly these keys, as JSON so one parameter carries them all. */
const byKeys = (table: Table) =>
  `(${table.pk.map((c) => `"${c}"`).join(", ")}) in (select ${table.pk
    .map((c) => `"${c}"`)
    .join(", ")} from jsonb_populate_recordset(null::public."${table.name}", $1::jsonb))`;

async function attempt(userId: string, fn: (sql: Sql) => Promise<unknown[]>) {
  try {
    return { rows: (await withUser(claimsOf(userId), fn)).length, code: undefined };
  } catch (error) {
    return { rows: 0, code: (error as { code?: string }).code };
  }
}

describeEachDb("isolation between organisations", () => {
  let tables: Table[];
  let a: OrgFixture;
  let b: OrgFixture;

  beforeAll(async () => {
    tables = await asService(publicTables);
    ({ a, b } = await asService(async (sql) => {
      const a = await createOrgFixture(sql, "Org A");
      const b = await createOrgFixture(sql, "Org B");
      for (const t of tables) {
        await tableSeeds[t.name]?.seed(sql, a);
        await tableSeeds[t.name]?.seed(sql, b);
      }
      return { a, b };
    }));
  });

  it("finds the tables in the database and has a seed for each, with row-level security on", () => {
    expect(tables.length).toBeGreaterThanOrEqual(7);
    for (const t of tables) {
      expect(t.rls, `${t.name} has row-level security`).toBe(true);
      expect(tableSeeds[t.name], `tests/helpers/seed.ts has a seed for ${t.name}`).toBeDefined();
      expect(t.pk.length, `${t.name} has a primary key`).toBeGreaterThan(0);
    }
  });

  it("a member sees their own organisation's rows in every table", async () => {
    for (const t of tables) {
      const keys = await keysOf(t, a, b);
      const seen = await withUser(claimsOf(a.ownerId), (sql) =>
        sql.query(`select 1 from public."${t.name}" where ${byKeys(t)}`, [JSON.stringify(keys)]),
      );
      expect(seen.length, `owner of A sees A's ${t.name}`).toBe(keys.length);
    }
  });

  it("a member of one organisation cannot see, change, delete or add the other's rows", async () => {
    for (const t of tables) {
      const keys = JSON.stringify(await keysOf(t, b, a));
      const col = t.pk[0];
      const selected = await attempt(a.ownerId, (sql) =>
        sql.query(`select * from public."${t.name}" where ${byKeys(t)}`, [keys]),
      );
      expect(selected.rows, `select ${t.name}`).toBe(0);
      const updated = await attempt(a.ownerId, (sql) =>
        sql.query(`update public."${t.name}" set "${col}" = "${col}" where ${byKeys(t)} returning 1`, [keys]),
      );
      expect(updated.rows, `update ${t.name}`).toBe(0);
      const deleted = await attempt(a.ownerId, (sql) =>
        sql.query(`delete from public."${t.name}" where ${byKeys(t)} returning 1`, [keys]),
      );
      expect(deleted.rows, `delete ${t.name}`).toBe(0);
      const inserted = await attempt(a.ownerId, async (sql) => [await tableSeeds[t.name].seed(sql, b)]);
      expect(inserted.code, `insert into ${t.name} for the other organisation is refused by RLS`).toBe("42501");
      const still = await asService((sql) => sql.query(`select 1 from public."${t.name}" where ${byKeys(t)}`, [keys]));
      expect(still.length, `B's ${t.name} rows are all still there`).toBe(JSON.parse(keys).length);
    }
  });

  it("a viewer cannot write their own organisation's rows", async () => {
    for (const t of tables.filter((t) => !tableSeeds[t.name].personal)) {
      const keys = JSON.stringify(await keysOf(t, a, b));
      const col = t.pk[0];
      const updated = await attempt(a.viewerId, (sql) =>
        sql.query(`update public."${t.name}" set "${col}" = "${col}" where ${byKeys(t)} returning 1`, [keys]),
      );
      expect(updated.rows, `viewer update ${t.name}`).toBe(0);
      const deleted = await attempt(a.viewerId, (sql) =>
        sql.query(`delete from public."${t.name}" where ${byKeys(t)} returning 1`, [keys]),
      );
      expect(deleted.rows, `viewer delete ${t.name}`).toBe(0);
      const inserted = await attempt(a.viewerId, async (sql) => [await tableSeeds[t.name].seed(sql, a)]);
      expect(inserted.code, `viewer insert into ${t.name} is refused by RLS`).toBe("42501");
    }
  });
});
