import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { CURSOR_TIME_SQL } from "@/lib/inbox/cursor";
import { normalizePhone } from "@/lib/inbox/phone";
import { dealSchema, DEAL_SELECT } from "@/lib/pipeline/deals";
import { iso } from "@/lib/pipeline/sql";
import { decodeSortCursor, encodeSortCursor } from "./keyset";

export const companySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  website: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  notes: z.string(),
  ownerId: z.uuid().nullable(),
  contactCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const companyDetailSchema = companySchema.extend({
  contacts: z.array(z.object({ id: z.uuid(), name: z.string(), phone: z.string().nullable() })),
  deals: z.array(dealSchema),
});
export const companiesPageSchema = z.object({ companies: z.array(companySchema), nextCursor: z.string().nullable() });

export const COMPANY_SORTS = ["created", "name", "contacts"] as const;
export const companiesQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  sort: z.enum(COMPANY_SORTS).default("created"),
  order: z.enum(["asc", "desc"]).optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const fields = {
  name: z.string().trim().min(1, "is required").max(200),
  website: z.string().trim().max(300).nullable().optional(),
  phone: z.string().max(40).nullable().optional(),
  email: z.email().max(255).nullable().optional(),
  notes: z.string().max(20000).optional(),
  ownerId: z.uuid().nullable().optional(),
};
export const createCompanySchema = z.object(fields);
export const updateCompanySchema = z.object({ ...fields, name: fields.name.optional() });

const COMPANY_SELECT = `select co.id, co.name, co.website, co.phone, co.email, co.notes, co.owner_id as "ownerId",
    (select count(*)::int from public.contacts c where c.company_id = co.id and c.merged_into is null) as "contactCount",
    ${iso("co.created_at")} as "createdAt", ${iso("co.updated_at")} as "updatedAt"
  from public.companies co`;

function phoneOf(raw: string | null | undefined) {
  if (raw === undefined) return undefined;
  if (!raw?.trim()) return null;
  const phone = normalizePhone(raw);
  if (!phone) throw new ApiError("bad_request", "phone: not a phone number (write it with the country code)");
  return phone;
}

async function checkOwner(sql: Sql, orgId: string, ownerId: string | null | undefined) {
  if (!ownerId) return;
  const [row] = await sql.query("select 1 from public.memberships where org_id = $1 and user_id = $2", [
    orgId,
    ownerId,
  ]);
  if (!row) throw new ApiError("bad_request", "ownerId: not a member of the organisation");
}

const SORTS = {
  created: { expr: "co.created_at", key: CURSOR_TIME_SQL("co.created_at"), cast: "timestamptz", order: "desc" },
  name: { expr: "lower(co.name)", key: "lower(co.name)", cast: "text", order: "asc" },
  contacts: {
    expr: "(select count(*) from public.contacts c where c.company_id = co.id and c.merged_into is null)",
    key: "(select count(*) from public.contacts c where c.company_id = co.id and c.merged_into is null)::text",
    cast: "bigint",
    order: "desc",
  },
} as const;

export async function listCompanies(sql: Sql, orgId: string, query: z.output<typeof companiesQuerySchema>) {
  const params: unknown[] = [orgId];
  const where = ["co.org_id = $1"];
  if (query.q) {
    const q = `%${query.q
      .toLowerCase()
      .replace(/ё/g, "е")
      .replace(/[\\%_]/g, "\\$&")}%`;
    const p = `$${params.push(q)}`;
    where.push(`(translate(lower(co.name), 'ё', 'е') like ${p} or lower(coalesce(co.website, '')) like ${p}
                 or lower(coalesce(co.email, '')) like ${p})`);
  }
  const sort = SORTS[query.sort];
  const order = query.order ?? sort.order;
  const cursor = decodeSortCursor(query.cursor, query.sort);
  if (cursor) {
    where.push(
      `(${sort.expr}, co.id) ${order === "desc" ? "<" : ">"} ($${params.push(cursor.value)}::${sort.cast}, $${params.push(cursor.id)}::uuid)`,
    );
  }
  const rows = await sql.query<z.infer<typeof companySchema> & { sortKey: string }>(
    `${COMPANY_SELECT.replace("select ", `select ${sort.key} as "sortKey", `)}
      where ${where.join(" and ")} order by ${sort.expr} ${order}, co.id ${order} limit $${params.push(query.limit + 1)}`,
    params,
  );
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return companiesPageSchema.parse({
    companies: page.map(({ sortKey: _k, ...c }) => c),
    nextCursor: more && last ? encodeSortCursor(query.sort, String(last.sortKey), last.id) : null,
  });
}

export async function getCompany(sql: Sql, id: string) {
  const [row] = await sql.query(`${COMPANY_SELECT} where co.id = $1`, [id]);
  if (!row) throw new ApiError("not_found", "company not found");
  const contacts = await sql.query(
    "select id, name, phone from public.contacts where company_id = $1 and merged_into is null order by name limit 200",
    [id],
  );
  const deals = await sql.query(`${DEAL_SELECT} where d.company_id = $1 order by d.created_at desc limit 100`, [id]);
  return companyDetailSchema.parse({ ...row, contacts, deals });
}

export async function createCompany(sql: Sql, orgId: string, input: z.output<typeof createCompanySchema>) {
  await checkOwner(sql, orgId, input.ownerId);
  const [row] = await sql.query<{ id: string }>(
    `insert into public.companies (org_id, name, website, phone, email, notes, owner_id)
     values ($1, $2, $3, $4, $5, coalesce($6, ''), case when $7::boolean then $8::uuid else auth.uid() end)
     returning id`,
    [
      orgId,
      input.name,
      input.website ?? null,
      phoneOf(input.phone) ?? null,
      input.email ?? null,
      input.notes ?? null,
      input.ownerId !== undefined,
      input.ownerId ?? null,
    ],
  );
  return getCompany(sql, row.id);
}

export async function updateCompany(sql: Sql, orgId: string, id: string, patch: z.output<typeof updateCompanySchema>) {
  await getCompany(sql, id);
  await checkOwner(sql, orgId, patch.ownerId);
  const set = {
    name: patch.name,
    website: patch.website,
    phone: phoneOf(patch.phone),
    email: patch.email,
    notes: patch.notes,
    owner_id: patch.ownerId,
  };
  const entries = Object.entries(set).filter(([, v]) => v !== undefined);
  if (entries.length) {
    await sql.query(
      `update public.companies set ${entries.map(([k], i) => `${k} = $${i + 2}`).join(", ")} where id = $1`,
      [id, ...entries.map(([, v]) => v)],
    );
  }
  return getCompany(sql, id);
}

export async function deleteCompany(sql: Sql, id: string) {
  await getCompany(sql, id);
  const rows = await sql.query("delete from public.companies where id = $1 returning id", [id]);
  if (!rows.length) throw new ApiError("forbidden", "only managers delete companies");
}
