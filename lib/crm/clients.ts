import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { contactSchema, getContact, updateContact, updateContactSchema } from "@/lib/inbox/contact-panel";
import { CURSOR_TIME_SQL, decodeCursor, encodeCursor } from "@/lib/inbox/cursor";
import { normalizePhone } from "@/lib/inbox/phone";
import { dealSchema, DEAL_SELECT } from "@/lib/pipeline/deals";
import { iso } from "@/lib/pipeline/sql";

// Seed 003's CRM "clients" are the inbox's contacts: one person however many channels they write from.

export const clientSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  username: z.string().nullable(),
  tags: z.array(z.string()),
  companyId: z.uuid().nullable(),
  companyName: z.string().nullable(),
  createdAt: z.string(),
});
export const clientsPageSchema = z.object({ clients: z.array(clientSummarySchema), nextCursor: z.string().nullable() });
export const clientSchema = contactSchema.extend({
  companyId: z.uuid().nullable(),
  companyName: z.string().nullable(),
  deals: z.array(dealSchema),
});

export const clientsQuerySchema = z.object({
  /** Words of the name, phone, e-mail or username. */
  q: z.string().trim().max(200).optional(),
  tag: z.string().trim().max(50).optional(),
  companyId: z.uuid().optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const createClientSchema = z.object({
  name: z.string().trim().min(1, "is required").max(200),
  phone: z.string().max(40).nullable().optional(),
  email: z.email().max(255).nullable().optional(),
  notes: z.string().max(20000).optional(),
  tags: updateContactSchema.shape.tags,
  companyId: z.uuid().nullable().optional(),
});
export const updateClientSchema = updateContactSchema.extend({ companyId: z.uuid().nullable().optional() });

const like = (q: string) => `%${q.replace(/[\\%_]/g, "\\$&")}%`;

export async function listClients(sql: Sql, orgId: string, query: z.output<typeof clientsQuerySchema>) {
  const params: unknown[] = [orgId];
  const where = ["c.org_id = $1", "c.merged_into is null"];
  const add = (clause: (p: string) => string, value: unknown) => where.push(clause(`$${params.push(value)}`));
  if (query.q) {
    add(
      (p) => `(c.name ilike ${p} or c.phone ilike ${p} or c.email ilike ${p} or c.username ilike ${p})`,
      like(query.q),
    );
  }
  if (query.tag) add((p) => `${p} = any(c.tags)`, query.tag);
  if (query.companyId) add((p) => `c.company_id = ${p}`, query.companyId);
  const cursor = decodeCursor(query.cursor);
  if (cursor) {
    const at = `$${params.push(cursor.at)}::timestamptz`;
    where.push(`(c.created_at, c.id) < (${at}, $${params.push(cursor.key)}::uuid)`);
  }
  const rows = await sql.query<z.infer<typeof clientSummarySchema> & { cursorAt: string }>(
    `select c.id, c.name, c.phone, c.email, c.username, c.tags, c.company_id as "companyId",
            co.name as "companyName", ${iso("c.created_at")} as "createdAt", ${CURSOR_TIME_SQL("c.created_at")} as "cursorAt"
       from public.contacts c left join public.companies co on co.id = c.company_id
      where ${where.join(" and ")}
      order by c.created_at desc, c.id desc limit $${params.push(query.limit + 1)}`,
    params,
  );
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return clientsPageSchema.parse({
    clients: page,
    nextCursor: more && last ? encodeCursor(last.cursorAt, last.id) : null,
  });
}

export async function getClient(sql: Sql, orgId: string, id: string) {
  const contact = await getContact(sql, orgId, id);
  const [company] = await sql.query<{ companyId: string | null; companyName: string | null }>(
    `select c.company_id as "companyId", co.name as "companyName"
       from public.contacts c left join public.companies co on co.id = c.company_id where c.id = $1`,
    [id],
  );
  const deals = await sql.query(`${DEAL_SELECT} where d.contact_id = $1 order by d.created_at desc limit 100`, [id]);
  return clientSchema.parse({ ...contact, ...company, deals });
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
  const [row] = await sql.query<{ id: string }>(
    `insert into public.contacts (org_id, name, phone, email, notes, tags, company_id)
     values ($1, $2, $3, $4, coalesce($5, ''), coalesce($6::text[], '{}'), $7) returning id`,
    [
      orgId,
      input.name,
      phoneOf(input.phone),
      input.email ?? null,
      input.notes ?? null,
      input.tags ?? null,
      input.companyId ?? null,
    ],
  );
  // The same duplicate check the webhook and the contact panel run (through RLS, as the caller).
  await sql.query("select private.suggest_merges($1, $2)", [orgId, row.id]);
  return getClient(sql, orgId, row.id);
}

export async function updateClient(sql: Sql, orgId: string, id: string, patch: z.output<typeof updateClientSchema>) {
  const { companyId, ...contactPatch } = patch;
  await updateContact(sql, orgId, id, contactPatch);
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
