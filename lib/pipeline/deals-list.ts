import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { CURSOR_TIME_SQL } from "@/lib/inbox/cursor";
import { boardFiltersSchema, columnPageSchema, filterSql, listColumnPage } from "./board";
import { DEAL_SELECT, dealSchema } from "./deals";

/** The list view's sortable columns: the SQL each sorts by, and how its cursor value is read back. */
const SORTS = {
  created: { expr: "d.created_at", value: CURSOR_TIME_SQL("d.created_at"), cast: "timestamptz" },
  updated: { expr: "d.updated_at", value: CURSOR_TIME_SQL("d.updated_at"), cast: "timestamptz" },
  stageEntered: { expr: "d.stage_entered_at", value: CURSOR_TIME_SQL("d.stage_entered_at"), cast: "timestamptz" },
  // Deals without an amount sort as the smallest.
  amount: { expr: "coalesce(d.amount, -1)", value: "coalesce(d.amount, -1)::text", cast: "numeric" },
  title: { expr: 'lower(d.title) collate "C"', value: "lower(d.title)", cast: "text" },
} as const;

export const dealsQuerySchema = boardFiltersSchema.extend({
  /** One column of the board, in its order (cursor from the board or the previous page). */
  stageId: z.uuid().optional(),
  pipelineId: z.uuid().optional(),
  contactId: z.uuid().optional(),
  companyId: z.uuid().optional(),
  /** The list view's order (ignored with `stageId`, which keeps the column's order). */
  sort: z.enum(Object.keys(SORTS) as [keyof typeof SORTS, ...(keyof typeof SORTS)[]]).default("created"),
  order: z.enum(["asc", "desc"]).default("desc"),
  cursor: z.string().max(400).optional(),
});
export const dealsPageSchema = columnPageSchema;

const encode = (value: string, id: string) => Buffer.from(JSON.stringify([value, id])).toString("base64url");
function decode(cursor: string | undefined) {
  if (!cursor) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && z.uuid().safeParse(v[1]).success)
      return { value: v[0], id: v[1] as string };
  } catch {
    // fall through
  }
  throw new ApiError("bad_request", "cursor: not a cursor this API gave out");
}

/**
 * Deals the caller may see: one board column in its order when `stageId` is given, otherwise the list view:
 * sorted by a column (keyset on that column and the id), filtered as the board is, by pipeline, client or company.
 */
export async function listDeals(sql: Sql, query: z.output<typeof dealsQuerySchema>) {
  if (query.stageId) return listColumnPage(sql, { ...query, stageId: query.stageId });
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (clause: (p: string) => string, value: unknown) => where.push(clause(`$${params.push(value)}`));
  if (query.pipelineId) add((p) => `d.pipeline_id = ${p}::uuid`, query.pipelineId);
  if (query.contactId) add((p) => `d.contact_id = ${p}::uuid`, query.contactId);
  if (query.companyId) add((p) => `d.company_id = ${p}::uuid`, query.companyId);
  const f = filterSql(query, params.length + 1);
  params.push(...f.params);
  const sort = SORTS[query.sort];
  const cursor = decode(query.cursor);
  if (cursor) {
    const cmp = query.order === "desc" ? "<" : ">";
    const value = `$${params.push(cursor.value)}::${sort.cast}`;
    where.push(`(${sort.expr}, d.id) ${cmp} (${value}, $${params.push(cursor.id)}::uuid)`);
  }
  if (sort.cast === "numeric" && cursor && !/^-?\d{1,18}(\.\d{1,2})?$/.test(cursor.value))
    throw new ApiError("bad_request", "cursor: not a cursor this API gave out");
  if (sort.cast === "timestamptz" && cursor && Number.isNaN(Date.parse(cursor.value)))
    throw new ApiError("bad_request", "cursor: not a cursor this API gave out");
  const dir = query.order === "desc" ? "desc" : "asc";
  const rows = await sql.query<Record<string, unknown> & { sortValue: string }>(
    `${DEAL_SELECT.replace("select ", `select ${sort.value} as "sortValue", `)}
      where true ${where.map((w) => ` and ${w}`).join("")} ${f.sql}
      order by ${sort.expr} ${dir}, d.id ${dir} limit $${params.push(query.limit + 1)}`,
    params,
  );
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return dealsPageSchema.parse({
    deals: page.map((r) => dealSchema.parse(r)),
    nextCursor: more && last ? encode(last.sortValue, String(last.id)) : null,
  });
}
