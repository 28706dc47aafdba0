import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { asService, type Sql } from "@/lib/db";
import { adapterFor } from "@/lib/channels/registry";
import { loadChannelRecord } from "@/lib/channels/store";
import { templateCategories, templateStatuses, type ChannelType, type ProviderTemplate } from "@/lib/channels/types";
import { windowedChannelTypes } from "./networks";
import { placeholdersOf } from "./template-render";

export const templateSchema = z.object({
  id: z.uuid(),
  channelId: z.uuid(),
  name: z.string(),
  language: z.string(),
  category: z.enum(templateCategories),
  body: z.string(),
  variables: z.array(z.string()),
  status: z.enum(templateStatuses),
  rejectionReason: z.string().nullable(),
  providerTemplateId: z.string().nullable(),
  syncedAt: z.string().nullable(),
});
export type TemplateView = z.infer<typeof templateSchema>;

export const templatesQuerySchema = z.object({
  channelId: z.uuid().optional(),
  status: z.enum(templateStatuses).optional(),
});

export const createTemplateSchema = z.object({
  channelId: z.uuid(),
  name: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,512}$/, "must be lowercase letters, digits and underscores, as WhatsApp requires"),
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}([_-][A-Za-z]{2,4})?$/, "must be a language code such as en, ru or pt_BR"),
  category: z.enum(templateCategories).default("utility"),
  body: z.string().trim().min(1).max(1024),
  /** A sample value per placeholder, for the provider's reviewers. */
  examples: z.record(z.string(), z.string().max(200)).default({}),
});

export const syncTemplatesSchema = z.object({ channelId: z.uuid() });

type TemplateRow = {
  id: string;
  channel_id: string;
  name: string;
  language: string;
  category: TemplateView["category"];
  body: string;
  variables: { key: string }[];
  status: TemplateView["status"];
  rejection_reason: string | null;
  provider_template_id: string | null;
  synced_at: Date | null;
};
const COLUMNS =
  "id, channel_id, name, language, category, body, variables, status, rejection_reason, provider_template_id, synced_at";

const toView = (r: TemplateRow): TemplateView => ({
  id: r.id,
  channelId: r.channel_id,
  name: r.name,
  language: r.language,
  category: r.category,
  body: r.body,
  variables: r.variables.map((v) => v.key),
  status: r.status,
  rejectionReason: r.rejection_reason,
  providerTemplateId: r.provider_template_id,
  syncedAt: r.synced_at ? new Date(r.synced_at).toISOString() : null,
});

const variablesJson = (keys: string[], examples: Record<string, string> = {}) =>
  JSON.stringify(keys.map((key) => ({ key, ...(examples[key] ? { example: examples[key] } : {}) })));

export async function listTemplates(sql: Sql, orgId: string, query: z.output<typeof templatesQuerySchema>) {
  const rows = await sql.query<TemplateRow>(
    `select ${COLUMNS} from public.message_templates
      where org_id = $1 and ($2::uuid is null or channel_id = $2) and ($3::text is null or status = $3)
      order by name, language`,
    [orgId, query.channelId ?? null, query.status ?? null],
  );
  return rows.map(toView);
}

/**
 * Stores a template (admins, through RLS). On WhatsApp it waits for the provider's approval, submitted by
 * submitTemplate after commit; on channels without templates it is a saved reply, usable at once.
 */
export async function createTemplate(sql: Sql, orgId: string, input: z.output<typeof createTemplateSchema>) {
  const [channel] = await sql.query<{ type: ChannelType }>(
    "select type from public.channels where org_id = $1 and id = $2",
    [orgId, input.channelId],
  );
  if (!channel) throw new ApiError("bad_request", "channelId: no such channel");
  const needsApproval = windowedChannelTypes.includes(channel.type);
  const [row] = await sql.query<TemplateRow>(
    `insert into public.message_templates (org_id, channel_id, name, language, category, body, variables, status)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
     returning ${COLUMNS}`,
    [
      orgId,
      input.channelId,
      input.name,
      input.language,
      input.category,
      input.body,
      variablesJson(placeholdersOf(input.body), input.examples),
      needsApproval ? "pending" : "approved",
    ],
  );
  return toView(row);
}

async function recordProviderTemplate(sql: Sql, orgId: string, channelId: string, t: ProviderTemplate) {
  const [row] = await sql.query<TemplateRow>(
    `insert into public.message_templates (org_id, channel_id, name, language, category, body, variables, status,
       rejection_reason, provider_template_id, synced_at)
     values ($1, $2, $3, $4, coalesce($5, 'utility'), $6, $7::jsonb, $8, $9, $10, now())
     on conflict (channel_id, name, language) do update
       set category = coalesce($5, message_templates.category), body = excluded.body, variables = excluded.variables,
           status = excluded.status, rejection_reason = excluded.rejection_reason,
           provider_template_id = excluded.provider_template_id, synced_at = now()
     returning ${COLUMNS}`,
    [
      orgId,
      channelId,
      t.name,
      t.language,
      t.category ?? null,
      t.body,
      variablesJson(t.variables),
      t.status,
      t.rejectionReason ?? null,
      t.providerTemplateId,
    ],
  );
  return toView(row);
}

/** Submits a stored template to the provider when it has a template API; records its answer (as the service). */
export async function submitTemplate(orgId: string, template: TemplateView, examples: Record<string, string>) {
  const channel = await asService((sql) => loadChannelRecord(sql, template.channelId, { orgId }));
  const adapter = channel && adapterFor(channel.type);
  if (!channel || !adapter?.createTemplate) return template;
  try {
    const submitted = await adapter.createTemplate(channel, {
      name: template.name,
      language: template.language,
      category: template.category,
      body: template.body,
      examples,
    });
    return await asService((sql) => recordProviderTemplate(sql, orgId, channel.id, submitted));
  } catch (error) {
    const reason = `the provider refused it: ${(error as Error).message}`.slice(0, 1000);
    const [row] = await asService((sql) =>
      sql.query<TemplateRow>(
        `update public.message_templates set status = 'rejected', rejection_reason = $3
          where org_id = $1 and id = $2 returning ${COLUMNS}`,
        [orgId, template.id, reason],
      ),
    );
    return toView(row);
  }
}

/** Brings every template of the channel and its approval status from the provider (as the service). */
export async function syncTemplates(orgId: string, channelId: string): Promise<TemplateView[]> {
  const channel = await asService((sql) => loadChannelRecord(sql, channelId, { orgId }));
  if (!channel) throw new ApiError("not_found", "channel not found");
  const adapter = adapterFor(channel.type);
  if (!adapter.syncTemplates) throw new ApiError("conflict", `${channel.type} channels have no templates to sync`);
  let remote: ProviderTemplate[];
  try {
    remote = await adapter.syncTemplates(channel);
  } catch (error) {
    throw new ApiError("unavailable", `template sync failed: ${(error as Error).message}`.slice(0, 1000));
  }
  return asService(async (sql) => {
    const out: TemplateView[] = [];
    for (const t of remote) out.push(await recordProviderTemplate(sql, orgId, channel.id, t));
    return out;
  });
}
