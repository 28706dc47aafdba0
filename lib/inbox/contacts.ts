import type { Sql } from "@/lib/db";
import type { Sender } from "@/lib/channels/types";
import type { Network } from "./networks";
import { normalizePhone } from "./phone";

export type ResolvedContact = { id: string; created: boolean };

const lockKey = (...parts: string[]) => parts.join("\u0001");

async function findByIdentity(sql: Sql, orgId: string, network: Network, externalId: string) {
  // A merged contact's identities move to the survivor, but follow merged_into in case one was left behind.
  const [row] = await sql.query<{ contact_id: string }>(
    `select coalesce(c.merged_into, c.id) as contact_id
       from public.contact_identities ci join public.contacts c on c.id = ci.contact_id
      where ci.org_id = $1 and ci.network = $2 and ci.external_id = $3`,
    [orgId, network, externalId],
  );
  return row?.contact_id;
}

/**
 * The contact who wrote, as the service during ingest: by this network's id first, then by phone (so a
 * client who wrote on Telegram and then on WhatsApp is one contact), else a new contact. Creation is
 * serialised per identity and phone with advisory locks, so two deliveries at once make one contact.
 */
export async function resolveContact(
  sql: Sql,
  orgId: string,
  network: Network,
  sender: Sender,
): Promise<ResolvedContact> {
  const known = await findByIdentity(sql, orgId, network, sender.externalId);
  if (known) return { id: known, created: false };

  const phone = normalizePhone(sender.phone ?? (network === "whatsapp" ? sender.externalId : undefined));
  // Always in this order (phone, then identity), so two transactions cannot wait on each other.
  const keys = [...(phone ? [lockKey(orgId, "phone", phone)] : []), lockKey(orgId, network, sender.externalId)];
  for (const key of keys) await sql.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [key]);
  const raced = await findByIdentity(sql, orgId, network, sender.externalId);
  if (raced) return { id: raced, created: false };

  let contactId: string | undefined;
  if (phone) {
    const [byPhone] = await sql.query<{ id: string }>(
      `select id from public.contacts where org_id = $1 and phone = $2 and merged_into is null
        order by created_at limit 1`,
      [orgId, phone],
    );
    contactId = byPhone?.id;
  }
  const created = !contactId;
  if (!contactId) {
    const [made] = await sql.query<{ id: string }>(
      `insert into public.contacts (org_id, name, phone, username, language)
       values ($1, $2, $3, $4, $5) returning id`,
      [
        orgId,
        (sender.name ?? sender.username ?? phone ?? "").slice(0, 200),
        phone ?? null,
        sender.username?.slice(0, 100) ?? null,
        sender.languageCode?.slice(0, 16) ?? null,
      ],
    );
    contactId = made.id;
  }
  await sql.query(
    `insert into public.contact_identities (org_id, contact_id, network, external_id, username, display_name, phone)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [orgId, contactId, network, sender.externalId, sender.username ?? null, sender.name ?? null, phone ?? null],
  );
  await suggestMerges(sql, orgId, contactId);
  return { id: contactId, created };
}

/**
 * Records a suggested merge for each other contact of the organisation who looks like the same person: the
 * same phone, or the same name and username on another network. Agents decide; nothing is merged here.
 */
export async function suggestMerges(sql: Sql, orgId: string, contactId: string): Promise<number> {
  const rows = await sql.query(
    `with me as (
       select id, phone, lower(name) as name, lower(username) as username
         from public.contacts where org_id = $1 and id = $2 and merged_into is null
     ), twins as (
       select c.id, case when c.phone = me.phone then 'phone' else 'name_username' end as reason
         from public.contacts c, me
        where c.org_id = $1 and c.id <> me.id and c.merged_into is null
          and (c.phone = me.phone
               or (me.name <> '' and lower(c.name) = me.name and lower(c.username) = me.username))
     )
     insert into public.contact_merge_suggestions (org_id, contact_id, other_contact_id, reason)
     select $1, least($2::uuid, twins.id), greatest($2::uuid, twins.id), twins.reason from twins
     on conflict (contact_id, other_contact_id) do nothing
     returning id`,
    [orgId, contactId],
  );
  return rows.length;
}
