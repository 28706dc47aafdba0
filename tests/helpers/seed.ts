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
  ai_provider_status: {
    seed: (sql, o) =>
      sql.query(
        "insert into public.ai_provider_status (org_id, quota_exhausted_since) values ($1, now()) on conflict (org_id) do update set last_error = 'seed' returning org_id",
        [o.orgId],
      ),
  },
  ai_runs: {
    seed: (sql, o) =>
      sql.query(
        "insert into public.ai_runs (org_id, kind, engine, outcome) values ($1, 'analysis', 'offline', 'ok') returning id",
        [o.orgId],
      ),
  },
};

const ensurePipeline = (sql: Sql, orgId: string) =>
  parent(
    sql,
    orgId,
    "select id from public.pipelines where org_id = $1 order by is_default desc, created_at limit 1",
    "insert into public.pipelines (org_id, name) values ($1, 'Seed pipeline') returning id",
  );

async function ensureStage(sql: Sql, orgId: string) {
  const pipelineId = await ensurePipeline(sql, orgId);
  const stageId = await parent(
    sql,
    orgId,
    `select id from public.stages where org_id = $1 and pipeline_id = '${pipelineId}' order by position limit 1`,
    `insert into public.stages (org_id, pipeline_id, name, position) values ($1, '${pipelineId}', 'Seed stage', 'a0') returning id`,
  );
  return { pipelineId, stageId };
}

const ensureDeal = async (sql: Sql, orgId: string) => {
  const { pipelineId, stageId } = await ensureStage(sql, orgId);
  return parent(
    sql,
    orgId,
    "select id from public.deals where org_id = $1 order by created_at limit 1",
    `insert into public.deals (org_id, pipeline_id, stage_id, title, position) values ($1, '${pipelineId}', '${stageId}', 'Seed deal', 'Zz${hex().slice(0, 6)}') returning id`,
  );
};

// The pipeline's tables (supabase/migrations/20261206070000_pipeline.sql).
const pipelineSeeds: Record<string, TableSeed> = {
  companies: {
    seed: (sql, o) =>
      sql.query("insert into public.companies (org_id, name) values ($1, 'ООО Ромашка') returning id", [o.orgId]),
  },
  pipelines: {
    seed: (sql, o) =>
      sql.query("insert into public.pipelines (org_id, name) values ($1, $2) returning id", [
        o.orgId,
        `Pipeline ${hex().slice(0, 6)}`,
      ]),
  },
  stages: {
    seed: async (sql, o) => {
      const pipelineId = await ensurePipeline(sql, o.orgId);
      return sql.query(
        "insert into public.stages (org_id, pipeline_id, name, position) values ($1, $2, 'Extra', $3) returning id",
        [o.orgId, pipelineId, `b${hex().slice(0, 6)}`],
      );
    },
  },
  deals: {
    seed: async (sql, o) => {
      const { pipelineId, stageId } = await ensureStage(sql, o.orgId);
      return sql.query(
        "insert into public.deals (org_id, pipeline_id, stage_id, title, amount, currency, position) values ($1, $2, $3, 'Сделка', 1500, 'EUR', $4) returning id",
        [o.orgId, pipelineId, stageId, `a${hex().slice(0, 6)}`],
      );
    },
  },
  deal_stage_totals: {
    // Written by the trigger on deals; a row that adds nothing to the column's totals.
    seed: async (sql, o) => {
      const { pipelineId, stageId } = await ensureStage(sql, o.orgId);
      return sql.query(
        `insert into public.deal_stage_totals (org_id, pipeline_id, stage_id, currency, deals, priced, amount)
         values ($1, $2, $3, 'RUB', 0, 0, 0) returning id`,
        [o.orgId, pipelineId, stageId],
      );
    },
  },
  stage_history: {
    seed: async (sql, o) => {
      const dealId = await ensureDeal(sql, o.orgId);
      return sql.query(
        "insert into public.stage_history (org_id, deal_id, pipeline_id, to_stage_id) select org_id, id, pipeline_id, stage_id from public.deals where id = $1 and org_id = $2 returning id",
        [dealId, o.orgId],
      );
    },
  },
  notes: {
    seed: async (sql, o) => {
      const dealId = await ensureDeal(sql, o.orgId);
      return sql.query(
        "insert into public.notes (org_id, deal_id, body) values ($1, $2, 'Позвонить в пятницу') returning id",
        [o.orgId, dealId],
      );
    },
  },
  tags: {
    seed: (sql, o) =>
      sql.query("insert into public.tags (org_id, name) values ($1, $2) returning id", [
        o.orgId,
        `tag-${hex().slice(0, 6)}`,
      ]),
  },
  crm_settings: {
    seed: (sql, o) =>
      sql.query(
        "insert into public.crm_settings (org_id) values ($1) on conflict (org_id) do update set own_deals_only = false returning org_id",
        [o.orgId],
      ),
  },
  // The tasks module's (supabase/migrations/20261207030000_tasks.sql).
  appointment_settings: {
    seed: (sql, o) =>
      sql.query(
        "insert into public.appointment_settings (org_id) values ($1) on conflict (org_id) do update set reminder_hours = 24 returning org_id",
        [o.orgId],
      ),
  },
  // supabase/migrations/20261207020000_deals.sql
  lost_reasons: {
    seed: (sql, o) =>
      sql.query("insert into public.lost_reasons (org_id, label) values ($1, $2) returning id", [
        o.orgId,
        `Дорого ${hex().slice(0, 6)}`,
      ]),
  },
  deal_suggestions: {
    seed: async (sql, o) => {
      const dealId = await ensureDeal(sql, o.orgId);
      return sql.query(
        `insert into public.deal_suggestions (org_id, deal_id, to_stage_id, reason, status)
         select d.org_id, d.id, d.stage_id, 'Клиент согласился на четверг', 'dismissed'
           from public.deals d where d.id = $1 and d.org_id = $2 returning id`,
        [dealId, o.orgId],
      );
    },
  },
};

// The Contacts page's tables (supabase/migrations/20261207010000_contacts.sql).
const contactsSeeds: Record<string, TableSeed> = {
  contact_views: {
    personal: true,
    seed: (sql, o) =>
      sql.query(
        'insert into public.contact_views (org_id, user_id, name, filters) values ($1, $2, $3, \'{"tag":"vip"}\') returning id',
        [o.orgId, o.ownerId, `View ${hex().slice(0, 6)}`],
      ),
  },
  contact_imports: {
    seed: (sql, o) =>
      sql.query(
        "insert into public.contact_imports (org_id, file_name, content) values ($1, 'clients.csv', 'name;phone') returning id",
        [o.orgId],
      ),
  },
};

// Automation's tables (supabase/migrations/20261207040000_automation.sql).
const ensureRule = (sql: Sql, orgId: string) =>
  parent(
    sql,
    orgId,
    "select id from public.automation_rules where org_id = $1 order by created_at limit 1",
    `insert into public.automation_rules (org_id, name, trigger_type, actions)
     values ($1, 'Seed rule', 'deal_created', '[{"type":"add_tag","tag":"seed"}]') returning id`,
  );

const automationSeeds: Record<string, TableSeed> = {
  automation_rules: {
    seed: (sql, o) =>
      sql.query(
        `insert into public.automation_rules (org_id, name, trigger_type, trigger, actions)
         values ($1, 'Первый ответ', 'message_received', '{}', '[{"type":"add_tag","tag":"replied"}]') returning id`,
        [o.orgId],
      ),
  },
  automation_runs: {
    seed: async (sql, o) => {
      const ruleId = await ensureRule(sql, o.orgId);
      return sql.query(
        "insert into public.automation_runs (org_id, rule_id, event_key, status) values ($1, $2, $3, 'fired') returning id",
        [o.orgId, ruleId, hex()],
      );
    },
  },
  webhook_deliveries: {
    seed: async (sql, o) => {
      const ruleId = await ensureRule(sql, o.orgId);
      return sql.query(
        `insert into public.webhook_deliveries (org_id, rule_id, delivery_key, attempt, url, status_code, ok)
         values ($1, $2, $3, 1, 'https://hooks.example.com/relay', 200, true) returning id`,
        [o.orgId, ruleId, hex()],
      );
    },
  },
};

// The inbox's working-day tables (supabase/migrations/20261206040000_inbox_workday.sql).
const ensureLabel = (sql: Sql, orgId: string) =>
  parent(
    sql,
    orgId,
    "select id from public.labels where org_id = $1 order by created_at limit 1",
    "insert into public.labels (org_id, name, color) values ($1, 'Seed label', 'green') returning id",
  );

const workdaySeeds: Record<string, TableSeed> = {
  canned_responses: {
    seed: (sql, o) =>
      sql.query(
        "insert into public.canned_responses (org_id, shortcut, title, body) values ($1, $2, 'Hello', 'Hello {{client_name}}') returning id",
        [o.orgId, `hi${hex().slice(0, 6)}`],
      ),
  },
  conversation_notes: {
    seed: async (sql, o) => {
      const conversation = await ensureConversation(sql, o.orgId);
      return sql.query(
        "insert into public.conversation_notes (org_id, conversation_id, author_id, body) values ($1, $2, $3, 'Wholesale client') returning id",
        [o.orgId, conversation.id, o.ownerId],
      );
    },
  },
  labels: {
    seed: (sql, o) =>
      sql.query("insert into public.labels (org_id, name, color) values ($1, $2, 'red') returning id", [
        o.orgId,
        `VIP ${hex().slice(0, 6)}`,
      ]),
  },
  conversation_labels: {
    seed: async (sql, o) => {
      const conversation = await ensureConversation(sql, o.orgId);
      const labelId = await ensureLabel(sql, o.orgId);
      return sql.query(
        "insert into public.conversation_labels (org_id, conversation_id, label_id) values ($1, $2, $3) on conflict (conversation_id, label_id) do update set created_at = now() returning label_id",
        [o.orgId, conversation.id, labelId],
      );
    },
  },
  agent_presence: {
    personal: true,
    seed: (sql, o) =>
      sql.query(
        "insert into public.agent_presence (org_id, user_id, status) values ($1, $2, 'online') on conflict (org_id, user_id) do update set status = 'away' returning user_id",
        [o.orgId, o.ownerId],
      ),
  },
};

// Analytics rollups (supabase/migrations/20261207060000_analytics.sql): written by triggers as the service.
const analyticsSeeds: Record<string, TableSeed> = {
  weekly_summary_chats: {
    // One row per organisation: an upsert, so a second seed is still an insert attempt.
    seed: async (sql, o) =>
      sql.query(
        `insert into public.weekly_summary_chats (org_id, channel_id, chat_id) values ($1, $2, '100200300')
         on conflict (org_id) do update set chat_id = excluded.chat_id returning org_id`,
        [o.orgId, await ensureChannel(sql, o.orgId)],
      ),
  },
  analytics_message_hours: {
    seed: async (sql, o) => {
      const c = await ensureConversation(sql, o.orgId);
      return sql.query(
        `insert into public.analytics_message_hours (org_id, hour, channel_id, direction, sender_type, messages)
         values ($1, date_trunc('hour', now()), $2, 'in', 'contact', 1)
         on conflict (org_id, hour, channel_id, direction, sender_type) do update set messages = 2 returning org_id`,
        [o.orgId, c.channelId],
      );
    },
  },
  analytics_message_deltas: {
    seed: async (sql, o) => {
      const c = await ensureConversation(sql, o.orgId);
      return sql.query(
        `insert into public.analytics_message_deltas (org_id, conversation_id, channel_id, hour, occurred_at, direction,
           sender_type, n)
         values ($1, $2, $3, date_trunc('hour', now()), now(), 'in', 'contact', 1) returning id`,
        [o.orgId, c.id, c.channelId],
      );
    },
  },
  analytics_conversation_hours: {
    seed: async (sql, o) => {
      const c = await ensureConversation(sql, o.orgId);
      return sql.query(
        `insert into public.analytics_conversation_hours (org_id, conversation_id, hour, channel_id, inbound)
         values ($1, $2, date_trunc('hour', now()), $3, 1)
         on conflict (conversation_id, hour) do update set inbound = 2 returning conversation_id`,
        [o.orgId, c.id, c.channelId],
      );
    },
  },
  analytics_member_hours: {
    seed: async (sql, o) => {
      const c = await ensureConversation(sql, o.orgId);
      return sql.query(
        `insert into public.analytics_member_hours (org_id, conversation_id, hour, member_id, channel_id, messages)
         values ($1, $2, date_trunc('hour', now()), $3, $4, 1)
         on conflict (conversation_id, hour, member_id) do update set messages = 2 returning conversation_id`,
        [o.orgId, c.id, o.ownerId, c.channelId],
      );
    },
  },
  analytics_conversations: {
    seed: async (sql, o) => {
      const c = await ensureConversation(sql, o.orgId);
      return sql.query(
        `insert into public.analytics_conversations (conversation_id, org_id, channel_id, contact_id, created_at)
         select id, org_id, channel_id, contact_id, created_at from public.conversations where id = $2 and org_id = $1
         on conflict (conversation_id) do update set first_inbound_at = now() returning conversation_id`,
        [o.orgId, c.id],
      );
    },
  },
  analytics_contact_outcomes: {
    // Written by the triggers on deals and leads; a contact with nothing counted yet.
    seed: async (sql, o) => {
      const contactId = await ensureContact(sql, o.orgId);
      return sql.query(
        `insert into public.analytics_contact_outcomes (org_id, contact_id) values ($1, $2)
         on conflict (org_id, contact_id) do update set deals = excluded.deals returning contact_id`,
        [o.orgId, contactId],
      );
    },
  },
  analytics_stage_spells: {
    seed: async (sql, o) => {
      const dealId = await ensureDeal(sql, o.orgId);
      return sql.query(
        `insert into public.analytics_stage_spells (history_id, org_id, deal_id, pipeline_id, stage_id, entered_at)
         select h.id, h.org_id, h.deal_id, h.pipeline_id, h.to_stage_id, h.moved_at from public.stage_history h
          where h.deal_id = $2 and h.org_id = $1
         on conflict (history_id) do update set left_at = now() returning history_id`,
        [o.orgId, dealId],
      );
    },
  },
  analytics_day_zones: {
    seed: async (sql, o) =>
      sql.query(
        `insert into public.analytics_day_zones (org_id, tz) values ($1, 'UTC')
         on conflict (org_id) do update set tz = excluded.tz returning org_id`,
        [o.orgId],
      ),
  },
  analytics_message_days: {
    seed: async (sql, o) => {
      const c = await ensureConversation(sql, o.orgId);
      return sql.query(
        `insert into public.analytics_message_days (org_id, day, channel_id, direction, sender_type, messages)
         values ($1, current_date, $2, 'in', 'contact', 1)
         on conflict (org_id, day, channel_id, direction, sender_type) do update set messages = 2 returning org_id`,
        [o.orgId, c.channelId],
      );
    },
  },
  analytics_conversation_days: {
    seed: async (sql, o) => {
      const c = await ensureConversation(sql, o.orgId);
      return sql.query(
        `insert into public.analytics_conversation_days (org_id, conversation_id, day, channel_id, active_hours)
         values ($1, $2, current_date, $3, 1)
         on conflict (conversation_id, day, channel_id) do update set active_hours = 2 returning conversation_id`,
        [o.orgId, c.id, c.channelId],
      );
    },
  },
};

/**
 * A seed for every table in the public schema. The isolation test fails for a table that has none, so a
 * new table cannot skip the check.
 */
// Telephony (supabase/migrations/20261207050000_telephony.sql).
const ensureTelephony = (sql: Sql, orgId: string) =>
  parent(
    sql,
    orgId,
    "select id from public.telephony_connections where org_id = $1 order by created_at limit 1",
    "insert into public.telephony_connections (org_id, kind, name, config) values ($1, 'asterisk_bridge', 'Seed PBX', '{}') returning id",
  );

async function ensureCall(sql: Sql, orgId: string) {
  const connectionId = await ensureTelephony(sql, orgId);
  const id = await parent(
    sql,
    orgId,
    "select id from public.calls where org_id = $1 order by created_at limit 1",
    `insert into public.calls (org_id, connection_id, provider_call_id, source, direction, recording_url) values ($1, '${connectionId}', '${hex()}', 'asterisk_bridge', 'inbound', 'https://pbx.example.com/rec.wav') returning id`,
  );
  return { id, connectionId };
}

const telephonySeeds: Record<string, TableSeed> = {
  telephony_connections: {
    seed: (sql, o) =>
      sql.query(
        "insert into public.telephony_connections (org_id, kind, name, config) values ($1, 'retell', 'Seed agent', '{}') returning id",
        [o.orgId],
      ),
  },
  telephony_extensions: {
    seed: async (sql, o) => {
      const connectionId = await ensureTelephony(sql, o.orgId);
      return sql.query(
        "insert into public.telephony_extensions (org_id, connection_id, user_id, extension) values ($1, $2, $3, $4) on conflict (connection_id, user_id) do update set extension = excluded.extension returning id",
        [o.orgId, connectionId, o.ownerId, String(100 + Math.floor(Math.random() * 800))],
      );
    },
  },
  calls: {
    seed: async (sql, o) => {
      const connectionId = await ensureTelephony(sql, o.orgId);
      return sql.query(
        "insert into public.calls (org_id, connection_id, provider_call_id, source, direction) values ($1, $2, $3, 'asterisk_bridge', 'inbound') returning id",
        [o.orgId, connectionId, hex()],
      );
    },
  },
  call_events: {
    seed: async (sql, o) => {
      const call = await ensureCall(sql, o.orgId);
      return sql.query(
        "insert into public.call_events (org_id, connection_id, provider_call_id, event, payload, call_id) values ($1, $2, $3, 'call.incoming', '{}', $4) returning id",
        [o.orgId, call.connectionId, hex(), call.id],
      );
    },
  },
};

// The RetailCRM sync's tables (supabase/migrations/20261207070000_retailcrm.sql); one connection per org.
const ensureRetailcrm = (sql: Sql, orgId: string) =>
  parent(
    sql,
    orgId,
    "select id from public.retailcrm_connections where org_id = $1",
    "insert into public.retailcrm_connections (org_id, api_url, site, secrets_encrypted) values ($1, 'https://seed.retailcrm.ru', 'seed', 'v1.x') returning id",
  );

const retailcrmSeeds: Record<string, TableSeed> = {
  retailcrm_connections: {
    // Upsert: the table holds one row per organisation, and a second seed of it must still be an insert attempt.
    seed: (sql, o) =>
      sql.query(
        `insert into public.retailcrm_connections (org_id, api_url, site, secrets_encrypted)
         values ($1, 'https://seed.retailcrm.ru', 'seed', 'v1.x')
         on conflict (org_id) do update set site = excluded.site returning id`,
        [o.orgId],
      ),
  },
  retailcrm_customers: {
    seed: async (sql, o) => {
      const connectionId = await ensureRetailcrm(sql, o.orgId);
      return sql.query(
        "insert into public.retailcrm_customers (org_id, connection_id, retailcrm_customer_id) values ($1, $2, $3) returning id",
        [o.orgId, connectionId, Math.floor(Math.random() * 1e9)],
      );
    },
  },
  retailcrm_orders: {
    seed: async (sql, o) => {
      const connectionId = await ensureRetailcrm(sql, o.orgId);
      return sql.query(
        "insert into public.retailcrm_orders (org_id, connection_id, external_id) values ($1, $2, $3) returning id",
        [o.orgId, connectionId, hex()],
      );
    },
  },
  retailcrm_sync_state: {
    seed: async (sql, o) => {
      const connectionId = await ensureRetailcrm(sql, o.orgId);
      return sql.query(
        `insert into public.retailcrm_sync_state (org_id, connection_id, entity) values ($1, $2, 'customers')
         on conflict (connection_id, entity) do update set items_in = excluded.items_in returning connection_id`,
        [o.orgId, connectionId],
      );
    },
  },
  retailcrm_sync_log: {
    seed: async (sql, o) => {
      const connectionId = await ensureRetailcrm(sql, o.orgId);
      return sql.query(
        "insert into public.retailcrm_sync_log (org_id, connection_id, direction, entity, kind) values ($1, $2, 'in', 'customer', 'applied') returning id",
        [o.orgId, connectionId],
      );
    },
  },
};

// Background exports (supabase/migrations/20261208100000_exports.sql): a member's own, written by the job.
const ensureExport = (sql: Sql, o: OrgFixture) =>
  parent(
    sql,
    o.orgId,
    "select id from public.exports where org_id = $1 order by created_at limit 1",
    `insert into public.exports (org_id, user_id, kind) values ($1, '${o.ownerId}', 'contacts') returning id`,
  );

const exportSeeds: Record<string, TableSeed> = {
  exports: {
    // A member's own row: a viewer may ask for an export too.
    personal: true,
    seed: (sql, o) =>
      sql.query("insert into public.exports (org_id, user_id, kind) values ($1, $2, 'deals') returning id", [
        o.orgId,
        o.ownerId,
      ]),
  },
  export_chunks: {
    seed: async (sql, o) => {
      const exportId = await ensureExport(sql, o);
      return sql.query(
        "insert into public.export_chunks (export_id, seq, org_id, data) values ($1, (select count(*) from public.export_chunks where export_id = $1), $2, '\\x41') returning export_id",
        [exportId, o.orgId],
      );
    },
  },
};

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
  ...pipelineSeeds,
  ...workdaySeeds,
  ...contactsSeeds,
  ...automationSeeds,
  ...retailcrmSeeds,
  ...telephonySeeds,
  ...analyticsSeeds,
  ...exportSeeds,
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
