import type { Sql } from "@/lib/db";
import type { ImportRow } from "./csv-import";

// Writing checked import rows: each matched to a contact the organisation already has (by phone, e-mail, or for
// a row with neither, by name among contacts with neither), so importing the same file twice adds no one.

export const IMPORT_BATCH = 500;

const keysOf = (r: ImportRow) =>
  [r.phone && `p:${r.phone}`, r.email && `e:${r.email}`, !r.phone && !r.email && `n:${r.name.toLowerCase()}`].filter(
    (k): k is string => Boolean(k),
  );

/** Rows of one person within the file folded into the first: blanks filled, tags joined. */
export function foldDuplicates(rows: ImportRow[]): ImportRow[] {
  const byKey = new Map<string, ImportRow>();
  const out: ImportRow[] = [];
  for (const row of rows) {
    const keys = keysOf(row);
    const first = keys.map((k) => byKey.get(k)).find(Boolean);
    if (!first) {
      const copy = { ...row, tags: [...row.tags] };
      out.push(copy);
      for (const k of keys) byKey.set(k, copy);
      continue;
    }
    first.phone ??= row.phone;
    first.email ??= row.email;
    first.company ??= row.company;
    first.username ??= row.username;
    first.notes ??= row.notes;
    first.tags = [...new Set([...first.tags, ...row.tags])].slice(0, 50);
    for (const k of keysOf(first)) if (!byKey.has(k)) byKey.set(k, first);
  }
  return out;
}

const recordset = `jsonb_to_recordset($2::jsonb) as x(i int, name text, phone text, email text, company text,
  tags text[], notes text, username text)`;

/** For each row (by index in `rows`), the id of the contact it is, or null for a new one. */
export async function matchRows(sql: Sql, orgId: string, rows: ImportRow[]): Promise<(string | null)[]> {
  if (!rows.length) return [];
  const found = await sql.query<{ i: number; id: string | null }>(
    `select x.i, (select c.id from public.contacts c
                   where c.org_id = $1 and c.merged_into is null
                     and ((x.phone is not null and (c.phone = x.phone or c.extra_phones @> array[x.phone]))
                       or (x.email is not null and (lower(c.email) = x.email or c.extra_emails @> array[x.email]))
                       or (x.phone is null and x.email is null and c.phone is null and c.email is null
                           and lower(c.name) = lower(x.name)))
                   order by c.created_at, c.id limit 1) as id
       from ${recordset}`,
    [orgId, JSON.stringify(rows.map((r, i) => ({ i, ...r })))],
  );
  const ids: (string | null)[] = rows.map(() => null);
  for (const f of found) ids[f.i] = f.id;
  return ids;
}

/** One batch: matched contacts get their blanks filled and tags added, the rest are inserted. */
export async function writeBatch(sql: Sql, orgId: string, rows: ImportRow[]) {
  const matched = await matchRows(sql, orgId, rows);
  const updates = rows.flatMap((r, i) => (matched[i] ? [{ ...r, id: matched[i] }] : []));
  const inserts = rows.filter((_, i) => !matched[i]);
  const touched: string[] = [];
  if (updates.length) {
    const updated = await sql.query<{ id: string }>(
      `update public.contacts c
          set name = case when c.name = '' then x.name else c.name end,
              phone = coalesce(c.phone, x.phone),
              email = coalesce(c.email, x.email),
              company = coalesce(c.company, x.company),
              username = coalesce(c.username, x.username),
              tags = (c.tags || array(select t from unnest(x.tags) t where t <> all (c.tags)))[1:50],
              notes = case when x.notes is null or position(x.notes in c.notes) > 0 then c.notes
                           else left(concat_ws(E'\\n\\n', nullif(c.notes, ''), x.notes), 20000) end
         from jsonb_to_recordset($2::jsonb) as x(id uuid, name text, phone text, email text, company text,
                                                 tags text[], notes text, username text)
        where c.org_id = $1 and c.id = x.id
        returning c.id`,
      [orgId, JSON.stringify(updates)],
    );
    touched.push(...updated.map((u) => u.id));
  }
  if (inserts.length) {
    const created = await sql.query<{ id: string }>(
      `insert into public.contacts (org_id, name, phone, email, company, tags, notes, username)
       select $1, x.name, x.phone, x.email, x.company, coalesce(x.tags, '{}'), coalesce(x.notes, ''), x.username
         from ${recordset} order by x.i
       returning id`,
      [orgId, JSON.stringify(inserts.map((r, i) => ({ i, ...r })))],
    );
    touched.push(...created.map((c) => c.id));
  }
  await linkCompanies(sql, orgId, touched);
  return { created: inserts.length, updated: updates.length };
}

/** A company named in the file is the organisation's company of that name, made when it has none. */
async function linkCompanies(sql: Sql, orgId: string, contactIds: string[]) {
  if (!contactIds.length) return;
  await sql.query(
    `insert into public.companies (org_id, name, owner_id)
     select distinct on (lower(c.company)) $1, c.company, null::uuid from public.contacts c
      where c.org_id = $1 and c.id = any ($2::uuid[]) and c.company_id is null and trim(coalesce(c.company, '')) <> ''
        and not exists (select 1 from public.companies co where co.org_id = $1 and lower(co.name) = lower(c.company))`,
    [orgId, contactIds],
  );
  await sql.query(
    `update public.contacts c set company_id = (select co.id from public.companies co
                                                where co.org_id = $1 and lower(co.name) = lower(c.company)
                                                order by co.created_at limit 1)
      where c.org_id = $1 and c.id = any ($2::uuid[]) and c.company_id is null and trim(coalesce(c.company, '')) <> ''`,
    [orgId, contactIds],
  );
}
