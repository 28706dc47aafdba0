import { asService, type Sql } from "@/lib/db";
import type { CountryCode } from "libphonenumber-js";
import { countryOf, normalizePhone, parseTypedPhone } from "@/lib/inbox/phone";
import type { RetailcrmClient } from "./client";
import { logSync, type Connection } from "./connections";

// Seed 001's link: a phone (E.164) ↔ the RetailCRM customer. Finding or creating a customer for a number is
// serialised per connection and number (an advisory lock held across the search and the create), so two
// calls from a new number arriving together create one customer; the unique phone index is the backstop.

export type CustomerLink = { retailcrmId: number; contactId: string | null; externalId: string | null };

const lockKey = (connectionId: string, phone: string) => `retailcrm:${connectionId}:${phone}`;

export async function linkByPhone(sql: Sql, connectionId: string, phone: string): Promise<CustomerLink | undefined> {
  const [row] = await sql.query<CustomerLink>(
    `select retailcrm_customer_id::int as "retailcrmId", contact_id as "contactId", external_id as "externalId"
       from public.retailcrm_customers where connection_id = $1 and phone = $2`,
    [connectionId, phone],
  );
  return row;
}

export async function linkByContact(sql: Sql, connectionId: string, contactId: string) {
  const [row] = await sql.query<CustomerLink & { phone: string | null; fieldTimes: Record<string, string> }>(
    `select retailcrm_customer_id::int as "retailcrmId", contact_id as "contactId", external_id as "externalId",
            phone, field_times as "fieldTimes"
       from public.retailcrm_customers where connection_id = $1 and contact_id = $2`,
    [connectionId, contactId],
  );
  return row;
}

/**
 * The phones of a RetailCRM customer, as E.164 where they can be read. Managers type numbers the local way
 * ("8 916 …" in Russia), so they are read in `country` first.
 */
export const phonesOf = (customer: Record<string, unknown>, country: CountryCode | undefined = "RU") =>
  ((customer.phones as { number?: string }[] | undefined) ?? [])
    .map((p) => (p.number ? (parseTypedPhone(p.number, country) ?? normalizePhone(p.number)) : undefined))
    .filter((p): p is string => Boolean(p));

/**
 * The RetailCRM customer for this number: the stored link, else one RetailCRM already has with the number,
 * else a new one (named after our contact when there is one). Runs as the service.
 */
export async function ensureCustomer(
  conn: Connection,
  client: RetailcrmClient,
  phone: string,
  contactId: string | null,
): Promise<CustomerLink & { created: boolean }> {
  const known = await asService((sql) => linkByPhone(sql, conn.id, phone));
  if (known) return { ...known, created: false };
  return asService(async (sql) => {
    await sql.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [lockKey(conn.id, phone)]);
    const again = await linkByPhone(sql, conn.id, phone);
    if (again) return { ...again, created: false };
    // A contact linked already (e.g. under another number) keeps its customer.
    const byContact = contactId ? await linkByContact(sql, conn.id, contactId) : undefined;
    let retailcrmId = byContact?.retailcrmId;
    let created = false;
    if (!retailcrmId) {
      const found = (await client.customersByPhone(phone)).find((c) => phonesOf(c, countryOf(phone)).includes(phone));
      retailcrmId = found ? Number(found.id) : undefined;
    }
    const [contact] = contactId
      ? await sql.query<{ name: string; email: string | null }>(
          "select name, email from public.contacts where org_id = $1 and id = $2",
          [conn.orgId, contactId],
        )
      : [];
    const externalId = contactId && !byContact ? contactId : (byContact?.externalId ?? null);
    if (!retailcrmId) {
      retailcrmId = await client.customerCreate({
        ...(contactId ? { externalId: contactId } : {}),
        firstName: contact?.name || phone,
        ...(contact?.email ? { email: contact.email } : {}),
        phones: [{ number: phone }],
      });
      created = true;
      await logSync(sql, conn, {
        direction: "out",
        entity: "customer",
        kind: "sent",
        retailcrmId,
        localId: contactId,
        event: { code: "customer_created", values: { phone } },
      });
    }
    if (byContact) {
      await sql.query(
        "update public.retailcrm_customers set phone = coalesce(phone, $3) where connection_id = $1 and contact_id = $2",
        [conn.id, contactId, phone],
      );
    } else {
      await sql.query(
        `insert into public.retailcrm_customers (org_id, connection_id, retailcrm_customer_id, phone, contact_id, external_id)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (connection_id, retailcrm_customer_id) do update
           set phone = coalesce(public.retailcrm_customers.phone, excluded.phone),
               contact_id = coalesce(public.retailcrm_customers.contact_id, excluded.contact_id)`,
        [conn.orgId, conn.id, retailcrmId, phone, contactId, created ? externalId : null],
      );
    }
    return { retailcrmId, contactId, externalId, created };
  });
}
