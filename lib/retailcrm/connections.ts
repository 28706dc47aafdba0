import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { appUrl } from "@/lib/app-url";
import { decryptJson, encryptJson } from "@/lib/crypto";
import type { Sql } from "@/lib/db";
import { RetailcrmClient, type ClientOptions, type RetailcrmError } from "./client";

// One RetailCRM account per organisation. Its API key, the secret in our trigger webhook URL and the clientId
// RetailCRM sends to makeCallUrl are sealed together (lib/crypto.ts, bound to the connection id); members can
// set them but never read them back (column grant), admins see the URLs that carry the secrets.

export const managerLinkSchema = z.object({
  memberId: z.uuid(),
  /** RetailCRM user id. */
  userId: z.number().int().positive(),
  /** The manager's extension / code in RetailCRM's telephony. */
  code: z.string().trim().min(1).max(20),
});
export type ManagerLink = z.infer<typeof managerLinkSchema>;

export const saveConnectionSchema = z.object({
  apiUrl: z
    .url()
    .max(300)
    .refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL")
    .transform((u) => u.replace(/\/+$/, "").replace(/\/api\/v5$/, "")),
  /** Required when connecting; left out, the stored key stays. */
  apiKey: z.string().trim().min(8).max(200).optional(),
  site: z.string().trim().min(1).max(100),
  pipelineId: z.uuid().nullable().optional(),
  statusMap: z.record(z.string().trim().min(1).max(100), z.uuid()).default({}),
  managerMap: z.array(managerLinkSchema).max(500).default([]),
  enabled: z.boolean().default(true),
});
export type SaveConnectionInput = z.output<typeof saveConnectionSchema>;

type Secrets = { apiKey: string; webhookSecret: string; clientId: string };

export type Connection = {
  id: string;
  orgId: string;
  apiUrl: string;
  site: string;
  pipelineId: string | null;
  statusMap: Record<string, string>;
  managerMap: ManagerLink[];
  moduleCode: string | null;
  enabled: boolean;
} & Secrets;

const COLUMNS = `id, org_id as "orgId", api_url as "apiUrl", site, pipeline_id as "pipelineId",
  status_map as "statusMap", manager_map as "managerMap", module_code as "moduleCode", enabled`;

const newSecret = () => randomBytes(24).toString("base64url");

/** Creates or updates the organisation's connection (admins, through RLS). */
export async function saveConnection(sql: Sql, orgId: string, input: SaveConnectionInput) {
  if (input.pipelineId) {
    const [p] = await sql.query("select 1 from public.pipelines where id = $1 and org_id = $2", [
      input.pipelineId,
      orgId,
    ]);
    if (!p) throw new ApiError("bad_request", "pipelineId: no such pipeline");
  }
  const stageIds = Object.values(input.statusMap);
  if (stageIds.length) {
    if (!input.pipelineId) throw new ApiError("bad_request", "statusMap: choose the pipeline first");
    const found = await sql.query<{ id: string }>(
      "select id from public.stages where pipeline_id = $1 and id = any($2::uuid[])",
      [input.pipelineId, stageIds],
    );
    if (new Set(found.map((r) => r.id)).size !== new Set(stageIds).size)
      throw new ApiError("bad_request", "statusMap: a stage is not one of the pipeline's");
  }
  if (input.managerMap.length) {
    const members = await sql.query<{ user_id: string }>(
      "select user_id from public.memberships where org_id = $1 and user_id = any($2::uuid[])",
      [orgId, input.managerMap.map((m) => m.memberId)],
    );
    if (members.length !== new Set(input.managerMap.map((m) => m.memberId)).size)
      throw new ApiError("bad_request", "managerMap: memberId is not a member of this organisation");
  }
  const existing = await loadSecretsAsMember(sql, orgId);
  const values = [
    input.apiUrl,
    input.site,
    input.pipelineId ?? null,
    JSON.stringify(input.statusMap),
    JSON.stringify(input.managerMap),
    input.enabled,
  ];
  if (!existing) {
    if (!input.apiKey) throw new ApiError("bad_request", "apiKey: required to connect");
    const id = randomUUID();
    const secrets: Secrets = { apiKey: input.apiKey, webhookSecret: newSecret(), clientId: newSecret() };
    await sql.query(
      `insert into public.retailcrm_connections (id, org_id, api_url, site, pipeline_id, status_map, manager_map,
                                                 enabled, secrets_encrypted)
       values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9)`,
      [id, orgId, ...values, encryptJson(secrets, id)],
    );
    return id;
  }
  await sql.query(
    `update public.retailcrm_connections set api_url = $2, site = $3, pipeline_id = $4, status_map = $5::jsonb,
            manager_map = $6::jsonb, enabled = $7 ${input.apiKey ? ", secrets_encrypted = $8, status = 'pending'" : ""}
      where id = $1`,
    [existing.id, ...values, ...(input.apiKey ? [existing.reseal(input.apiKey)] : [])],
  );
  return existing.id;
}

// A member cannot read secrets_encrypted; a new key is sealed with the old secrets, read as the service would.
async function loadSecretsAsMember(sql: Sql, orgId: string) {
  const [row] = await sql.query<{ id: string }>("select id from public.retailcrm_connections where org_id = $1", [
    orgId,
  ]);
  if (!row) return undefined;
  const [sealed] = await sql.query<{ secrets: string }>("select private.retailcrm_secrets($1) as secrets", [row.id]);
  const current = decryptJson<Secrets>(sealed.secrets, row.id);
  return { id: row.id, reseal: (apiKey: string) => encryptJson({ ...current, apiKey }, row.id) };
}

/**
 * The organisation's connection with its secrets, read in the admin's own request transaction: the sealed
 * secrets through private.retailcrm_secrets (admins of the org only), opened here. Never a second connection
 * (asService) inside a request: with a small pool that waits forever, and PGlite has only the one.
 */
export async function loadConnectionAsAdmin(sql: Sql, orgId: string): Promise<Connection | undefined> {
  const [row] = await sql.query<Row>(
    `select ${COLUMNS}, private.retailcrm_secrets(id) as secrets_encrypted
       from public.retailcrm_connections where org_id = $1`,
    [orgId],
  );
  if (!row) return undefined;
  if (!row.secrets_encrypted) throw new ApiError("forbidden", "needs the admin role or higher");
  return withSecrets(row);
}

type Row = Omit<Connection, keyof Secrets> & { secrets_encrypted: string };

const withSecrets = (row: Row): Connection => {
  const { secrets_encrypted, ...rest } = row;
  return { ...rest, ...decryptJson<Secrets>(secrets_encrypted, row.id) };
};

/** The connection with its secrets, as the service (webhooks, jobs). */
export async function loadConnection(sql: Sql, id: string): Promise<Connection | undefined> {
  const [row] = await sql.query<Row>(
    `select ${COLUMNS}, secrets_encrypted from public.retailcrm_connections where id = $1`,
    [id],
  );
  return row && withSecrets(row);
}

export async function connectionOfOrg(sql: Sql, orgId: string): Promise<Connection | undefined> {
  const [row] = await sql.query<Row>(
    `select ${COLUMNS}, secrets_encrypted from public.retailcrm_connections where org_id = $1 and enabled`,
    [orgId],
  );
  return row && withSecrets(row);
}

/** Whether the organisation syncs with RetailCRM at all: one indexed look-up, no secrets decrypted. */
export async function isConnected(sql: Sql, orgId: string): Promise<boolean> {
  const rows = await sql.query("select 1 from public.retailcrm_connections where org_id = $1 and enabled", [orgId]);
  return rows.length > 0;
}

export const clientFor = (c: Connection, options?: ClientOptions) =>
  new RetailcrmClient({ apiUrl: c.apiUrl, apiKey: c.apiKey, site: c.site }, options);

/** Constant-time comparison of a presented secret with the stored one. */
export function secretMatches(presented: string | null | undefined, expected: string) {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const webhookUrlOf = (c: Pick<Connection, "id" | "webhookSecret">, req?: Request) =>
  `${appUrl(req)}/api/webhooks/retailcrm/${c.id}?secret=${encodeURIComponent(c.webhookSecret)}`;
export const makeCallUrlOf = (c: Pick<Connection, "id">, req?: Request) =>
  `${appUrl(req)}/api/retailcrm/${c.id}/make-call`;

export type ConnectionStatus = "connected" | "error" | "rate_limited" | "unreachable";

/** What a failed call says about the connection: RetailCRM limiting us, not answering, or refusing. */
export const statusOfError = (e: RetailcrmError): ConnectionStatus =>
  e.status === 429 || e.status === 503 ? "rate_limited" : e.status === 0 || e.status >= 500 ? "unreachable" : "error";

/** Records the connection's health as users see it in Settings. */
export async function setConnectionStatus(sql: Sql, id: string, status: ConnectionStatus, error: string | null) {
  await sql.query("update public.retailcrm_connections set status = $2, last_error = $3 where id = $1", [
    id,
    status,
    error?.slice(0, 2000) ?? null,
  ]);
}

export const SYNC_LOG_EVENTS = [
  "module_registered",
  "first_sync_uploaded",
  "customer_created",
  "customer_imported",
  "customer_edited",
  "field_applied",
  "conflict_theirs",
  "conflict_ours",
  "order_created",
  "order_imported",
  "status_applied",
  "status_sent",
  "call_event_sent",
  "call_uploaded",
  "make_call_requested",
] as const;
export type SyncLogEvent = {
  code: (typeof SYNC_LOG_EVENTS)[number];
  values?: Record<string, string | number | boolean>;
};

export async function logSync(
  sql: Sql,
  c: Pick<Connection, "id" | "orgId">,
  entry: {
    direction: "in" | "out";
    entity: "customer" | "order" | "call" | "module" | "connection";
    kind: "applied" | "sent" | "conflict" | "error" | "echo_skipped";
    retailcrmId?: number | null;
    localId?: string | null;
    field?: string | null;
    /** What happened, worded by the reader's UI (`retailcrm.log.<code>` with the values). */
    event?: SyncLogEvent;
    /** RetailCRM's or the network's own words (errors). */
    message?: string;
    /** How many items a "sent" entry stands for (a first sync's batch summary); 1 by default. */
    count?: number;
  },
) {
  // What went out counts towards the feed's "items out" in Settings.
  if (entry.direction === "out" && entry.kind === "sent" && (entry.entity === "customer" || entry.entity === "order"))
    await sql.query(
      `insert into public.retailcrm_sync_state (org_id, connection_id, entity, items_out) values ($1, $2, $3, $4)
       on conflict (connection_id, entity) do update
         set items_out = public.retailcrm_sync_state.items_out + excluded.items_out, updated_at = now()`,
      [c.orgId, c.id, `${entry.entity}s`, entry.count ?? 1],
    );
  await sql.query(
    `insert into public.retailcrm_sync_log (org_id, connection_id, direction, entity, kind, retailcrm_id, local_id,
                                            field, message, event, details)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      c.orgId,
      c.id,
      entry.direction,
      entry.entity,
      entry.kind,
      entry.retailcrmId ?? null,
      entry.localId ?? null,
      entry.field ?? null,
      (entry.message ?? "").slice(0, 2000),
      entry.event?.code ?? null,
      JSON.stringify(entry.event?.values ?? {}),
    ],
  );
}
