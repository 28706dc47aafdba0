import { randomBytes, randomUUID } from "node:crypto";
import type { Sql } from "@/lib/db";

/** One organisation's people, as the isolation test sets them up. */
export type OrgFixture = { orgId: string; ownerId: string; viewerId: string; spareUserId: string };

type TableSeed = {
  /** Inserts one row of this table into fixture.orgId. Run as the service to seed, and as others to attack. */
  seed(sql: Sql, org: OrgFixture): Promise<unknown>;
  /** SQL predicate over the table selecting rows of org $1 that a member of org $2 must not reach. */
  belongsTo?: string;
  /** Rows of a person, not an organisation: a viewer may edit their own. */
  personal?: boolean;
};

const hex = () => randomBytes(16).toString("hex");

/**
 * A seed for every table in the public schema. The isolation test fails for a table that has none, so a
 * new table cannot skip the check.
 */
export const tableSeeds: Record<string, TableSeed> = {
  organizations: {
    seed: (sql) => sql.query("insert into public.organizations (name) values ('Intruder Ltd') returning id"),
    belongsTo: "id = $1 and $2::uuid is not null",
  },
  memberships: {
    seed: (sql, o) =>
      sql.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, 'agent') returning org_id", [
        o.orgId,
        o.spareUserId,
      ]),
  },
  profiles: {
    personal: true,
    seed: (sql, o) =>
      sql.query(
        "insert into public.profiles (id, email) values ($1, 'x@example.com') on conflict (id) do update set full_name = 'hijacked' returning id",
        [o.spareUserId],
      ),
    belongsTo:
      "id in (select user_id from public.memberships where org_id = $1) and id not in (select user_id from public.memberships where org_id = $2)",
  },
  invitations: {
    seed: (sql, o) =>
      sql.query(
        "insert into public.invitations (org_id, email, role, token_hash) values ($1, $2, 'agent', $3) returning id",
        [o.orgId, `${hex()}@example.com`, hex()],
      ),
  },
  api_keys: {
    seed: (sql, o) =>
      sql.query("insert into public.api_keys (org_id, name, prefix, key_hash) values ($1, 'k', 'rk_x', $2) returning id", [
        o.orgId,
        hex(),
      ]),
  },
  audit_log: {
    seed: (sql, o) =>
      sql.query("insert into public.audit_log (org_id, action, target_type) values ($1, 'test', 'test') returning id", [
        o.orgId,
      ]),
  },
  jobs: {
    seed: (sql, o) =>
      sql.query("insert into public.jobs (org_id, name, payload) values ($1, 'test.noop', '{}') returning id", [o.orgId]),
  },
};

export async function createUser(sql: Sql, email: string) {
  const id = randomUUID();
  await sql.query(
    "insert into auth.users (id, aud, role, email, created_at, updated_at) values ($1, 'authenticated', 'authenticated', $2, now(), now())",
    [id, email],
  );
  return id;
}

/** An organisation with an owner, a viewer and a user who is not yet a member; run as the service. */
export async function createOrgFixture(sql: Sql, name: string): Promise<OrgFixture> {
  const tag = hex().slice(0, 8);
  const ownerId = await createUser(sql, `owner-${tag}@example.com`);
  const viewerId = await createUser(sql, `viewer-${tag}@example.com`);
  const spareUserId = await createUser(sql, `spare-${tag}@example.com`);
  const [org] = await sql.query<{ id: string }>("insert into public.organizations (name) values ($1) returning id", [
    name,
  ]);
  await sql.query(
    "insert into public.memberships (org_id, user_id, role) values ($1, $2, 'owner'), ($1, $3, 'viewer')",
    [org.id, ownerId, viewerId],
  );
  await sql.query("update public.profiles set active_org_id = $1 where id in ($2, $3)", [org.id, ownerId, viewerId]);
  return { orgId: org.id, ownerId, viewerId, spareUserId };
}
