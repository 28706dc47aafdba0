import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { dealSchema, dealSelectFrom } from "./deals";
import { getPipeline, pipelineSchema } from "./pipelines";
import { stageSchema } from "./stages";

const PAGE = 50;

export const boardFiltersSchema = z.object({
  ownerId: z.uuid().optional(),
  /** Only the caller's deals. */
  mine: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  /** Words of the title or the client's name. */
  q: z.string().trim().max(200).optional(),
  /** The client's lead interest from the dialog analysis. */
  interest: z.enum(["hot", "warm", "cold"]).optional(),
  /** Clients who wrote through this channel. */
  channelId: z.uuid().optional(),
  /** Deals carrying this tag. */
  tag: z.string().trim().min(1).max(50).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(PAGE),
});
export const columnQuerySchema = boardFiltersSchema.extend({
  stageId: z.uuid(),
  cursor: z.string().max(400).optional(),
});
export type BoardFilters = z.output<typeof boardFiltersSchema>;

const totalSchema = z.object({ currency: z.string(), amount: z.string() });
export const columnSchema = z.object({
  stage: stageSchema,
  /** Deals in the column that match the filters, and their sums per currency. */
  count: z.number().int(),
  totals: z.array(totalSchema),
  deals: z.array(dealSchema),
  /** Pass as `cursor` to GET /api/crm/deals?stageId=… for the next page; null at the end. */
  nextCursor: z.string().nullable(),
});
export const boardSchema = z.object({
  pipeline: pipelineSchema.omit({ stages: true }),
  columns: z.array(columnSchema),
});
export const columnPageSchema = z.object({ deals: z.array(dealSchema), nextCursor: z.string().nullable() });

const encode = (position: string) => Buffer.from(position).toString("base64url");
function decode(cursor: string | undefined) {
  if (!cursor) return null;
  const position = Buffer.from(cursor, "base64url").toString("utf8");
  if (!/^[0-9A-Za-z]{1,200}$/.test(position))
    throw new ApiError("bad_request", "cursor: not a cursor this API gave out");
  return position;
}

/** The filters as SQL over `d` (and `c`, the client), parameters numbered from `from`. */
export function filterSql(filters: BoardFilters, from: number) {
  const where: string[] = [];
  const params: unknown[] = [];
  const owner = filters.mine
    ? "(select auth.uid())"
    : filters.ownerId
      ? `$${from + params.push(filters.ownerId) - 1}`
      : null;
  if (owner) where.push(`d.owner_id = ${owner}`);
  if (filters.q) {
    const p = `$${from + params.push(`%${filters.q.replace(/[\\%_]/g, "\\$&")}%`) - 1}`;
    where.push(`(d.title ilike ${p} or c.name ilike ${p})`);
  }
  if (filters.interest) {
    const p = `$${from + params.push(filters.interest) - 1}`;
    // The deal's copy of its client's lead interest (kept by triggers on leads): an index range, not a join.
    where.push(`d.interest_level = ${p}`);
  }
  if (filters.channelId) {
    const p = `$${from + params.push(filters.channelId) - 1}::uuid`;
    where.push(
      `exists (select 1 from public.conversations cv where cv.contact_id = d.contact_id and cv.channel_id = ${p})`,
    );
  }
  if (filters.tag) where.push(`$${from + params.push(filters.tag) - 1}::text = any(d.tags)`);
  return { sql: where.map((w) => ` and ${w}`).join(""), params };
}

/** One column's deals that match the filters, in card order: the rows a page is cut from (deals_board_idx). */
const columnRows = (where: string, filters: string, limit: string) =>
  `select d.* from public.deals d left join public.contacts c on c.id = d.contact_id
    where ${where} ${filters} order by d.position limit ${limit}`;

type ColumnTotals = { stageId: string; count: number; totals: { currency: string; amount: string }[] };
const sumsAsJson = (count: string, priced: string, amount: string) =>
  `select stage_id as "stageId", sum(${count})::int as count,
          coalesce(jsonb_agg(jsonb_build_object('currency', currency, 'amount', ${amount}::text) order by currency)
                     filter (where ${priced} > 0), '[]') as totals`;

/**
 * Every column's count and sums per currency. Unfiltered, or filtered by owner only, they are the running
 * totals (public.deal_stage_totals, kept by a trigger on deals, per owner: RLS leaves an own-deals-only viewer
 * their own); the other filters aggregate the matching deals.
 */
async function columnTotals(sql: Sql, pipelineId: string, filters: BoardFilters) {
  if (!filters.q && !filters.interest && !filters.channelId && !filters.tag) {
    const owner = filters.mine
      ? " and t.owner_id = (select auth.uid())"
      : filters.ownerId
        ? " and t.owner_id = $2"
        : "";
    return sql.query<ColumnTotals>(
      `${sumsAsJson("deals", "priced", "amount")}
         from (select t.stage_id, t.currency, sum(t.deals) as deals, sum(t.priced) as priced, sum(t.amount) as amount
                 from public.deal_stage_totals t where t.pipeline_id = $1${owner}
                group by t.stage_id, t.currency) g
        where deals <> 0
        group by stage_id`,
      filters.ownerId && !filters.mine ? [pipelineId, filters.ownerId] : [pipelineId],
      { prepare: true },
    );
  }
  const f = filterSql(filters, 2);
  return sql.query<ColumnTotals>(
    `${sumsAsJson("n", "priced", "total")}
       from (select d.stage_id, d.currency, count(*) as n, count(d.amount) as priced, sum(d.amount) as total
               from public.deals d left join public.contacts c on c.id = d.contact_id
              where d.pipeline_id = $1 ${f.sql}
              group by d.stage_id, d.currency) t
      group by stage_id`,
    [pipelineId, ...f.params],
    { prepare: true },
  );
}

/**
 * The board: its columns with counts and sums, and each column's first page of cards in order. One query for
 * the pages (a lateral range scan of deals_board_idx per column, the cards decorated after the page is cut)
 * and one for the totals (columnTotals).
 */
export async function getBoard(sql: Sql, pipelineId: string, filters: BoardFilters) {
  const { stages, ...pipeline } = await getPipeline(sql, pipelineId);
  const f = filterSql(filters, 3);
  const cards = await sql.query<Record<string, unknown> & { stageId: string }>(
    `select page.* from public.stages s
      cross join lateral (
        ${dealSelectFrom(columnRows("d.stage_id = s.id", f.sql, "$2"))} order by d.position
      ) page
      where s.pipeline_id = $1
      order by s.id, page.position collate "C"`,
    [pipelineId, filters.limit + 1, ...f.params],
    { prepare: true },
  );
  const totals = await columnTotals(sql, pipelineId, filters);
  const columns = stages.map((stage) => {
    const mine = cards.filter((c) => c.stageId === stage.id).map((c) => dealSchema.parse(c));
    const more = mine.length > filters.limit;
    const deals = more ? mine.slice(0, filters.limit) : mine;
    const sum = totals.find((t) => t.stageId === stage.id);
    return {
      stage,
      count: sum?.count ?? 0,
      totals: sum?.totals ?? [],
      deals,
      nextCursor: more ? encode(deals[deals.length - 1].position) : null,
    };
  });
  return boardSchema.parse({ pipeline, columns });
}

/** A further page of one column, after the cursor's card (keyset on the fractional key). */
export async function listColumnPage(sql: Sql, query: z.output<typeof columnQuerySchema>) {
  const after = decode(query.cursor);
  const f = filterSql(query, 4);
  const rows = await sql.query(
    `${dealSelectFrom(
      columnRows('d.stage_id = $1 and ($2::text is null or d.position > $2::text collate "C")', f.sql, "$3"),
    )} order by d.position`,
    [query.stageId, after, query.limit + 1, ...f.params],
  );
  const deals = rows.map((r) => dealSchema.parse(r));
  const more = deals.length > query.limit;
  const page = more ? deals.slice(0, query.limit) : deals;
  return { deals: page, nextCursor: more ? encode(page[page.length - 1].position) : null };
}
