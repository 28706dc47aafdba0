import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { getDeal, type DealView } from "./deals";
import { publishStageChange } from "./events";
import { stageChangeOfThisTransaction, type StageChange } from "./history";
import { lockColumn, positionFor } from "./positions";

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

const stale = (deal: DealView) =>
  new ApiError("conflict", "the deal was moved or changed meanwhile; reload the board", { reason: "stale", deal });

/**
 * A move is one UPDATE of one row: the deal's stage and its key between its new neighbours. Moves into the
 * same column are serialised (lockColumn) so two of them never pick the same key, and the UPDATE only
 * applies to the version the client saw, so of two concurrent moves of one card exactly one wins and the
 * other is told 409 with the deal as it now is. The stage_history row is the trigger's (auto_moved and the
 * rule from the transaction's settings), and its event is published in the same transaction.
 */
export async function moveDeal(
  sql: Sql,
  orgId: string,
  dealId: string,
  input: MoveInput,
  mover: Mover = {},
): Promise<MoveResult & { afterCommit?: () => Promise<void> }> {
  const deal = await getDeal(sql, dealId);
  if (input.expectedVersion !== undefined && input.expectedVersion !== deal.version) throw stale(deal);
  if (input.fromStageId !== undefined && input.fromStageId !== deal.stageId) throw stale(deal);
  const [stage] = await sql.query<{ id: string; kind: string }>(
    "select id, kind from public.stages where id = $1 and pipeline_id = $2",
    [input.stageId, deal.pipelineId],
  );
  if (!stage) throw new ApiError("bad_request", "stageId: not a stage of this deal's pipeline");
  // A person says why a deal was lost (the board asks from the organisation's list); an automation cannot.
  const auto = Boolean(mover.auto || mover.ruleId);
  if (stage.kind === "lost" && deal.stageId !== stage.id && !input.lostReason && !auto) {
    throw new ApiError("bad_request", "lostReason: required when moving a deal to a lost stage");
  }

  await lockColumn(sql, input.stageId);
  const position = await positionFor(sql, "deals", "stage_id", input.stageId, input, dealId);
  if (auto) {
    await sql.query("select set_config('relay.auto_moved', 'true', true), set_config('relay.move_rule_id', $1, true)", [
      mover.ruleId ?? "",
    ]);
  }
  const rows = await sql.query(
    `update public.deals set stage_id = $3, position = $4,
            lost_reason = case when $5::text is not null then $5 else lost_reason end
      where id = $1 and version = $2 returning id`,
    [dealId, deal.version, input.stageId, position, input.lostReason ?? null],
  );
  if (auto)
    await sql.query("select set_config('relay.auto_moved', '', true), set_config('relay.move_rule_id', '', true)");
  // The row is locked by whoever moved it first; after their commit our version no longer matches.
  if (!rows.length) throw stale(await getDeal(sql, dealId));

  const history = deal.stageId === input.stageId ? null : await stageChangeOfThisTransaction(sql, dealId);
  const afterCommit = history ? await publishStageChange(sql, orgId, history.id) : undefined;
  return { deal: await getDeal(sql, dealId), history, afterCommit };
}
