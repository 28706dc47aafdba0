import { asService, type Sql } from "@/lib/db";
import type { DealCreated, DealEventStep, DealMoved } from "@/lib/pipeline/events";
import { RetryLaterError } from "@/lib/jobs/registry";
import { RetailcrmError } from "./client";
import {
  clientFor,
  connectionOfOrg,
  logSync,
  setConnectionStatus,
  statusOfError,
  type Connection,
} from "./connections";
import { ensureCustomer, linkByContact } from "./customers";

// Us → RetailCRM: a deal of the mapped pipeline becomes an order (orders/create with our externalId), a move
// to a mapped stage edits its status; a contact's edit (lib/inbox/contact-events.ts) edits the customer. The
// time of each change is kept per field (field_times) for the conflict rule of the incoming feed. A status
// the feed just applied is recorded on the link first, so the move it caused is not sent back.

const stageToStatus = (conn: Connection, stageId: string) =>
  Object.entries(conn.statusMap).find(([, s]) => s === stageId)?.[0];

async function guarded(conn: Connection, entity: "order" | "customer", localId: string, fn: () => Promise<void>) {
  try {
    await fn();
  } catch (error) {
    if (!(error instanceof RetailcrmError)) throw error;
    await asService(async (sql) => {
      await logSync(sql, conn, { direction: "out", entity, kind: "error", localId, message: error.message });
      await setConnectionStatus(sql, conn.id, statusOfError(error), error.message);
    });
    if (error.retryable) throw new RetryLaterError(error.message, error.retryAfterMs ?? 5_000, { cause: error });
  }
}

async function dealFacts(sql: Sql, dealId: string) {
  const [d] = await sql.query<{
    title: string;
    amount: string | null;
    contact_id: string | null;
    phone: string | null;
    name: string | null;
    email: string | null;
  }>(
    `select d.title, d.amount::text, d.contact_id, c.phone, c.name, c.email
       from public.deals d left join public.contacts c on c.id = d.contact_id where d.id = $1`,
    [dealId],
  );
  return d;
}

export async function syncDealCreated(event: DealCreated & { orgId: string }) {
  const conn = await asService((sql) => connectionOfOrg(sql, event.orgId));
  if (!conn || conn.pipelineId !== event.pipelineId) return;
  const [link] = await asService((sql) =>
    sql.query("select 1 from public.retailcrm_orders where connection_id = $1 and deal_id = $2", [
      conn.id,
      event.dealId,
    ]),
  );
  // A deal the feed made from a RetailCRM order is linked already.
  if (link) return;
  const deal = await asService((sql) => dealFacts(sql, event.dealId));
  if (!deal) return;
  await guarded(conn, "order", event.dealId, async () => {
    const client = clientFor(conn);
    const customer = deal.contact_id
      ? deal.phone
        ? await ensureCustomer(conn, client, deal.phone, deal.contact_id)
        : await asService((sql) => linkByContact(sql, conn.id, deal.contact_id!))
      : undefined;
    const status = stageToStatus(conn, event.stageId);
    const res = await client.orderCreate({
      externalId: event.dealId,
      ...(status ? { status } : {}),
      ...(deal.name ? { firstName: deal.name } : {}),
      ...(deal.phone ? { phone: deal.phone } : {}),
      ...(deal.email ? { email: deal.email } : {}),
      ...(customer ? { customer: { id: customer.retailcrmId } } : {}),
      managerComment: deal.title,
    });
    await asService(async (sql) => {
      await sql.query(
        `insert into public.retailcrm_orders (org_id, connection_id, retailcrm_order_id, external_id, deal_id, status_code)
         values ($1, $2, $3, $4, $4, $5) on conflict do nothing`,
        [conn.orgId, conn.id, res.id, event.dealId, status ?? null],
      );
      await logSync(sql, conn, {
        direction: "out",
        entity: "order",
        kind: "sent",
        retailcrmId: res.id,
        localId: event.dealId,
        event: { code: "order_created" },
      });
    });
  });
}

export async function syncDealMoved(event: DealMoved & { orgId: string }) {
  const conn = await asService((sql) => connectionOfOrg(sql, event.orgId));
  if (!conn || conn.pipelineId !== event.pipelineId) return;
  const status = stageToStatus(conn, event.toStageId);
  if (!status) return;
  const [link] = await asService((sql) =>
    sql.query<{ external_id: string; status_code: string | null; retailcrm_order_id: string | null }>(
      "select external_id, status_code, retailcrm_order_id::text from public.retailcrm_orders where connection_id = $1 and deal_id = $2",
      [conn.id, event.dealId],
    ),
  );
  if (!link || link.status_code === status) return;
  await guarded(conn, "order", event.dealId, async () => {
    await clientFor(conn).orderEdit(link.external_id, { status });
    await asService(async (sql) => {
      await sql.query(
        `update public.retailcrm_orders set status_code = $3, field_times = field_times || jsonb_build_object('status', $4::text)
          where connection_id = $1 and deal_id = $2`,
        [conn.id, event.dealId, status, event.movedAt],
      );
      await logSync(sql, conn, {
        direction: "out",
        entity: "order",
        kind: "sent",
        retailcrmId: link.retailcrm_order_id ? Number(link.retailcrm_order_id) : null,
        localId: event.dealId,
        field: "status",
        event: { code: "status_sent", values: { status } },
      });
    });
  });
}

/** A contact's edit: the linked customer's fields, by RetailCRM id. */
export async function syncContactChanged(event: {
  orgId: string;
  contactId: string;
  fields: string[];
  changedAt: string;
}) {
  const conn = await asService((sql) => connectionOfOrg(sql, event.orgId));
  if (!conn) return;
  const link = await asService((sql) => linkByContact(sql, conn.id, event.contactId));
  if (!link) return;
  const [c] = await asService((sql) =>
    sql.query<{ name: string; email: string | null; phone: string | null }>(
      "select name, email, phone from public.contacts where org_id = $1 and id = $2",
      [event.orgId, event.contactId],
    ),
  );
  if (!c) return;
  const patch: Record<string, unknown> = {};
  const fields = event.fields.filter((f) => ["name", "email", "phone"].includes(f));
  if (fields.includes("name")) {
    const [first, ...rest] = c.name.split(" ");
    patch.firstName = first;
    patch.lastName = rest.join(" ");
  }
  if (fields.includes("email")) patch.email = c.email ?? "";
  if (fields.includes("phone") && c.phone) patch.phones = [{ number: c.phone }];
  if (!Object.keys(patch).length) return;
  await guarded(conn, "customer", event.contactId, async () => {
    await clientFor(conn).customerEdit(link.retailcrmId, patch);
    const times = Object.fromEntries(fields.map((f) => [f, event.changedAt]));
    await asService(async (sql) => {
      await sql.query(
        "update public.retailcrm_customers set field_times = field_times || $3::jsonb where connection_id = $1 and contact_id = $2",
        [conn.id, event.contactId, JSON.stringify(times)],
      );
      await logSync(sql, conn, {
        direction: "out",
        entity: "customer",
        kind: "sent",
        retailcrmId: link.retailcrmId,
        localId: event.contactId,
        field: fields.join(","),
        event: { code: "customer_edited" },
      });
    });
  });
}

export const retailcrmDealCreated: DealEventStep<DealCreated> = {
  name: "retailcrm.deal-created",
  run: syncDealCreated,
};
export const retailcrmDealMoved: DealEventStep<DealMoved> = { name: "retailcrm.deal-moved", run: syncDealMoved };
