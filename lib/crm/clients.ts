import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { contactSchema, getContact, updateContact, updateContactSchema } from "@/lib/inbox/contact-panel";
import { normalizePhone } from "@/lib/inbox/phone";
import { dealSchema, DEAL_SELECT } from "@/lib/pipeline/deals";
import { assignClients, checkMember } from "./team";

export { clientsPageSchema, clientsQuerySchema, listClients } from "./clients-list";

// Seed 003's CRM "clients" are the inbox's contacts: one person however many channels they write from.

export const clientSchema = contactSchema.extend({
  companyId: z.uuid().nullable(),
  companyName: z.string().nullable(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  createdAt: z.string(),
  deals: z.array(dealSchema),
  /** Their conversations (links into the inbox), newest first. */
  conversations: z.array(
    z.object({
      id: z.uuid(),
      channelType: z.string(),
      channelName: z.string(),
      status: z.string(),
      lastMessageAt: z.string(),
      preview: z.string(),
    }),
  ),
});

export const createClientSchema = z.object({
  name: z.string().trim().min(1, "is required").max(200),
  phone: z.string().max(40).nullable().optional(),
  email: z.email().max(255).nullable().optional(),
  notes: z.string().max(20000).optional(),
  tags: updateContactSchema.shape.tags,
  companyId: z.uuid().nullable().optional(),
  /** The member the client is assigned to (default: whoever adds them; null = the shared base). */
  ownerId: z.uuid().nullable().optional(),
});
export const updateClientSchema = updateContactSchema.extend({
  companyId: z.uuid().nullable().optional(),
  ownerId: z.uuid().nullable().optional(),
});

export async function getClient(sql: Sql, orgId: string, id: string) {
  const contact = await getContact(sql, orgId, id);
  const [company] = await sql.query<{ companyId: string | null; companyName: string | null }>(
    `select c.company_id as "companyId", co.name as "companyName", c.owner_id as "ownerId",
            (select coalesce(nullif(p.full_name, ''), p.email) from public.profiles p where p.id = c.owner_id) as "ownerName",
            to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt"
       from public.contacts c left join public.companies co on co.id = c.company_id where c.id = $1`,
    [id],
  );
  const deals = await sql.query(`${DEAL_SELECT} where d.contact_id = $1 order by d.created_at desc limit 100`, [id]);
  const conversations = await sql.query(
    `select v.id, ch.type as "channelType", ch.name as "channelName", v.status,
            to_char(v.last_message_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "lastMessageAt",
            left(v.last_message_preview, 200) as preview
       from public.conversations v join public.channels ch on ch.id = v.channel_id
      where v.org_id = $1 and v.contact_id = $2 order by v.last_message_at desc limit 50`,
    [orgId, id],
  );
  return clientSchema.parse({ ...contact, ...company, deals, conversations });
}

async function checkCompany(sql: Sql, orgId: string, companyId: string | null | undefined) {
  if (!companyId) return;
  const [row] = await sql.query("select 1 from public.companies where org_id = $1 and id = $2", [orgId, companyId]);
  if (!row) throw new ApiError("bad_request", "companyId: no such company");
}

function phoneOf(raw: string | null | undefined) {
  if (!raw?.trim()) return null;
  const phone = normalizePhone(raw);
  if (!phone) throw new ApiError("bad_request", "phone: not a phone number (write it with the country code)");
  return phone;
}

export async function createClient(sql: Sql, orgId: string, input: z.output<typeof createClientSchema>) {
  await checkCompany(sql, orgId, input.companyId);
  await checkMember(sql, orgId, input.ownerId);
  const [row] = await sql.query<{ id: string }>(
    `insert into public.contacts (org_id, name, phone, email, notes, tags, company_id, owner_id)
     values ($1, $2, $3, $4, coalesce($5, ''), coalesce($6::text[], '{}'), $7,
             case when $8::boolean then $9::uuid else auth.uid() end) returning id`,
    [
      orgId,
      input.name,
      phoneOf(input.phone),
      input.email ?? null,
      input.notes ?? null,
      input.tags ?? null,
      input.companyId ?? null,
      input.ownerId !== undefined,
      input.ownerId ?? null,
    ],
  );
  // The same duplicate check the webhook and the contact panel run (through RLS, as the caller).
  await sql.query("select private.suggest_merges($1, $2)", [orgId, row.id]);
  return getClient(sql, orgId, row.id);
}

export async function updateClient(sql: Sql, orgId: string, id: string, patch: z.output<typeof updateClientSchema>) {
  const { companyId, ownerId, ...contactPatch } = patch;
  await updateContact(sql, orgId, id, contactPatch);
  if (ownerId !== undefined) await assignClients(sql, orgId, [id], ownerId);
  if (companyId !== undefined) {
    await checkCompany(sql, orgId, companyId);
    await sql.query("update public.contacts set company_id = $3 where org_id = $1 and id = $2", [orgId, id, companyId]);
  }
  return getClient(sql, orgId, id);
}

/** Managers; the client's conversations, identities and notes go with them, deals keep their history. */
export async function deleteClient(sql: Sql, orgId: string, id: string) {
  await getContact(sql, orgId, id);
  const rows = await sql.query("delete from public.contacts where org_id = $1 and id = $2 returning id", [orgId, id]);
  if (!rows.length) throw new ApiError("forbidden", "only managers delete clients");
}
