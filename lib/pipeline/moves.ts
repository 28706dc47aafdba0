import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { DEAL_SELECT, dealSchema, getDeal, type DealView } from "./deals";
import { queueEventsLocally, requestAfterCommit, type PublishedEvent } from "./events";
import { stageChangeSchema, type StageChange } from "./history";

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

/** What private.move_deal answers: a refusal, or the deal's changed columns with its history row and event. */
type Moved =
  | { error: "not_found" | "stale" | "bad_stage" | "lost_reason" | "column_changed" }
  | { error: "self" | "neighbour"; field: "afterId" | "beforeId" }
  | {
      error?: undefined;
      deal: Pick<
        DealView,
        "stageId" | "position" | "lostReason" | "version" | "stageEnteredAt" | "closedAt" | "updatedAt"
      >;
      history?: unknown;
      event?: PublishedEvent | null;
    };

const STALE = "the deal was moved or changed meanwhile; reload the board";
const stale = (deal: DealView) => new ApiError("conflict", STALE, { reason: "stale", deal });

type Refusal = Exclude<Moved, { deal: unknown }>;

/** The ApiError each refusal of private.move_deal always was (the messages of positions.ts and of this module). */
function refusalError(moved: Refusal): ApiError {
  const details = { reason: "stale" };
  switch (moved.error) {
    case "not_found":
      return new ApiError("not_found", "deal not found");
    case "stale":
      return new ApiError("conflict", STALE, details);
    case "bad_stage":
      return new ApiError("bad_request", "stageId: not a stage of this deal's pipeline");
    case "lost_reason":
      return new ApiError("bad_request", "lostReason: required when moving a deal to a lost stage");
    case "self":
      return new ApiError("bad_request", `${moved.field}: cannot be the row being moved`);
    case "neighbour":
      return new ApiError("conflict", `${moved.field}: no longer in that column; reload the board`, details);
    case "column_changed":
      return new ApiError("conflict", "the column changed since it was loaded; reload the board", details);
  }
}

async function refusal(sql: Sql, dealId: string, moved: Refusal): Promise<ApiError> {
  // A stale move answers the deal as it is now, read after whoever changed it committed.
  return moved.error === "stale" ? stale(await getDeal(sql, dealId)) : refusalError(moved);
}

/**
 * A move is one UPDATE of one row: the deal's stage and its key between its new neighbours. Moves into the
 * same column are serialised (the column's lock) so two of them never pick the same key, and the UPDATE only
 * applies to the version the client saw, so of two concurrent moves of one card exactly one wins and the
 * other is told 409 with the deal as it now is. The stage_history row is the trigger's (auto_moved and the
 * rule from the transaction's settings), and its event is published in the same transaction.
 *
 * One statement: the card's view as the caller sees it (row-level security, as every read), beside
 * private.move_deal, which does the move itself as the table's owner after deciding once what the deals
 * policies would (bench/pipeline: the policies evaluated on every statement of the move were most of its
 * time). The checks are the ones the move always made, in the same order.
 */
export async function moveDeal(
  sql: Sql,
  orgId: string,
  dealId: string,
  input: MoveInput,
  mover: Mover = {},
): Promise<MoveResult & { afterCommit?: () => Promise<void> }> {
  // A person says why a deal was lost (the board asks from the organisation's list); an automation need not.
  const auto = Boolean(mover.auto || mover.ruleId);
  const local = queueEventsLocally();
  const [row] = await sql.query<Record<string, unknown> & { moved: Moved }>(
    `select x.*, private.move_deal(x.id, $2, $3, $4, $5, $6, $7, $8, $9, $10) as moved
       from (${DEAL_SELECT} where d.id = $1) x`,
    [
      dealId,
      input.stageId,
      input.afterId ?? null,
      input.beforeId ?? null,
      input.expectedVersion ?? null,
      input.fromStageId ?? null,
      input.lostReason ?? null,
      auto,
      mover.ruleId ?? "",
      local,
    ],
    { prepare: true },
  );
  if (!row) throw new ApiError("not_found", "deal not found");
  const { moved, ...view } = row;
  if (moved.error !== undefined) throw await refusal(sql, dealId, moved);
  const deal = dealSchema.parse(view);
  // The function answers a history row only when it changed the stage (its own read, after the lock).
  const history = moved.history ? stageChangeSchema.parse(moved.history) : null;
  const afterCommit = history && moved.event && !local ? requestAfterCommit(orgId, history.id, moved.event) : undefined;
  return { deal: dealSchema.parse({ ...deal, ...moved.deal }), history, afterCommit };
}

/** One deal of moveDealsByRule: moved (with its event's request when runs are Trigger.dev's), or why not. */
export type RuleMove = { dealId: string; error?: string; afterCommit?: () => Promise<void> };

/**
 * An automation rule's move of many deals to one stage (the time-rule sweep's batch) in one statement: each deal
 * moved exactly as moveDeal moves it with { ruleId }, each in its own subtransaction, so one that fails is rolled
 * back alone and answers its error in `error`, as a failed moveDeal would have thrown it.
 */
export async function moveDealsByRule(
  sql: Sql,
  orgId: string,
  dealIds: string[],
  stageId: string,
  ruleId: string,
): Promise<RuleMove[]> {
  if (!dealIds.length) return [];
  const local = queueEventsLocally();
  const [{ moved }] = await sql.query<{ moved: (Moved | { error: "failed"; message: string })[] }>(
    "select private.move_deals($1::uuid[], $2, $3, $4) as moved",
    [dealIds, stageId, ruleId, local],
    { prepare: true },
  );
  return moved.map((m, i): RuleMove => {
    const dealId = dealIds[i];
    if (m.error === "failed") return { dealId, error: m.message };
    if (m.error !== undefined) return { dealId, error: refusalError(m).message };
    const history = m.history ? stageChangeSchema.parse(m.history) : null;
    const afterCommit = history && m.event && !local ? requestAfterCommit(orgId, history.id, m.event) : undefined;
    return { dealId, afterCommit };
  });
}
