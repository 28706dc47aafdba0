import { asService, type Sql } from "@/lib/db";
import { createDeal } from "@/lib/pipeline/deals";
import { moveDeal } from "@/lib/pipeline/moves";
import { countryOf } from "@/lib/inbox/phone";
import type { HistoryEntry } from "./client";
import { clientFor, logSync, type Connection } from "./connections";
import { phonesOf } from "./customers";

// RetailCRM → us through its change feed. Each page of customers/history or orders/history is applied in one
// transaction together with the cursor (sinceId) it moves past, so a restart re-reads at most the page that
// had not committed and nothing is applied twice. Entries made with our own API key (source "api",
// apiKey.current) are our writes coming back and are skipped. A field changed on both sides goes to the
// newer change: our side's time is kept per field in the link's field_times.

export type Entity = "customers" | "orders";
type Tx = {
  sql: Sql;
  conn: Connection;
  afterCommit: (() => Promise<void>)[];
  fixIds: { id: number; externalId: string }[];
};

/** "Y-m-d H:i:s" as UTC milliseconds (the account's zone is not in the feed; UTC is the documented assumption). */
export const historyTime = (s: string) => Date.parse(`${s.replace(" ", "T")}Z`);

const isEcho = (e: HistoryEntry) => e.source === "api" && e.apiKey?.current === true;

async function cursorOf(sql: Sql, conn: Connection, entity: Entity) {
  const [row] = await sql.query<{ since: string }>(
    "select since_id::text as since from public.retailcrm_sync_state where connection_id = $1 and entity = $2",
    [conn.id, entity],
  );
  return Number(row?.since ?? 0);
}

async function saveCursor(sql: Sql, conn: Connection, entity: Entity, sinceId: number, applied: number) {
  await sql.query(
    `insert into public.retailcrm_sync_state (org_id, connection_id, entity, since_id, items_in, last_run_at, last_success_at)
     values ($1, $2, $3, $4, $5, now(), now())
     on conflict (connection_id, entity) do update
       set since_id = excluded.since_id, items_in = public.retailcrm_sync_state.items_in + excluded.items_in,
           last_run_at = now(), last_success_at = now(), last_error = null, updated_at = now()`,
    [conn.orgId, conn.id, entity, sinceId, applied],
  );
}

/** Our contact for a RetailCRM customer: the link, else a contact with one of its phones, else a new one. */
async function contactFor(tx: Tx, customer: Record<string, unknown> & { id: number }) {
  const { sql, conn } = tx;
  const [link] = await sql.query<{ contact_id: string | null }>(
    "select contact_id from public.retailcrm_customers where connection_id = $1 and retailcrm_customer_id = $2",
    [conn.id, customer.id],
  );
  if (link?.contact_id) return link.contact_id;
  const phones = phonesOf(customer);
  const [byPhone] = phones.length
    ? await sql.query<{ id: string }>(
        `select c.id from public.contacts c
          where c.org_id = $1 and c.merged_into is null
            and (c.phone = any($2::text[])
                 or exists (select 1 from public.contact_identities i where i.contact_id = c.id and i.phone = any($2::text[])))
          order by c.created_at limit 1`,
        [conn.orgId, phones],
      )
    : [];
  const name = [customer.firstName, customer.lastName].filter(Boolean).join(" ").slice(0, 200);
  const contactId =
    byPhone?.id ??
    (
      await sql.query<{ id: string }>(
        "insert into public.contacts (org_id, name, phone, email) values ($1, $2, $3, $4) returning id",
        [conn.orgId, name, phones[0] ?? null, (customer.email as string) || null],
      )
    )[0].id;
  const [taken] = phones[0]
    ? await sql.query("select 1 from public.retailcrm_customers where connection_id = $1 and phone = $2", [
        conn.id,
        phones[0],
      ])
    : [];
  await sql.query(
    `insert into public.retailcrm_customers (org_id, connection_id, retailcrm_customer_id, phone, contact_id, external_id)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (connection_id, retailcrm_customer_id) do update set contact_id = excluded.contact_id`,
    [conn.orgId, conn.id, customer.id, taken ? null : (phones[0] ?? null), contactId, customer.externalId ?? contactId],
  );
  if (!customer.externalId) tx.fixIds.push({ id: customer.id, externalId: contactId });
  return contactId;
}

/** Whether their change of `field` wins over ours; a change on both sides is logged as a conflict. */
async function theirsWins(
  tx: Tx,
  table: "retailcrm_customers" | "retailcrm_orders",
  key: string,
  keyValue: unknown,
  field: string,
  e: HistoryEntry,
  localId: string,
) {
  const [row] = await tx.sql.query<{ t: string | null }>(
    `select field_times ->> $3 as t from public.${table} where connection_id = $1 and ${key} = $2`,
    [tx.conn.id, keyValue, field],
  );
  if (!row?.t) return true;
  const ours = Date.parse(row.t);
  const theirs = historyTime(e.createdAt);
  const wins = theirs >= ours;
  await logSync(tx.sql, tx.conn, {
    direction: "in",
    entity: table === "retailcrm_customers" ? "customer" : "order",
    kind: "conflict",
    retailcrmId: (e.customer ?? e.order)?.id,
    localId,
    field,
    event: wins
      ? { code: "conflict_theirs", values: { at: new Date(theirs).toISOString() } }
      : { code: "conflict_ours", values: { at: new Date(ours).toISOString() } },
  });
  await tx.sql.query(
    `update public.${table} set field_times = field_times - $3 where connection_id = $1 and ${key} = $2`,
    [tx.conn.id, keyValue, field],
  );
  return wins;
}

async function applyCustomer(tx: Tx, e: HistoryEntry): Promise<boolean> {
  const customer = e.customer;
  if (!customer) return false;
  if (e.created) {
    const contactId = await contactFor(tx, customer);
    await logSync(tx.sql, tx.conn, {
      direction: "in",
      entity: "customer",
      kind: "applied",
      retailcrmId: customer.id,
      localId: contactId,
      field: "created",
      event: {
        code: "customer_imported",
        values: { name: [customer.firstName, customer.lastName].filter(Boolean).join(" ") || `#${customer.id}` },
      },
    });
    return true;
  }
  const column = { first_name: "name", last_name: "name", email: "email", phones: "phone" }[e.field];
  if (!column) return false;
  const contactId = await contactFor(tx, customer);
  if (!(await theirsWins(tx, "retailcrm_customers", "retailcrm_customer_id", customer.id, column, e, contactId)))
    return false;
  let value: string | null;
  if (column === "phone") {
    const [current] = await tx.sql.query<{ phone: string | null }>("select phone from public.contacts where id = $1", [
      contactId,
    ]);
    value =
      phonesOf(
        { phones: Array.isArray(e.newValue) ? e.newValue : [{ number: e.newValue }] },
        countryOf(current?.phone),
      )[0] ?? null;
  } else if (column === "name") {
    const [c] = await tx.sql.query<{ name: string }>("select name from public.contacts where id = $1", [contactId]);
    const parts = (c?.name ?? "").split(" ");
    const next = String(e.newValue ?? "");
    value = (e.field === "first_name" ? [next, ...parts.slice(1)] : [parts[0], next])
      .filter(Boolean)
      .join(" ")
      .slice(0, 200);
  } else value = (e.newValue as string) || null;
  await tx.sql.query(`update public.contacts set ${column} = $3 where org_id = $1 and id = $2`, [
    tx.conn.orgId,
    contactId,
    value,
  ]);
  await logSync(tx.sql, tx.conn, {
    direction: "in",
    entity: "customer",
    kind: "applied",
    retailcrmId: customer.id,
    localId: contactId,
    field: column,
    event: { code: "field_applied", values: { field: e.field, value: String(value ?? "") } },
  });
  return true;
}

const statusCode = (v: unknown) =>
  v && typeof v === "object" ? (v as { code?: string }).code : typeof v === "string" ? v : undefined;

async function applyOrder(tx: Tx, e: HistoryEntry): Promise<boolean> {
  const order = e.order;
  const { sql, conn } = tx;
  if (!order || !conn.pipelineId) return false;
  const [link] = await sql.query<{ deal_id: string | null; external_id: string; status_code: string | null }>(
    `select deal_id, external_id, status_code from public.retailcrm_orders
      where connection_id = $1 and (retailcrm_order_id = $2 or external_id = $3)`,
    [conn.id, order.id, order.externalId ?? ""],
  );
  if (e.created) {
    if (link) return false;
    const code = statusCode(order.status);
    const stageId = code ? conn.statusMap[code] : undefined;
    const customerId = (order.customer as { id?: number } | undefined)?.id;
    const contactId = customerId
      ? await contactFor(tx, { ...(order.customer as Record<string, unknown>), id: customerId })
      : null;
    const { deal, afterCommit } = await createDeal(sql, conn.orgId, {
      pipelineId: conn.pipelineId,
      stageId,
      title: `RetailCRM #${String(order.number ?? order.id)}`.slice(0, 300),
      contactId: contactId ?? undefined,
      amount: order.totalSumm != null ? String(order.totalSumm) : undefined,
    } as Parameters<typeof createDeal>[2]);
    if (afterCommit) tx.afterCommit.push(afterCommit);
    await sql.query(
      `insert into public.retailcrm_orders (org_id, connection_id, retailcrm_order_id, external_id, deal_id, status_code)
       values ($1, $2, $3, $4, $5, $6)`,
      [conn.orgId, conn.id, order.id, order.externalId ?? deal.id, deal.id, code ?? null],
    );
    if (!order.externalId) tx.fixIds.push({ id: order.id, externalId: deal.id });
    await logSync(sql, conn, {
      direction: "in",
      entity: "order",
      kind: "applied",
      retailcrmId: order.id,
      localId: deal.id,
      field: "created",
      event: { code: "order_imported" },
    });
    return true;
  }
  if (e.field !== "status" || !link?.deal_id) return false;
  const code = statusCode(e.newValue);
  const stageId = code ? conn.statusMap[code] : undefined;
  // Recorded first: our deal-moved listener compares with it and does not send this status back.
  await sql.query(
    "update public.retailcrm_orders set status_code = $3, retailcrm_order_id = $4 where connection_id = $1 and deal_id = $2",
    [conn.id, link.deal_id, code ?? null, order.id],
  );
  if (!stageId) return false;
  if (!(await theirsWins(tx, "retailcrm_orders", "deal_id", link.deal_id, "status", e, link.deal_id))) return false;
  const moved = await moveDeal(sql, conn.orgId, link.deal_id, { stageId }, { auto: true });
  if (moved.afterCommit) tx.afterCommit.push(moved.afterCommit);
  await logSync(sql, conn, {
    direction: "in",
    entity: "order",
    kind: "applied",
    retailcrmId: order.id,
    localId: link.deal_id,
    field: "status",
    event: { code: "status_applied", values: { status: code ?? "" } },
  });
  return true;
}

/** Reads and applies one entity's feed from the stored cursor to its end; returns what was applied. */
export async function pullHistory(conn: Connection, entity: Entity, signal?: AbortSignal) {
  const client = clientFor(conn, { signal });
  let applied = 0;
  let echoes = 0;
  for (;;) {
    const since = await asService((sql) => cursorOf(sql, conn, entity));
    const page = await client.history(entity, since);
    if (!page.history.length) break;
    const tx: Tx = { sql: undefined as unknown as Sql, conn, afterCommit: [], fixIds: [] };
    await asService(async (sql) => {
      tx.sql = sql;
      // The cursor is re-read under the row lock: a second run of the same feed waits and then finds it moved.
      await sql.query(
        `insert into public.retailcrm_sync_state (org_id, connection_id, entity) values ($1, $2, $3)
         on conflict (connection_id, entity) do nothing`,
        [conn.orgId, conn.id, entity],
      );
      await sql.query("select 1 from public.retailcrm_sync_state where connection_id = $1 and entity = $2 for update", [
        conn.id,
        entity,
      ]);
      if ((await cursorOf(sql, conn, entity)) !== since) return;
      let n = 0;
      for (const e of page.history) {
        if (isEcho(e)) {
          echoes++;
          continue;
        }
        if (await (entity === "customers" ? applyCustomer(tx, e) : applyOrder(tx, e))) n++;
      }
      applied += n;
      await saveCursor(sql, conn, entity, page.history[page.history.length - 1].id, n);
    });
    for (const run of tx.afterCommit) await run();
    if (tx.fixIds.length) await client.fixExternalIds(entity, tx.fixIds);
    if (page.pagination.currentPage >= page.pagination.totalPageCount) break;
  }
  return { applied, echoes };
}
