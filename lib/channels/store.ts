import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { parseWith } from "@/lib/api/handler";
import { appUrl } from "@/lib/app-url";
import { decryptJson, encryptJson } from "@/lib/crypto";
import { asService, type Sql } from "@/lib/db";
import { PROBLEM_CODES, problemOfText, scrubSecrets, type ProblemCode } from "./errors";
import { adapterFor } from "./registry";
import {
  channelTypeSchema,
  channelTypes,
  webhookProviders,
  type ChannelAdapter,
  type ChannelRecord,
  type ChannelType,
} from "./types";

/** A channel as the API shows it: settings and state, never its secrets. */
export const channelSchema = z.object({
  id: z.uuid(),
  type: channelTypeSchema,
  name: z.string(),
  config: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  status: z.enum(["pending", "connected", "error"]),
  lastError: z.string().nullable(),
  /** What kind of failure lastError is (lib/channels/errors.ts), for the UI to explain in the user's language. */
  lastErrorCode: z.enum(PROBLEM_CODES).nullable(),
  webhookUrl: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChannelView = z.infer<typeof channelSchema>;

const secretsInput = z.record(z.string(), z.unknown());
export const createChannelSchema = z.object({
  type: channelTypeSchema,
  name: z.string().trim().min(1, "is required").max(120),
  config: z.record(z.string(), z.unknown()).default({}),
  /** Write-only: validated by the provider, stored encrypted, never returned. */
  secrets: secretsInput.default({}),
  enabled: z.boolean().default(true),
});
export const updateChannelSchema = z.object({
  name: z.string().trim().min(1, "is required").max(120).optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  /** Replaces every secret when given; omitted, the stored ones stay. */
  secrets: secretsInput.optional(),
  enabled: z.boolean().optional(),
});

type ChannelRow = {
  id: string;
  org_id: string;
  type: ChannelType;
  name: string;
  config: Record<string, unknown>;
  enabled: boolean;
  status: "pending" | "connected" | "error";
  last_error: string | null;
  last_error_code: string | null;
  created_at: Date;
  updated_at: Date;
};
// secrets_encrypted is not selectable by members (column grant), so every member query names its columns.
const COLUMNS = "id, org_id, type, name, config, enabled, status, last_error, last_error_code, created_at, updated_at";

/** Where the provider posts this channel's events: the public origin (APP_URL) when set. */
export function webhookUrl(channel: { id: string; type: ChannelType }, req?: Request): string {
  return `${appUrl(req)}/api/webhooks/${webhookProviders[channel.type]}/${channel.id}`;
}

function toView(row: ChannelRow, req?: Request): ChannelView {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    config: row.config,
    enabled: row.enabled,
    status: row.status,
    lastError: row.last_error === null ? null : scrubSecrets(row.last_error),
    // Rows from before codes were stored are read from their text.
    lastErrorCode:
      row.last_error === null
        ? null
        : (PROBLEM_CODES as readonly string[]).includes(row.last_error_code ?? "")
          ? (row.last_error_code as ProblemCode)
          : problemOfText(row.last_error, row.type),
    webhookUrl: webhookUrl(row, req),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function adapterOrBadRequest(type: ChannelType): ChannelAdapter {
  try {
    return adapterFor(type);
  } catch {
    throw new ApiError("bad_request", `type: ${type} channels are not available in this build`);
  }
}

/** The provider's own rules for config and secrets, as a 400 naming the field (config.x / secrets.y). */
function validated(type: ChannelType, config: unknown, secrets: unknown) {
  const adapter = adapterOrBadRequest(type);
  return {
    config: parseWith(adapter.configSchema, config, "config") as Record<string, unknown>,
    secrets: secrets === undefined ? undefined : (parseWith(adapter.secretsSchema, secrets, "secrets") as object),
  };
}

export async function listChannels(sql: Sql, orgId: string, req?: Request): Promise<ChannelView[]> {
  const rows = await sql.query<ChannelRow>(
    `select ${COLUMNS} from public.channels where org_id = $1 order by created_at, id`,
    [orgId],
  );
  return rows.map((r) => toView(r, req));
}

export async function getChannel(sql: Sql, orgId: string, id: string, req?: Request): Promise<ChannelView> {
  const [row] = await sql.query<ChannelRow>(`select ${COLUMNS} from public.channels where org_id = $1 and id = $2`, [
    orgId,
    id,
  ]);
  if (!row) throw new ApiError("not_found", "channel not found");
  return toView(row, req);
}

/** Creates a channel (admins, through RLS). The provider's connect() is the caller's to run after commit. */
export async function createChannel(
  sql: Sql,
  orgId: string,
  input: z.output<typeof createChannelSchema>,
  req?: Request,
): Promise<ChannelView> {
  const { config, secrets } = validated(input.type, input.config, input.secrets);
  const id = randomUUID();
  const [row] = await sql.query<ChannelRow>(
    `insert into public.channels (id, org_id, type, name, config, secrets_encrypted, enabled)
     values ($1, $2, $3, $4, $5::jsonb, $6, $7) returning ${COLUMNS}`,
    [id, orgId, input.type, input.name, JSON.stringify(config), encryptJson(secrets ?? {}, id), input.enabled],
  );
  return toView(row, req);
}

export async function updateChannel(
  sql: Sql,
  orgId: string,
  id: string,
  patch: z.output<typeof updateChannelSchema>,
  req?: Request,
): Promise<ChannelView> {
  const current = await getChannel(sql, orgId, id, req);
  const { config, secrets } = validated(current.type, patch.config ?? current.config, patch.secrets);
  // Members cannot read secrets_encrypted, not even in an expression: it is only ever assigned.
  const [row] = await sql.query<ChannelRow>(
    `update public.channels
        set name = coalesce($3, name), config = $4::jsonb, enabled = coalesce($5, enabled),
            ${secrets ? "secrets_encrypted = $6," : ""}
            -- new credentials or a re-enabled channel are unproven until tested or connected again
            status = case when $6::text is not null or ($5 and not enabled) then 'pending' else status end
      where org_id = $1 and id = $2
      returning ${COLUMNS}`,
    [
      orgId,
      id,
      patch.name ?? null,
      JSON.stringify(config),
      patch.enabled ?? null,
      secrets ? encryptJson(secrets, id) : null,
    ],
  );
  if (!row) throw new ApiError("not_found", "channel not found");
  return toView(row, req);
}

export async function deleteChannel(sql: Sql, orgId: string, id: string): Promise<void> {
  const rows = await sql.query("delete from public.channels where org_id = $1 and id = $2 returning id", [orgId, id]);
  if (!rows.length) throw new ApiError("not_found", "channel not found");
}

type SecretRow = ChannelRow & { secrets_encrypted: string | null };

function toRecord(row: SecretRow): ChannelRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    type: row.type,
    name: row.name,
    config: row.config,
    secrets: row.secrets_encrypted ? decryptJson<Record<string, unknown>>(row.secrets_encrypted, row.id) : {},
  };
}

/** A channel with its secrets decrypted, for the service (jobs, webhooks). Scoped to the org when given. */
export async function loadChannelRecord(
  sql: Sql,
  id: string,
  opts: { orgId?: string; enabledOnly?: boolean } = {},
): Promise<ChannelRecord | undefined> {
  if (!z.uuid().safeParse(id).success) return undefined;
  const [row] = await sql.query<SecretRow>(
    `select ${COLUMNS}, secrets_encrypted from public.channels
      where id = $1 and ($2::uuid is null or org_id = $2) and (enabled or not $3)`,
    [id, opts.orgId ?? null, opts.enabledOnly ?? false],
  );
  return row ? toRecord(row) : undefined;
}

const typesOf = (provider: string) => channelTypes.filter((t) => webhookProviders[t] === provider);

/** The enabled channel a webhook URL names, if it is of that provider; undefined otherwise (→ 404). */
export async function loadChannelForWebhook(
  provider: string,
  channelId: string,
  sql?: Sql,
): Promise<ChannelRecord | undefined> {
  const load = (s: Sql) => loadChannelRecord(s, channelId, { enabledOnly: true });
  const channel = sql ? await load(sql) : await asService(load);
  return channel && typesOf(provider).includes(channel.type) ? channel : undefined;
}

/** Every enabled channel of a type, secrets decrypted (Telegram long polling loads its bots with this). */
export async function loadEnabledChannels(type: ChannelType): Promise<ChannelRecord[]> {
  const rows = await asService((sql) =>
    sql.query<SecretRow>(
      `select ${COLUMNS}, secrets_encrypted from public.channels where type = $1 and enabled order by created_at`,
      [type],
    ),
  );
  return rows.map(toRecord);
}

/** What the last test or connect found, as the service (after the admin's request committed). */
export async function recordChannelStatus(
  orgId: string,
  id: string,
  outcome: { ok: boolean; detail?: string; code?: ProblemCode | null },
): Promise<void> {
  const detail = outcome.ok ? null : scrubSecrets(outcome.detail ?? "failed");
  const code = outcome.ok ? null : (outcome.code ?? problemOfText(detail!, ""));
  await asService((sql) =>
    sql.query(
      `update public.channels set status = $3, last_error = $4, last_error_code = $5
        where org_id = $1 and id = $2
          and (status, last_error, last_error_code) is distinct from ($3::text, $4::text, $5::text)`,
      [orgId, id, outcome.ok ? "connected" : "error", detail, code],
    ),
  );
}
