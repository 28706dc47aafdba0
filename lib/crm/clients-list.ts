import { z } from "zod";
import type { Sql } from "@/lib/db";
import { CURSOR_TIME_SQL } from "@/lib/inbox/cursor";
import { iso } from "@/lib/pipeline/sql";
import { decodeSortCursor, encodeSortCursor } from "./keyset";

// The Contacts table: every client of the organisation with filters, a sort and keyset pages (GET /api/crm/clients).

export const CLIENT_SORTS = ["created", "updated", "name", "score"] as const;
export const NETWORKS = ["telegram", "whatsapp", "instagram"] as const;
export const INTEREST_FILTERS = ["hot", "warm", "cold", "none"] as const;

export const clientSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  username: z.string().nullable(),
  tags: z.array(z.string()),
  companyId: z.uuid().nullable(),
  companyName: z.string().nullable(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  /** The networks they wrote through. */
  networks: z.array(z.enum(NETWORKS)),
  score: z.number().int().nullable(),
  interestLevel: z.enum(["hot", "warm", "cold"]).nullable(),
  lastMessageAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ClientSummary = z.infer<typeof clientSummarySchema>;
export const clientsPageSchema = z.object({
  clients: z.array(clientSummarySchema),
  nextCursor: z.string().nullable(),
  /** How many match the filters; on the first page only (null with a cursor). */
  total: z.number().int().nullable(),
});

const dateOnly = z.iso.date("a date as YYYY-MM-DD");

/** The filters a list, an export, a saved view and a bulk action "on everything matching" share. */
export const clientFiltersSchema = z.object({
  /** Words of the name, phone (4+ digits however written), e-mail, username or company. */
  q: z.string().trim().max(200).optional(),
  tag: z.string().trim().max(50).optional(),
  companyId: z.uuid().optional(),
  /** A conversation in this channel of the organisation. */
  channelId: z.uuid().optional(),
  /** Known on this network. */
  network: z.enum(NETWORKS).optional(),
  /** A member's id, `me`, or `none` for the shared (unassigned) clients. */
  owner: z.union([z.uuid(), z.enum(["me", "none"])]).optional(),
  /** The lead's interest from the dialog analysis; `none` for clients not analysed. */
  interest: z.enum(INTEREST_FILTERS).optional(),
  createdFrom: dateOnly.optional(),
  createdTo: dateOnly.optional(),
});
export type ClientFilters = z.infer<typeof clientFiltersSchema>;

export const clientSortSchema = z.object({
  sort: z.enum(CLIENT_SORTS).default("created"),
  order: z.enum(["asc", "desc"]).optional(),
});

export const clientsQuerySchema = clientFiltersSchema.extend({
  ...clientSortSchema.shape,
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ClientsQuery = z.output<typeof clientsQuerySchema>;

const like = (q: string) => `%${q.replace(/[\\%_]/g, "\\$&")}%`;
// "Ёлкина" is found as "елкина": Russians write ё and е interchangeably.
const fold = (expr: string) => `translate(lower(${expr}), 'ё', 'е')`;

/** The where clauses of the filters, parameters pushed onto `params` ($1 is the organisation). */
export function clientWhere(filters: ClientFilters, params: unknown[]): string[] {
  const where = ["c.org_id = $1", "c.merged_into is null"];
  const p = (value: unknown) => `$${params.push(value)}`;
  if (filters.q) {
    const text = p(like(filters.q.toLowerCase().replace(/ё/g, "е")));
    const digits = filters.q.replace(/\D/g, "");
    const phone =
      digits.length >= 4
        ? ` or c.phone like ${p(`%${digits}%`)} or array_to_string(c.extra_phones, ' ') like $${params.length}`
        : "";
    where.push(
      `(${fold("c.name")} like ${text} or lower(c.email) like ${text} or lower(c.username) like ${text}
        or ${fold("coalesce(c.company, '')")} like ${text}
        or exists (select 1 from public.companies q where q.id = c.company_id and ${fold("q.name")} like ${text})${phone})`,
    );
  }
  if (filters.tag) where.push(`${p(filters.tag)} = any(c.tags)`);
  if (filters.companyId) where.push(`c.company_id = ${p(filters.companyId)}`);
  if (filters.channelId) {
    where.push(
      `exists (select 1 from public.conversations v where v.contact_id = c.id and v.channel_id = ${p(filters.channelId)})`,
    );
  }
  if (filters.network) {
    where.push(
      `exists (select 1 from public.contact_identities i where i.contact_id = c.id and i.network = ${p(filters.network)})`,
    );
  }
  if (filters.owner === "none") where.push("c.owner_id is null");
  else if (filters.owner === "me") where.push("c.owner_id = auth.uid()");
  else if (filters.owner) where.push(`c.owner_id = ${p(filters.owner)}`);
  if (filters.interest === "none") where.push("l.interest_level is null");
  else if (filters.interest) where.push(`l.interest_level = ${p(filters.interest)}`);
  // Dates are the organisation's calendar days as the caller reads them in UTC.
  if (filters.createdFrom) where.push(`c.created_at >= ${p(filters.createdFrom)}::date`);
  if (filters.createdTo) where.push(`c.created_at < ${p(filters.createdTo)}::date + 1`);
  return where;
}

/** Each sort: the expression ordered by, how its cursor value is read back, and its usual direction. */
const SORTS: Record<(typeof CLIENT_SORTS)[number], { expr: string; key: string; cast: string; order: "asc" | "desc" }> =
  {
    created: { expr: "c.created_at", key: CURSOR_TIME_SQL("c.created_at"), cast: "timestamptz", order: "desc" },
    updated: { expr: "c.updated_at", key: CURSOR_TIME_SQL("c.updated_at"), cast: "timestamptz", order: "desc" },
    name: { expr: "lower(c.name)", key: "lower(c.name)", cast: "text", order: "asc" },
    score: { expr: "coalesce(l.score, -1)", key: "coalesce(l.score, -1)::text", cast: "int", order: "desc" },
  };

export const CLIENT_FROM = `from public.contacts c
  left join public.leads l on l.org_id = c.org_id and l.contact_id = c.id
  left join public.companies co on co.id = c.company_id`;

const SUMMARY_COLUMNS = `c.id, c.name, c.phone, c.email, c.username, c.tags, c.company_id as "companyId",
  co.name as "companyName", c.owner_id as "ownerId",
  (select coalesce(nullif(p.full_name, ''), p.email) from public.profiles p where p.id = c.owner_id) as "ownerName",
  array(select distinct i.network from public.contact_identities i where i.contact_id = c.id order by 1) as networks,
  l.score, l.interest_level as "interestLevel",
  (select ${iso("max(v.last_message_at)")} from public.conversations v where v.contact_id = c.id) as "lastMessageAt",
  ${iso("c.created_at")} as "createdAt", ${iso("c.updated_at")} as "updatedAt"`;

export async function listClients(sql: Sql, orgId: string, query: ClientsQuery) {
  const params: unknown[] = [orgId];
  const where = clientWhere(query, params);
  const filterParams = [...params];
  const filterWhere = [...where];
  const sort = SORTS[query.sort];
  const order = query.order ?? sort.order;
  const cursor = decodeSortCursor(query.cursor, query.sort);
  if (cursor) {
    const cmp = order === "desc" ? "<" : ">";
    where.push(
      `(${sort.expr}, c.id) ${cmp} ($${params.push(cursor.value)}::${sort.cast}, $${params.push(cursor.id)}::uuid)`,
    );
  }
  const rows = await sql.query<ClientSummary & { sortKey: string }>(
    `select ${SUMMARY_COLUMNS}, ${sort.key} as "sortKey" ${CLIENT_FROM}
      where ${where.join(" and ")}
      order by ${sort.expr} ${order}, c.id ${order} limit $${params.push(query.limit + 1)}`,
    params,
  );
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  let total: number | null = null;
  if (!cursor) {
    const [row] = await sql.query<{ n: number }>(
      `select count(*)::int as n ${CLIENT_FROM} where ${filterWhere.join(" and ")}`,
      filterParams,
    );
    total = row.n;
  }
  return clientsPageSchema.parse({
    clients: page.map(({ sortKey: _key, ...client }) => client),
    nextCursor: more && last ? encodeSortCursor(query.sort, String(last.sortKey), last.id) : null,
    total,
  });
}

/** Every id matching the filters (bulk actions on "all matching"), capped. */
export async function clientIdsMatching(sql: Sql, orgId: string, filters: ClientFilters, cap: number) {
  const params: unknown[] = [orgId];
  const where = clientWhere(filters, params);
  const rows = await sql.query<{ id: string }>(
    `select c.id ${CLIENT_FROM} where ${where.join(" and ")} order by c.created_at desc limit $${params.push(cap)}`,
    params,
  );
  return rows.map((r) => r.id);
}
