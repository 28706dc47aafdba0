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
 * The row of `table` in org $1 that `select` finds, or one made by `insert` (both with $1 = org id). Run as an
 * intruder, the select finds nothing through RLS and the insert is refused, which is what the test expects.
 */
async function parent(sql: Sql, orgId: string, select: string, insert: string): Promise<string> {
  const [found] = await sql.query<{ id: string }>(select, [orgId]);
  if (found) return found.id;
  const [made] = await sql.query<{ id: string }>(insert, [orgId]);
  return made.id;
}

const ensureChannel = (sql: Sql, orgId: string) =>
  parent(
    sql,
    orgId,
    "select id from public.channels where org_id = $1 order by created_at limit 1",
    "insert into public.channels (org_id, type, name) values ($1, 'telegram', 'Seed bot') returning id",
  );

const ensureContact = (sql: Sql, orgId: string) =>
  parent(
    sql,
    orgId,
    "select id from public.contacts where org_id = $1 order by created_at limit 1",
    "insert into public.contacts (org_id, name) values ($1, 'Seed contact') returning id",
  );

async function ensureConversation(sql: Sql, orgId: string) {
  const channelId = await ensureChannel(sql, orgId);
  const contactId = await ensureContact(sql, orgId);
  const [found] = await sql.query<{ id: string }>(
    "select id from public.conversations where org_id = $1 order by created_at limit 1",
    [orgId],
  );
  if (found) return { id: found.id, channelId, contactId };
  const [made] = await sql.query<{ id: string }>(
    "insert into public.conversations (org_id, channel_id, contact_id, thread_id) values ($1, $2, $3, $4) returning id",
    [orgId, channelId, contactId, hex()],
  );
  return { id: made.id, channelId, contactId };
}

// The inbox's tables (supabase/migrations/20261122010000_inbox.sql).
const inboxSeeds: Record<string, TableSeed> = {
  channels: {
    seed: (sql, o) =>
      sql.query("insert into public.channels (org_id, type, name) values ($1, 'telegram', $2) returning id", [
        o.orgId,
        `Bot ${hex().slice(0, 6)}`,
      ]),
  },
  contacts: {
    seed: (sql, o) =>
      sql.query("insert into public.contacts (org_id, name, phone) values ($1, 'Ivan', '+79990001122') returning id", [
        o.orgId,
      ]),
  },
  contact_identities: {
    seed: async (sql, o) => {
      const contactId = await ensureContact(sql, o.orgId);
      return sql.query(
        "insert into public.contact_identities (org_id, contact_id, network, external_id) values ($1, $2, 'telegram', $3) returning id",
        [o.orgId, contactId, hex()],
      );
    },
  },
  contact_merge_suggestions: {
    seed: async (sql, o) => {
      const a = await ensureContact(sql, o.orgId);
      const b = await parent(
        sql,
        o.orgId,
        `select id from public.contacts where org_id = $1 and id <> '${a}' order by created_at limit 1`,
        "insert into public.contacts (org_id, name) values ($1, 'Seed twin') returning id",
      );
      return sql.query(
        "insert into public.contact_merge_suggestions (org_id, contact_id, other_contact_id, reason) values ($1, least($2::uuid, $3::uuid), greatest($2::uuid, $3::uuid), 'phone') returning id",
        [o.orgId, a, b],
      );
    },
  },
  contact_fields: {
    seed: (sql, o) =>
      sql.query(
        "insert into public.contact_fields (org_id, label, type, options) values ($1, $2, 'select', '{A,B}') returning id",
        [o.orgId, `Field ${hex().slice(0, 6)}`],
      ),
  },
  contact_field_values: {
    seed: async (sql, o) => {
      const contactId = await ensureContact(sql, o.orgId);
      const fieldId = await parent(
        sql,
        o.orgId,
        "select id from public.contact_fields where org_id = $1 order by created_at limit 1",
        "insert into public.contact_fields (org_id, label, type) values ($1, 'Seed field', 'text') returning id",
      );
      return sql.query(
        "insert into public.contact_field_values (org_id, contact_id, field_id, value) values ($1, $2, $3, 'A') on conflict (contact_id, field_id) do update set value = 'B' returning contact_id",
        [o.orgId, contactId, fieldId],
      );
    },
  },
  conversations: {
    seed: async (sql, o) => {
      const channelId = await ensureChannel(sql, o.orgId);
      const contactId = await ensureContact(sql, o.orgId);
      return sql.query(
        "insert into public.conversations (org_id, channel_id, contact_id, thread_id) values ($1, $2, $3, $4) returning id",
        [o.orgId, channelId, contactId, hex()],
      );
    },
  },
  messages: {
    seed: async (sql, o) => {
      const conversation = await ensureConversation(sql, o.orgId);
      return sql.query(
        `insert into public.messages (org_id, conversation_id, channel_id, direction, sender_type, status, text, provider_message_id)
         values ($1, $2, $3, 'in', 'contact', 'received', 'Здравствуйте, нужна квартира', $4) returning id`,
        [o.orgId, conversation.id, conversation.channelId, hex()],
      );
    },
  },
  message_templates: {
    seed: async (sql, o) => {
      const channelId = await ensureChannel(sql, o.orgId);
      return sql.query(
        "insert into public.message_templates (org_id, channel_id, name, body) values ($1, $2, $3, 'Hello {{1}}') returning id",
        [o.orgId, channelId, `tpl_${hex().slice(0, 8)}`],
      );
    },
  },
  message_uploads: {
    seed: (sql, o) =>
      sql.query(
        "insert into public.message_uploads (org_id, mime_type, file_name, size, bytes) values ($1, 'text/plain', 'note.txt', 2, '\\x6869') returning id",
        [o.orgId],
      ),
  },
  webhook_events: {
    seed: async (sql, o) => {
      const channelId = await ensureChannel(sql, o.orgId);
      return sql.query(
        "insert into public.webhook_events (org_id, channel_id, event_id, payload) values ($1, $2, $3, '{}') returning id",
        [o.orgId, channelId, hex()],
      );
    },
  },
};

// The AI module's tables (supabase/migrations/20261122030000_ai.sql).
const aiSeeds: Record<string, TableSeed> = {
  ai_settings: {
    seed: (sql, o) =>
      sql.query(
        "insert into public.ai_settings (org_id, default_mode) values ($1, 'auto') on conflict (org_id) do update set default_mode = 'off' returning org_id",
        [o.orgId],
      ),
  },
  leads: {
    seed: async (sql, o) => {
      const contactId = await ensureContact(sql, o.orgId);
      return sql.query(
        "insert into public.leads (org_id, contact_id, name, score, interest_level) values ($1, $2, 'Seed lead', 80, 'hot') on conflict (org_id, contact_id) do update set score = 1 returning id",
        [o.orgId, contactId],
      );
    },
  },
  ai_drafts: {
    seed: async (sql, o) => {
      const conversation = await ensureConversation(sql, o.orgId);
      return sql.query(
        "insert into public.ai_drafts (org_id, conversation_id, text, engine, status) values ($1, $2, 'Здравствуйте!', 'offline', 'discarded') returning id",
        [o.orgId, conversation.id],
      );
    },
  },
  tasks: {
    seed: (sql, o) =>
      sql.query("insert into public.tasks (org_id, kind, title) values ($1, 'callback', 'Call back') returning id", [
        o.orgId,
      ]),
  },
  appointments: {
    seed: async (sql, o) => {
      const contactId = await ensureContact(sql, o.orgId);
      return sql.query(
        "insert into public.appointments (org_id, contact_id, starts_at, ends_at, status) values ($1, $2, now(), now() + interval '1 hour', 'cancelled') returning id",
        [o.orgId, contactId],
      );
    },
  },
  notifications: {
    seed: (sql, o) =>
      sql.query("insert into public.notifications (org_id, kind, title) values ($1, 'system', 'Hello') returning id", [
        o.orgId,
      ]),
  },
  ai_runs: {
    seed: (sql, o) =>
      sql.query(
        "insert into public.ai_runs (org_id, kind, engine, outcome) values ($1, 'analysis', 'offline', 'ok') returning id",
        [o.orgId],
      ),
  },
};

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
      sql.query(
        "insert into public.api_keys (org_id, name, prefix, key_hash) values ($1, 'k', 'rk_x', $2) returning id",
        [o.orgId, hex()],
      ),
  },
  audit_log: {
    seed: (sql, o) =>
      sql.query("insert into public.audit_log (org_id, action, target_type) values ($1, 'test', 'test') returning id", [
        o.orgId,
      ]),
  },
  jobs: {
    seed: (sql, o) =>
      sql.query("insert into public.jobs (org_id, name, payload) values ($1, 'test.noop', '{}') returning id", [
        o.orgId,
      ]),
  },
  ...inboxSeeds,
  ...aiSeeds,
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
