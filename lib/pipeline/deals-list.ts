import { z } from "zod";
import type { Sql } from "@/lib/db";
import { CURSOR_TIME_SQL, decodeCursor, encodeCursor } from "@/lib/inbox/cursor";
import { boardFiltersSchema, columnPageSchema, listColumnPage } from "./board";
import { DEAL_SELECT, dealSchema } from "./deals";

export const dealsQuerySchema = boardFiltersSchema.extend({
  /** One column of the board, in its order (cursor from the board or the previous page). */
  stageId: z.uuid().optional(),
  pipelineId: z.uuid().optional(),
  contactId: z.uuid().optional(),
  companyId: z.uuid().optional(),
  cursor: z.string().max(400).optional(),
});
export const dealsPageSchema = columnPageSchema;

/**
 * Deals the caller may see: one board column in its order when `stageId` is given, otherwise newest first
 * (keyset on created_at, id) filtered by pipeline, client, company or owner.
 */
export async function listDeals(sql: Sql, query: z.output<typeof dealsQuerySchema>) {
  if (query.stageId) return listColumnPage(sql, { ...query, stageId: query.stageId });
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (p: string) => string, value: unknown) => where.push(clause(`$${params.push(value)}`));
  if (query.pipelineId) add((p) => `d.pipeline_id = ${p}`, query.pipelineId);
  if (query.contactId) add((p) => `d.contact_id = ${p}`, query.contactId);
  if (query.companyId) add((p) => `d.company_id = ${p}`, query.companyId);
  if (query.mine) where.push("d.owner_id = auth.uid()");
  else if (query.ownerId) add((p) => `d.owner_id = ${p}`, query.ownerId);
  if (query.q) {
    add((p) => `(d.title ilike ${p} or c.name ilike ${p})`, `%${query.q.replace(/[\\%_]/g, "\\$&")}%`);
  }
  const cursor = decodeCursor(query.cursor);
  if (cursor) {
    const at = `$${params.push(cursor.at)}::timestamptz`;
    const key = `$${params.push(cursor.key)}::uuid`;
    where.push(`(d.created_at, d.id) < (${at}, ${key})`);
  }
  const rows = await sql.query<Record<string, unknown> & { cursorAt: string }>(
    `select page.*, ${CURSOR_TIME_SQL("page.created_at_raw")} as "cursorAt"
       from (${DEAL_SELECT.replace("select ", "select d.created_at as created_at_raw, ")}
              ${where.length ? `where ${where.join(" and ")}` : ""}
              order by d.created_at desc, d.id desc limit $${params.push(query.limit + 1)}) page
      order by page.created_at_raw desc, page.id desc`,
    params,
  );
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return dealsPageSchema.parse({
    deals: page.map((r) => dealSchema.parse(r)),
    nextCursor: more && last ? encodeCursor(last.cursorAt, String(last.id)) : null,
  });
}
