import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { getDeal, dealSchema } from "./deals";
import { moveDeal } from "./moves";

// The AI's proposed stage moves (written by lib/pipeline/from-leads.ts), decided by a person with one click.

export const decideSuggestionSchema = z.object({
  action: z.enum(["accept", "dismiss"]),
  /** Needed to accept a move to a lost stage. */
  lostReason: z.string().trim().min(1).max(500).optional(),
});
export const decidedSuggestionSchema = z.object({
  id: z.uuid(),
  status: z.enum(["accepted", "dismissed"]),
  deal: dealSchema,
});

/**
 * Accepting moves the deal as an automatic move made by the person who accepted (auto_moved, moved_by them);
 * dismissing keeps it where it is, and the same move is not suggested again for this deal.
 */
export async function decideSuggestion(
  sql: Sql,
  orgId: string,
  id: string,
  input: z.output<typeof decideSuggestionSchema>,
) {
  const [row] = await sql.query<{ dealId: string; toStageId: string; status: string; kind: string }>(
    `select s.deal_id as "dealId", s.to_stage_id as "toStageId", s.status, st.kind
       from public.deal_suggestions s join public.stages st on st.id = s.to_stage_id where s.id = $1`,
    [id],
  );
  if (!row) throw new ApiError("not_found", "suggestion not found");
  if (row.status !== "pending")
    throw new ApiError("conflict", "the suggestion was already decided", { reason: "decided" });
  let afterCommit: (() => Promise<void>) | undefined;
  if (input.action === "accept") {
    if (row.kind === "lost" && !input.lostReason)
      throw new ApiError("bad_request", "lostReason: required when moving a deal to a lost stage");
    const moved = await moveDeal(
      sql,
      orgId,
      row.dealId,
      { stageId: row.toStageId, lostReason: input.lostReason },
      { auto: true },
    );
    afterCommit = moved.afterCommit;
  }
  const status = input.action === "accept" ? "accepted" : "dismissed";
  const updated = await sql.query(
    `update public.deal_suggestions set status = $2, decided_by = auth.uid(), decided_at = now()
      where id = $1 and status = 'pending' returning id`,
    [id, status],
  );
  if (!updated.length) throw new ApiError("forbidden", "needs the agent role or higher");
  return { result: decidedSuggestionSchema.parse({ id, status, deal: await getDeal(sql, row.dealId) }), afterCommit };
}
