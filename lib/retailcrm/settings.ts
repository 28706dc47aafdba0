import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { afterCommit } from "@/lib/api/handler";
import { asService, type Sql } from "@/lib/db";
import { RetailcrmError, type ClientOptions } from "./client";
import {
  clientFor,
  loadConnectionAsAdmin,
  logSync,
  SYNC_LOG_EVENTS,
  makeCallUrlOf,
  setConnectionStatus,
  statusOfError,
  webhookUrlOf,
  type Connection,
} from "./connections";

// Settings → Integrations → RetailCRM, for admins: the connection (never its key), the URLs to paste into
// RetailCRM, the sync state per feed, and the sync log (keyset-paged, newest first).
//
// Everything a request reads, it reads in its own RLS transaction (the secrets through
// private.retailcrm_secrets); what calls RetailCRM runs after that transaction has committed (afterCommit), so
// no request holds a database connection while it waits for RetailCRM or asks the pool for a second one.

/** An admin is waiting: one retry at most, and a short limit per attempt. */
const INTERACTIVE: ClientOptions = { maxAttempts: 2, timeoutMs: 6_000 };

export const MODULE_CODE = "relay-crm";

export const syncNowSchema = z.object({ kind: z.enum(["history", "first"]).default("history") });

export const connectionViewSchema = z.object({
  id: z.uuid(),
  apiUrl: z.string(),
  site: z.string(),
  pipelineId: z.uuid().nullable(),
  statusMap: z.record(z.string(), z.string()),
  managerMap: z.array(z.object({ memberId: z.string(), userId: z.number(), code: z.string() })),
  enabled: z.boolean(),
  status: z.enum(["pending", "connected", "error", "rate_limited", "unreachable"]),
  lastError: z.string().nullable(),
  moduleCode: z.string().nullable(),
  moduleRegisteredAt: z.string().nullable(),
  webhookUrl: z.string(),
  makeCallUrl: z.string(),
  sync: z.array(
    z.object({
      entity: z.string(),
      sinceId: z.number(),
      lastRunAt: z.string().nullable(),
      lastSuccessAt: z.string().nullable(),
      itemsIn: z.number(),
      itemsOut: z.number(),
      lastError: z.string().nullable(),
      progress: z.record(z.string(), z.unknown()),
    }),
  ),
  /** Sync runs asked for and not finished: "sync now", the first sync, or a scheduled run that is retrying. */
  activeJobs: z.array(
    z.object({
      kind: z.enum(["history", "first"]),
      status: z.enum(["queued", "running"]),
      attempts: z.number(),
      /** Why the last attempt failed (RetailCRM's message), while it waits to retry. */
      lastError: z.string().nullable(),
      runAt: z.string(),
      progress: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
});
export type ConnectionView = z.infer<typeof connectionViewSchema>;

export async function getConnectionView(sql: Sql, orgId: string, req?: Request): Promise<ConnectionView | null> {
  const [row] = await sql.query<Omit<ConnectionView, "webhookUrl" | "makeCallUrl" | "sync">>(
    `select id, api_url as "apiUrl", site, pipeline_id as "pipelineId", status_map as "statusMap",
            manager_map as "managerMap", enabled, status, last_error as "lastError", module_code as "moduleCode",
            module_registered_at as "moduleRegisteredAt"
       from public.retailcrm_connections where org_id = $1`,
    [orgId],
  );
  if (!row) return null;
  const sync = await sql.query<ConnectionView["sync"][number]>(
    `select entity, since_id::int as "sinceId", last_run_at as "lastRunAt", last_success_at as "lastSuccessAt",
            items_in as "itemsIn", items_out as "itemsOut", last_error as "lastError", progress
       from public.retailcrm_sync_state where connection_id = $1 order by entity`,
    [row.id],
  );
  const jobs = await sql.query<ConnectionView["activeJobs"][number] & { runAt: Date | string }>(
    `select case when name = 'retailcrm.first-sync' then 'first' else 'history' end as kind, status, attempts,
            last_error as "lastError", run_at as "runAt", progress
       from public.jobs
      where org_id = $1 and name in ('retailcrm.sync', 'retailcrm.first-sync') and status in ('queued', 'running')
        and payload ->> 'connectionId' = $2::text and (dedupe_key not like 'due:%' or attempts > 0)
      order by created_at`,
    [orgId, row.id],
  );
  // The webhook URL carries its secret, for the admin to copy into RetailCRM (read as the admin, in this transaction).
  const conn = (await loadConnectionAsAdmin(sql, orgId))!;
  return connectionViewSchema.parse({
    ...row,
    moduleRegisteredAt: row.moduleRegisteredAt ? new Date(row.moduleRegisteredAt).toISOString() : null,
    sync: sync.map((s) => ({
      ...s,
      lastRunAt: s.lastRunAt ? new Date(s.lastRunAt).toISOString() : null,
      lastSuccessAt: s.lastSuccessAt ? new Date(s.lastSuccessAt).toISOString() : null,
    })),
    activeJobs: jobs.map((j) => ({ ...j, runAt: new Date(j.runAt).toISOString() })),
    webhookUrl: webhookUrlOf(conn, req),
    makeCallUrl: makeCallUrlOf(conn, req),
  });
}

async function adminConnection(sql: Sql, orgId: string): Promise<Connection> {
  const conn = await loadConnectionAsAdmin(sql, orgId);
  if (!conn) throw new ApiError("not_found", "RetailCRM is not connected");
  return conn;
}

/** "Test connection": asks RetailCRM what the key may do (after commit); the result is the connection's status. */
export async function testConnection(sql: Sql, orgId: string) {
  const conn = await adminConnection(sql, orgId);
  return afterCommit(async () => {
    try {
      const r = await clientFor(conn, INTERACTIVE).credentials();
      await asService((s) => setConnectionStatus(s, conn.id, "connected", null));
      return { ok: true as const, credentials: r.credentials ?? [] };
    } catch (error) {
      if (!(error instanceof RetailcrmError)) throw error;
      const status = statusOfError(error);
      await asService((s) => setConnectionStatus(s, conn.id, status, error.message));
      return { ok: false as const, status, message: error.message, retailcrmMessage: error.errorMsg ?? null };
    }
  });
}

/** Registers (or updates) our telephony integration module: makeCallUrl, events, the managers' codes. */
export async function registerTelephonyModule(sql: Sql, orgId: string, req?: Request) {
  const conn = await adminConnection(sql, orgId);
  const makeCallUrl = makeCallUrlOf(conn, req);
  const integrationModule = {
    code: MODULE_CODE,
    integrationCode: MODULE_CODE,
    active: true,
    name: "Relay CRM",
    clientId: conn.clientId,
    baseUrl: makeCallUrl.replace(/\/make-call$/, ""),
    accountUrl: `${new URL(makeCallUrl).origin}/settings/integrations`,
    integrations: {
      telephony: {
        makeCallUrl,
        allowEdit: false,
        inputEventSupported: true,
        outputEventSupported: true,
        hangupEventSupported: true,
        additionalCodes: conn.managerMap.map((m) => ({ userId: m.userId, code: m.code })),
      },
    },
  };
  return afterCommit(async () => {
    try {
      await clientFor(conn, INTERACTIVE).integrationModuleEdit(MODULE_CODE, integrationModule);
    } catch (error) {
      if (!(error instanceof RetailcrmError)) throw error;
      await asService(async (s) => {
        await setConnectionStatus(s, conn.id, statusOfError(error), error.message);
        await logSync(s, conn, { direction: "out", entity: "module", kind: "error", message: error.message });
      });
      return { registered: false as const, message: error.message };
    }
    await asService(async (s) => {
      await s.query(
        "update public.retailcrm_connections set module_code = $2, module_registered_at = now() where id = $1",
        [conn.id, MODULE_CODE],
      );
      await logSync(s, conn, {
        direction: "out",
        entity: "module",
        kind: "sent",
        event: { code: "module_registered" },
      });
    });
    return { registered: true as const, code: MODULE_CODE };
  });
}

export const syncLogQuery = z.object({
  before: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const syncLogEntrySchema = z.object({
  id: z.uuid(),
  direction: z.string(),
  entity: z.string(),
  kind: z.string(),
  retailcrmId: z.number().nullable(),
  localId: z.string().nullable(),
  field: z.string().nullable(),
  message: z.string(),
  event: z.enum(SYNC_LOG_EVENTS).nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  createdAt: z.string(),
});

/** Newest first; `before` is the last row's cursor (createdAt|id). */
export async function listSyncLog(sql: Sql, orgId: string, q: z.output<typeof syncLogQuery>) {
  const [at, id] = q.before ? q.before.split("|") : [];
  if (q.before && (!id || Number.isNaN(Date.parse(at)) || !z.uuid().safeParse(id).success))
    throw new ApiError("bad_request", "before: not a cursor from this list");
  const rows = await sql.query<z.infer<typeof syncLogEntrySchema>>(
    `select id, direction, entity, kind, retailcrm_id::int as "retailcrmId", local_id as "localId", field, message,
            event, details, created_at as "createdAt"
       from public.retailcrm_sync_log
      where org_id = $1 and ($2::timestamptz is null or (created_at, id) < ($2::timestamptz, $3::uuid))
      order by created_at desc, id desc limit $4`,
    [orgId, at ?? null, id ?? null, q.limit],
  );
  const items = rows.map((r) => syncLogEntrySchema.parse({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
  const last = items.at(-1);
  return { items, nextCursor: items.length === q.limit && last ? `${last.createdAt}|${last.id}` : null };
}
