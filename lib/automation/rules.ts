import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { decryptJson, encryptJson } from "@/lib/crypto";
import type { Sql } from "@/lib/db";
import { iso } from "@/lib/pipeline/sql";
import {
  actionSchema,
  conditionSchema,
  triggerSchema,
  type Action,
  type Condition,
  type CreateRule,
  type RuleView,
  type Trigger,
  type UpdateRule,
} from "./schema";

// The rules themselves, read and written through RLS as the caller (managers write, members read).

export type RuleRow = {
  id: string;
  org_id: string;
  name: string;
  enabled: boolean;
  trigger: Trigger;
  conditions: Condition[];
  actions: Action[];
  template: string | null;
  webhook_secret: string | null;
  last_fired_at: string | null;
  last_deal_id: string | null;
  last_deal_title: string | null;
  fire_count: number;
  stopped_reason: string | null;
  stopped_at: string | null;
  created_at: string;
  updated_at: string;
};

export const RULE_SELECT = `select r.id, r.org_id, r.name, r.enabled, r.trigger, r.conditions, r.actions, r.template,
    r.webhook_secret, ${iso("r.last_fired_at")} as last_fired_at, r.last_deal_id, d.title as last_deal_title,
    r.fire_count, r.stopped_reason, ${iso("r.stopped_at")} as stopped_at, ${iso("r.created_at")} as created_at,
    ${iso("r.updated_at")} as updated_at
  from public.automation_rules r left join public.deals d on d.id = r.last_deal_id`;

export const toRuleView = (r: RuleRow): RuleView => ({
  id: r.id,
  name: r.name,
  enabled: r.enabled,
  // Parsed again on the way out: what a later version of the schema no longer knows fails loudly here.
  trigger: triggerSchema.parse(r.trigger),
  conditions: z.array(conditionSchema).parse(r.conditions),
  actions: z.array(actionSchema).parse(r.actions),
  template: r.template,
  lastFiredAt: r.last_fired_at,
  lastDealId: r.last_deal_id,
  lastDealTitle: r.last_deal_title,
  fireCount: r.fire_count,
  stoppedReason: r.stopped_reason,
  stoppedAt: r.stopped_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const newSecret = () => `whsec_${randomBytes(24).toString("base64url")}`;
const sealSecret = (ruleId: string, secret: string) => encryptJson(secret, `automation_rule:${ruleId}`);

/** The rule's webhook signing key in the clear (the webhook job signs with it). */
export const openSecret = (ruleId: string, sealed: string) => decryptJson<string>(sealed, `automation_rule:${ruleId}`);

/**
 * Stages and templates named by the rule must be the organisation's: another organisation's id is a 400
 * naming the field, as an unknown one is (RLS hides it either way).
 */
async function checkReferences(sql: Sql, orgId: string, rule: Pick<CreateRule, "trigger" | "conditions" | "actions">) {
  const stages: [string, string][] = [];
  const t = rule.trigger;
  if (t.type === "time_in_stage") stages.push(["trigger.stageId", t.stageId]);
  if (t.type === "deal_stage_changed") {
    if (t.toStageId) stages.push(["trigger.toStageId", t.toStageId]);
    if (t.fromStageId) stages.push(["trigger.fromStageId", t.fromStageId]);
  }
  rule.conditions.forEach((c, i) => {
    if (c.type === "stage_is") c.stageIds.forEach((s, j) => stages.push([`conditions.${i}.stageIds.${j}`, s]));
  });
  rule.actions.forEach((a, i) => {
    if (a.type === "move_stage") stages.push([`actions.${i}.stageId`, a.stageId]);
  });
  if (stages.length) {
    const found = await sql.query<{ id: string }>(
      "select id from public.stages where org_id = $1 and id = any($2::uuid[])",
      [orgId, stages.map(([, id]) => id)],
    );
    const known = new Set(found.map((r) => r.id));
    const missing = stages.find(([, id]) => !known.has(id));
    if (missing) throw new ApiError("bad_request", `${missing[0]}: no such stage in this organisation`);
  }
  for (const [i, a] of rule.actions.entries()) {
    if (a.type === "send_message" && a.templateId) {
      const [tpl] = await sql.query("select 1 from public.message_templates where org_id = $1 and id = $2", [
        orgId,
        a.templateId,
      ]);
      if (!tpl) throw new ApiError("bad_request", `actions.${i}.templateId: no such template`);
    }
    if (a.type === "assign" && a.userIds.length) {
      const members = await sql.query<{ user_id: string }>(
        "select user_id from public.memberships where org_id = $1 and user_id = any($2::uuid[])",
        [orgId, a.userIds],
      );
      if (members.length !== new Set(a.userIds).size)
        throw new ApiError("bad_request", `actions.${i}.userIds: not all are members of this organisation`);
    }
  }
}

export async function listRules(sql: Sql, orgId: string): Promise<RuleView[]> {
  const rows = await sql.query<RuleRow>(`${RULE_SELECT} where r.org_id = $1 order by r.created_at, r.id`, [orgId]);
  return rows.map(toRuleView);
}

export async function getRuleRow(sql: Sql, orgId: string, id: string): Promise<RuleRow> {
  const [row] = await sql.query<RuleRow>(`${RULE_SELECT} where r.org_id = $1 and r.id = $2`, [orgId, id]);
  if (!row) throw new ApiError("not_found", "rule not found");
  return row;
}

export const getRule = async (sql: Sql, orgId: string, id: string) => toRuleView(await getRuleRow(sql, orgId, id));

export async function createRule(sql: Sql, orgId: string, input: CreateRule) {
  await checkReferences(sql, orgId, input);
  const [{ id }] = await sql.query<{ id: string }>(
    `insert into public.automation_rules (org_id, name, enabled, trigger_type, trigger, conditions, actions, template)
     values ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::jsonb, $8) returning id`,
    [
      orgId,
      input.name,
      input.enabled,
      input.trigger.type,
      JSON.stringify(input.trigger),
      JSON.stringify(input.conditions),
      JSON.stringify(input.actions),
      input.template ?? null,
    ],
  );
  // Every rule gets a key, so a webhook action added later signs from the first call.
  const secret = newSecret();
  await sql.query("update public.automation_rules set webhook_secret = $2 where id = $1", [id, sealSecret(id, secret)]);
  return { ...(await getRule(sql, orgId, id)), webhookSecret: secret };
}

export async function updateRule(sql: Sql, orgId: string, id: string, patch: UpdateRule) {
  const current = toRuleView(await getRuleRow(sql, orgId, id));
  const next = {
    trigger: patch.trigger ?? current.trigger,
    conditions: patch.conditions ?? current.conditions,
    actions: patch.actions ?? current.actions,
  };
  await checkReferences(sql, orgId, next);
  const secret = patch.rotateSecret ? newSecret() : undefined;
  await sql.query(
    `update public.automation_rules
        set name = coalesce($3, name), enabled = coalesce($4, enabled), trigger_type = $5, trigger = $6::jsonb,
            conditions = $7::jsonb, actions = $8::jsonb, webhook_secret = coalesce($9, webhook_secret),
            -- Switching a stopped rule on again is the person's decision that the loop is fixed.
            stopped_reason = case when $4 then null else stopped_reason end,
            stopped_at = case when $4 then null else stopped_at end
      where org_id = $1 and id = $2`,
    [
      orgId,
      id,
      patch.name ?? null,
      patch.enabled ?? null,
      next.trigger.type,
      JSON.stringify(next.trigger),
      JSON.stringify(next.conditions),
      JSON.stringify(next.actions),
      secret ? sealSecret(id, secret) : null,
    ],
  );
  const rule = await getRule(sql, orgId, id);
  return secret ? { ...rule, webhookSecret: secret } : rule;
}

export async function deleteRule(sql: Sql, orgId: string, id: string) {
  const rows = await sql.query("delete from public.automation_rules where org_id = $1 and id = $2 returning id", [
    orgId,
    id,
  ]);
  if (!rows.length) throw new ApiError("not_found", "rule not found");
  return new Response(null, { status: 204 });
}

/** The organisation's enabled rules of one trigger type, as the service (the engine). */
export async function enabledRules(sql: Sql, orgId: string, types: readonly string[]): Promise<RuleRow[]> {
  return sql.query<RuleRow>(
    `${RULE_SELECT} where r.org_id = $1 and r.enabled and r.trigger_type = any($2::text[]) order by r.created_at, r.id`,
    [orgId, types],
  );
}

/** Every organisation's enabled time rules (the sweep's work list), as the service. */
export async function enabledTimeRules(sql: Sql): Promise<RuleRow[]> {
  return sql.query<RuleRow>(
    `${RULE_SELECT} where r.enabled and r.trigger_type in ('time_in_stage', 'no_reply') order by r.org_id, r.created_at`,
  );
}
