import { generateKeyBetween } from "fractional-indexing";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";

/**
 * Cards and columns are ordered by fractional-indexing keys (compared byte-wise, collate "C"): a new place
 * between two neighbours is a key between theirs, so a move writes one row and never renumbers the column.
 */
export function keyBetween(above: string | null, below: string | null): string {
  // The library swaps neighbours given out of order; here that means the client's view of the column is
  // stale (someone reordered it meanwhile), which is the client's 409, not a silent guess.
  if (above !== null && below !== null && above >= below) {
    throw new ApiError("conflict", "the column changed since it was loaded; reload the board", {
      reason: "stale",
    });
  }
  return generateKeyBetween(above, below);
}

/**
 * Serialises writers of one column (a stage's cards, or a pipeline's stages) until the transaction ends, so
 * two moves into the same gap cannot compute the same key; the statements after it see what the other
 * committed. Advisory, so no row is locked and readers are never blocked.
 */
export async function lockColumn(sql: Sql, columnId: string) {
  await sql.query("select pg_advisory_xact_lock(hashtextextended($1, 7))", [lockKey(columnId)]);
}

/** The text a column's advisory lock is keyed on (private.move_deal takes the same lock, on the stage's id). */
export const lockKey = (columnId: string) => columnId;

export type Slot = { afterId?: string; beforeId?: string };

export type Neighbour = { id: string; position: string; column: string };

/** A neighbour the client named, as read: it must not be the row itself and must still be in the column. */
function checkNeighbour(row: Neighbour | null | undefined, column: string, field: string): Neighbour {
  if (!row || row.column !== column) {
    throw new ApiError("conflict", `${field}: no longer in that column; reload the board`, { reason: "stale" });
  }
  return row;
}
function checkNotSelf(id: string | undefined, field: string, selfId?: string) {
  if (id && id === selfId) throw new ApiError("bad_request", `${field}: cannot be the row being moved`);
}

/**
 * The key for a row placed in `column` of `table` (deals by stage_id, stages by pipeline_id) after the row
 * `afterId` and/or before the row `beforeId`; with neither, at the end. `selfId` is the row being moved,
 * which is never its own neighbour. A neighbour that is no longer in that column is a stale view: 409.
 */
export async function positionFor(
  sql: Sql,
  table: "deals" | "stages",
  columnField: "stage_id" | "pipeline_id",
  column: string,
  slot: Slot,
  selfId?: string,
): Promise<string> {
  const neighbour = async (id: string | undefined, field: string): Promise<Neighbour | undefined> => {
    if (!id) return undefined;
    checkNotSelf(id, field, selfId);
    const [row] = await sql.query<Neighbour>(
      `select id, position, ${columnField}::text as column from public.${table} where id = $1`,
      [id],
    );
    return checkNeighbour(row, column, field);
  };
  const after = await neighbour(slot.afterId, "afterId");
  const before = await neighbour(slot.beforeId, "beforeId");
  const nextTo = async (from: string | null, direction: "after" | "before") => {
    if (table === "deals") {
      // Through the database's view of every card, not only those the caller may see (see the function).
      const [row] = await sql.query<{ position: string | null }>(
        "select private.next_deal_position($1, $2, $3, $4) as position",
        [column, from, direction, selfId ?? null],
      );
      return row?.position ?? null;
    }
    const [row] = await sql.query<{ position: string }>(
      `select position from public.stages
        where pipeline_id = $1 and ($2::uuid is null or id <> $2::uuid)
          ${from === null ? "" : direction === "after" ? "and position > $3" : "and position < $3"}
        order by position ${direction === "after" ? "asc" : "desc"} limit 1`,
      from === null ? [column, selfId ?? null] : [column, selfId ?? null, from],
    );
    return row?.position ?? null;
  };
  if (after && before) return keyBetween(after.position, before.position);
  if (after) return keyBetween(after.position, await nextTo(after.position, "after"));
  if (before) return keyBetween(await nextTo(before.position, "before"), before.position);
  return keyBetween(await nextTo(null, "before"), null);
}

/** The key for the top of a column of cards (new deals go there). */
export async function firstDealPosition(sql: Sql, stageId: string) {
  const [row] = await sql.query<{ position: string | null }>(
    "select private.next_deal_position($1, null, 'after', null) as position",
    [stageId],
  );
  return keyBetween(null, row?.position ?? null);
}
