import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { DEAL_SELECT, dealSchema, getDeal, type DealView } from "./deals";
import { queueEventsLocally, requestAfterCommit, type PublishedEvent } from "./events";
import { stageChangeSchema, type StageChange } from "./history";
import { lockKey, positionFromSlot, type Neighbour } from "./positions";

export const moveDealSchema = z.object({
  stageId: z.uuid(),
  /** The card the deal goes right after (above it in the column). */
  afterId: z.uuid().optional(),
  /** The card the deal goes right before (below it). With neither, the deal goes to the end of the column. */
  beforeId: z.uuid().optional(),
  /** The deal's version as the client saw it: a move of an older version answers 409 with the current deal. */
  expectedVersion: z.number().int().positive().optional(),
  /** The stage the client saw the deal in; a deal elsewhere by now is a stale move (409). */
  fromStageId: z.uuid().optional(),
  lostReason: z.string().trim().min(1).max(500).optional(),
});
export type MoveInput = z.output<typeof moveDealSchema>;

export type MoveResult = { deal: DealView; history: StageChange | null };

/** Who moves the deal when it is not a person's drag: an automation rule, or another module. */
export type Mover = { ruleId?: string | null; auto?: boolean };

/** What private.deal_move_slot reads after the column's lock. */
type Slot = { stageKind: string | null; after: Neighbour | null; before: Neighbour | null; next: string | null };

/** What private.apply_deal_move answers: the deal's changed columns (null: a stale version), history, event. */
type Applied = {
  deal: Pick<
    DealView,
    "stageId" | "position" | "lostReason" | "version" | "stageEnteredAt" | "closedAt" | "updatedAt"
  > | null;
  history?: unknown;
  event?: PublishedEvent | null;
};

const stale = (deal: DealView) =>
  new ApiError("conflict", "the deal was moved or changed meanwhile; reload the board", { reason: "stale", deal });

/**
 * A move is one UPDATE of one row: the deal's stage and its key between its new neighbours. Moves into the
 * same column are serialised (the column's lock) so two of them never pick the same key, and the UPDATE only
 * applies to the version the client saw, so of two concurrent moves of one card exactly one wins and the
 * other is told 409 with the deal as it now is. The stage_history row is the trigger's (auto_moved and the
 * rule from the transaction's settings), and its event is published in the same transaction.
 *
 * Two statements (measured in bench/pipeline: round trips were most of a move's time): the deal with what the
 * key needs, read after the column's lock (private.deal_move_slot), then the UPDATE with its history row and
 * event (private.apply_deal_move). The checks between them are the same, in the same order, as when each was a
 * query of its own.
 */
export async function moveDeal(
  sql: Sql,
  orgId: string,
  dealId: string,
  input: MoveInput,
  mover: Mover = {},
): Promise<MoveResult & { afterCommit?: () => Promise<void> }> {
  const [row] = await sql.query<Record<string, unknown> & { slot: Slot }>(
    `select x.*, private.deal_move_slot($2, x.id, x."pipelineId", $3::uuid, $4::uuid, $5::uuid) as slot
       from (${DEAL_SELECT} where d.id = $1) x`,
    [dealId, lockKey(input.stageId), input.stageId, input.afterId ?? null, input.beforeId ?? null],
    { prepare: true },
  );
  if (!row) throw new ApiError("not_found", "deal not found");
  const { slot, ...view } = row;
  const deal = dealSchema.parse(view);
  if (input.expectedVersion !== undefined && input.expectedVersion !== deal.version) throw stale(deal);
  if (input.fromStageId !== undefined && input.fromStageId !== deal.stageId) throw stale(deal);
  if (!slot.stageKind) throw new ApiError("bad_request", "stageId: not a stage of this deal's pipeline");
  // A person says why a deal was lost (the board asks from the organisation's list); an automation cannot.
  const auto = Boolean(mover.auto || mover.ruleId);
  if (slot.stageKind === "lost" && deal.stageId !== input.stageId && !input.lostReason && !auto) {
    throw new ApiError("bad_request", "lostReason: required when moving a deal to a lost stage");
  }
  const position = positionFromSlot(input.stageId, input, slot, dealId);

  const changesStage = deal.stageId !== input.stageId;
  const local = queueEventsLocally();
  const [{ moved }] = await sql.query<{ moved: Applied }>(
    "select private.apply_deal_move($1, $2, $3, $4, $5, $6, $7, $8, $9) as moved",
    [
      dealId,
      deal.version,
      input.stageId,
      position,
      input.lostReason ?? null,
      auto,
      mover.ruleId ?? "",
      changesStage,
      local,
    ],
    { prepare: true },
  );
  // The row is locked by whoever moved it first; after their commit our version no longer matches.
  if (!moved.deal) throw stale(await getDeal(sql, dealId));

  const history = changesStage && moved.history ? stageChangeSchema.parse(moved.history) : null;
  const afterCommit = history && moved.event && !local ? requestAfterCommit(orgId, history.id, moved.event) : undefined;
  return { deal: dealSchema.parse({ ...deal, ...moved.deal }), history, afterCommit };
}
