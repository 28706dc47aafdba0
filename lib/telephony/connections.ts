import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { parseWith } from "@/lib/api/handler";
import { appUrl } from "@/lib/app-url";
import { decryptJson, encryptJson } from "@/lib/crypto";
import type { Sql } from "@/lib/db";
import { CALL_SOURCES } from "./events";

// Telephony connections: like a channel, settings in config, credentials sealed in secrets_encrypted (bound to
// the row's id) and never returned. Each kind's config and secrets are checked here, at the edge.

export const connectionKindSchema = z.enum(CALL_SOURCES);
export type ConnectionKind = z.infer<typeof connectionKindSchema>;

const e164 = z.string().regex(/^\+[1-9][0-9]{6,14}$/, "must be an E.164 number such as +79991234567");
const httpUrl = z
  .url()
  .refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL")
  .transform((u) => u.replace(/\/+$/, ""));

export const configSchemas = {
  asterisk_bridge: z.object({ bridgeBaseUrl: httpUrl }),
  asterisk_ami: z.object({
    host: z.string().trim().min(1).max(255),
    port: z.coerce.number().int().min(1).max(65535).default(5038),
    username: z.string().trim().min(1).max(100),
    /** Dialplan context an Originate sends the answered manager leg to. */
    context: z.string().trim().min(1).max(80).default("from-internal"),
    /** Originate's Channel for the manager's phone, `{extension}` replaced: PJSIP/{extension}, SIP/{extension}. */
    channelPattern: z
      .string()
      .trim()
      .max(100)
      .regex(/^[A-Za-z0-9]+\/[^\s]*\{extension\}[^\s]*$/, "must be like PJSIP/{extension}")
      .default("PJSIP/{extension}"),
    /** `{file}` (the CDR's recordingfile), `{yyyy}` `{mm}` `{dd}`: where the PBX serves recordings over HTTP. */
    recordingUrlPattern: z
      .string()
      .trim()
      .max(500)
      .refine((v) => v === "" || (/^https?:\/\//.test(v) && v.includes("{file}")), "must be an http(s) URL with {file}")
      .optional(),
  }),
  twilio: z.object({
    accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, "must be an Account SID (AC + 32 hex digits)"),
    number: e164,
    record: z.boolean().default(true),
  }),
  retell: z.object({ agentId: z.string().trim().min(1).max(200), fromNumber: e164 }),
} satisfies Record<ConnectionKind, z.ZodType>;

export const secretSchemas = {
  asterisk_bridge: z.object({
    /** The bridge sends it in X-Relay-Secret; made for you when omitted, shown once. */
    webhookSecret: z.string().min(16, "must be at least 16 characters").max(200).optional(),
    /** The bridge's own clientId (seed 001's authentication of /api/makecallexternal). */
    clientId: z.string().min(1).max(200),
  }),
  asterisk_ami: z.object({ secret: z.string().min(1).max(200) }),
  twilio: z.object({ authToken: z.string().min(16).max(200) }),
  retell: z.object({ apiKey: z.string().min(8).max(300) }),
} satisfies Record<ConnectionKind, z.ZodType>;

export type ConnectionRecord = {
  id: string;
  orgId: string;
  kind: ConnectionKind;
  name: string;
  config: Record<string, unknown>;
  secrets: Record<string, string>;
  enabled: boolean;
  /** What the connection last reported, as read with it (a webhook skips re-writing what is already so). */
  activity?: { state: string; lastError: string | null; lastEventAt: Date | null };
};

export const connectionSchema = z.object({
  id: z.uuid(),
  kind: connectionKindSchema,
  name: z.string(),
  config: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  state: z.enum(["pending", "connected", "retrying", "error"]),
  stateSince: z.string(),
  lastError: z.string().nullable(),
  lastEventAt: z.string().nullable(),
  /** Where the provider posts this connection's events (none for AMI, which the worker connects to). */
  webhookUrl: z.string().nullable(),
  /** Only in the answer to the request that made it: the generated webhook secret. */
  webhookSecret: z.string().optional(),
  createdAt: z.string(),
});
export type ConnectionView = z.infer<typeof connectionSchema>;

export const createConnectionSchema = z.object({
  kind: connectionKindSchema,
  name: z.string().trim().min(1, "is required").max(120),
  config: z.record(z.string(), z.unknown()).default({}),
  secrets: z.record(z.string(), z.unknown()).default({}),
  enabled: z.boolean().default(true),
});
export const updateConnectionSchema = z.object({
  name: z.string().trim().min(1, "is required").max(120).optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  /** Replaces every secret when given; omitted, the stored ones stay. */
  secrets: z.record(z.string(), z.unknown()).optional(),
  enabled: z.boolean().optional(),
});

type Row = {
  id: string;
  org_id: string;
  kind: ConnectionKind;
  name: string;
  config: Record<string, unknown>;
  enabled: boolean;
  state: ConnectionView["state"];
  state_since: Date;
  last_error: string | null;
  last_event_at: Date | null;
  created_at: Date;
};
const COLUMNS = "id, org_id, kind, name, config, enabled, state, state_since, last_error, last_event_at, created_at";

const WEBHOOK_PATHS: Record<ConnectionKind, string | null> = {
  asterisk_bridge: "asterisk",
  asterisk_ami: null,
  twilio: "twilio-voice",
  retell: "retell",
};

export function connectionWebhookUrl(kind: ConnectionKind, id: string, req?: Request): string | null {
  const path = WEBHOOK_PATHS[kind];
  if (!path) return null;
  return `${appUrl(req)}/api/webhooks/${path}/${id}${kind === "twilio" ? "/voice" : ""}`;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toView(row: Row, req?: Request): ConnectionView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    config: row.config,
    enabled: row.enabled,
    state: row.state,
    stateSince: new Date(row.state_since).toISOString(),
    lastError: row.last_error,
    lastEventAt: iso(row.last_event_at),
    webhookUrl: connectionWebhookUrl(row.kind, row.id, req),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

function checkedConfig(kind: ConnectionKind, config: unknown) {
  return parseWith(configSchemas[kind], config, "config") as Record<string, unknown>;
}
function checkedSecrets(kind: ConnectionKind, secrets: unknown) {
  const parsed = parseWith(secretSchemas[kind], secrets, "secrets") as Record<string, string>;
  if (kind === "asterisk_bridge" && !parsed.webhookSecret) parsed.webhookSecret = randomBytes(24).toString("base64url");
  return parsed;
}

const seal = (id: string, secrets: Record<string, string>) => encryptJson(secrets, `telephony:${id}`);

export async function listConnections(sql: Sql, orgId: string, req?: Request): Promise<ConnectionView[]> {
  const rows = await sql.query<Row>(
    `select ${COLUMNS} from public.telephony_connections where org_id = $1 order by created_at, id`,
    [orgId],
  );
  return rows.map((r) => toView(r, req));
}

export async function getConnection(sql: Sql, orgId: string, id: string, req?: Request): Promise<ConnectionView> {
  const [row] = await sql.query<Row>(
    `select ${COLUMNS} from public.telephony_connections where org_id = $1 and id = $2`,
    [orgId, id],
  );
  if (!row) throw new ApiError("not_found", "no such telephony connection");
  return toView(row, req);
}

/** Creates a connection (as the admin, RLS); the bridge's generated webhook secret is in this answer only. */
export async function createConnection(
  sql: Sql,
  orgId: string,
  input: z.output<typeof createConnectionSchema>,
  req?: Request,
): Promise<ConnectionView> {
  const config = checkedConfig(input.kind, input.config);
  const secrets = checkedSecrets(input.kind, input.secrets);
  const [{ id }] = await sql.query<{ id: string }>("select gen_random_uuid() as id");
  await sql.query(
    `insert into public.telephony_connections (id, org_id, kind, name, config, secrets_encrypted, enabled)
     values ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
    [id, orgId, input.kind, input.name, JSON.stringify(config), seal(id, secrets), input.enabled],
  );
  const view = await getConnection(sql, orgId, id, req);
  return input.kind === "asterisk_bridge" ? { ...view, webhookSecret: secrets.webhookSecret } : view;
}

export async function updateConnection(
  sql: Sql,
  orgId: string,
  id: string,
  patch: z.output<typeof updateConnectionSchema>,
  req?: Request,
): Promise<ConnectionView> {
  const current = await getConnection(sql, orgId, id);
  const config = patch.config ? checkedConfig(current.kind, patch.config) : null;
  const secrets = patch.secrets ? checkedSecrets(current.kind, patch.secrets) : null;
  // secrets_encrypted is only written, never read, by members (no select grant): set it only when given.
  await sql.query(
    `update public.telephony_connections
        set name = coalesce($3, name), config = coalesce($4::jsonb, config),
            ${secrets ? "secrets_encrypted = $5," : ""} enabled = coalesce($6, enabled)
      where org_id = $1 and id = $2 and ($5::text is null or true)`,
    [
      orgId,
      id,
      patch.name ?? null,
      config && JSON.stringify(config),
      secrets && seal(id, secrets),
      patch.enabled ?? null,
    ],
  );
  const view = await getConnection(sql, orgId, id, req);
  return secrets && current.kind === "asterisk_bridge" ? { ...view, webhookSecret: secrets.webhookSecret } : view;
}

export async function deleteConnection(sql: Sql, orgId: string, id: string): Promise<void> {
  const rows = await sql.query("delete from public.telephony_connections where org_id = $1 and id = $2 returning id", [
    orgId,
    id,
  ]);
  if (rows.length === 0) throw new ApiError("not_found", "no such telephony connection");
}

/** The connection with its secrets, as the service (webhooks, the worker, click-to-call). Undefined if unknown. */
export async function loadConnectionRecord(sql: Sql, id: string): Promise<ConnectionRecord | undefined> {
  if (!z.uuid().safeParse(id).success) return undefined;
  const [row] = await sql.query<Row & { secrets_encrypted: string | null }>(
    `select ${COLUMNS}, secrets_encrypted from public.telephony_connections where id = $1`,
    [id],
  );
  if (!row) return undefined;
  return {
    id: row.id,
    orgId: row.org_id,
    kind: row.kind,
    name: row.name,
    config: row.config,
    secrets: row.secrets_encrypted
      ? decryptJson<Record<string, string>>(row.secrets_encrypted, `telephony:${row.id}`)
      : {},
    enabled: row.enabled,
    activity: {
      state: row.state,
      lastError: row.last_error,
      lastEventAt: row.last_event_at ? new Date(row.last_event_at) : null,
    },
  };
}

/** Records what the provider last said about the connection (test result, AMI supervisor, a webhook heard). */
export async function setConnectionState(
  sql: Sql,
  id: string,
  state: ConnectionView["state"],
  lastError: string | null = null,
): Promise<void> {
  await sql.query(
    `update public.telephony_connections
        set state = $2, last_error = $3, state_since = case when state = $2 then state_since else now() end
      where id = $1 and (state <> $2 or last_error is distinct from $3)`,
    [id, state, lastError?.slice(0, 2000) ?? null],
  );
}
