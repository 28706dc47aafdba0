import type { JsonObject } from "@/lib/jobs/registry";
import { asService } from "@/lib/db";
import { UPLOAD_BATCH } from "./client";
import { clientFor, logSync, type Connection } from "./connections";
import { pullHistory } from "./sync-in";

// The first sync of an account that already has customers: our contacts not yet linked go up in
// customers/upload batches of 50 (externalId = our contact id, so their history entries come back marked
// as ours), each batch's links committed with its progress, then RetailCRM's own customers and orders come in
// through the change feed from the start. Re-run after a failure, it carries on from the contacts left.

const PAGE = 500;

export async function runFirstSync(conn: Connection, progress: (p: JsonObject) => Promise<void>, signal?: AbortSignal) {
  const client = clientFor(conn, { signal });
  const [{ total }] = await asService((sql) =>
    sql.query<{ total: number }>(
      `select count(*)::int as total from public.contacts c
        where c.org_id = $1 and c.merged_into is null
          and not exists (select 1 from public.retailcrm_customers l where l.connection_id = $2 and l.contact_id = c.id)`,
      [conn.orgId, conn.id],
    ),
  );
  let uploaded = 0;
  const report = async (phase: string, extra: JsonObject = {}) => {
    const p = { phase, uploaded, total, ...extra };
    await progress(p);
    await asService((sql) =>
      sql.query(
        `insert into public.retailcrm_sync_state (org_id, connection_id, entity, progress, last_run_at, items_out)
         values ($1, $2, 'first_sync', $3::jsonb, now(), $4)
         on conflict (connection_id, entity) do update set progress = excluded.progress, last_run_at = now(),
           items_out = excluded.items_out, updated_at = now()`,
        [conn.orgId, conn.id, JSON.stringify(p), uploaded],
      ),
    );
  };
  await report("upload");
  for (;;) {
    const rows = await asService((sql) =>
      sql.query<{ id: string; name: string; phone: string | null; email: string | null }>(
        `select c.id, c.name, c.phone, c.email from public.contacts c
          where c.org_id = $1 and c.merged_into is null
            and not exists (select 1 from public.retailcrm_customers l where l.connection_id = $2 and l.contact_id = c.id)
          order by c.id limit $3`,
        [conn.orgId, conn.id, PAGE],
      ),
    );
    if (!rows.length) break;
    for (let i = 0; i < rows.length; i += UPLOAD_BATCH) {
      const batch = rows.slice(i, i + UPLOAD_BATCH);
      const ids = await client.upload(
        "customers",
        batch.map((c) => {
          const [first, ...rest] = (c.name || c.phone || "—").split(" ");
          return {
            externalId: c.id,
            firstName: first,
            ...(rest.length ? { lastName: rest.join(" ") } : {}),
            ...(c.phone ? { phones: [{ number: c.phone }] } : {}),
            ...(c.email ? { email: c.email } : {}),
          };
        }),
      );
      await asService(async (sql) => {
        await sql.query(
          `insert into public.retailcrm_customers (org_id, connection_id, retailcrm_customer_id, contact_id, external_id, phone)
           select $1, $2, r.rid, r.cid, r.cid::text,
                  case when exists (select 1 from public.retailcrm_customers x where x.connection_id = $2 and x.phone = r.phone)
                       then null else r.phone end
             from unnest($3::bigint[], $4::uuid[], $5::text[]) as r(rid, cid, phone)
           on conflict do nothing`,
          [conn.orgId, conn.id, ids, batch.map((c) => c.id), batch.map((c) => c.phone)],
        );
      });
      uploaded += batch.length;
      await report("upload");
    }
  }
  await asService((sql) =>
    logSync(sql, conn, {
      direction: "out",
      entity: "customer",
      kind: "sent",
      event: { code: "first_sync_uploaded", values: { count: uploaded } },
      count: uploaded,
    }),
  );
  await report("import");
  const customers = await pullHistory(conn, "customers", signal);
  const orders = await pullHistory(conn, "orders", signal);
  await report("done", { imported: customers.applied + orders.applied });
  return { uploaded, total, imported: customers.applied, orders: orders.applied };
}
