import { z } from "zod";
import type { Sql } from "@/lib/db";
import { iso } from "./sql";

export const stageChangeSchema = z.object({
  id: z.uuid(),
  dealId: z.uuid(),
  fromStageId: z.uuid().nullable(),
  toStageId: z.uuid().nullable(),
  movedBy: z.uuid().nullable(),
  movedByName: z.string().nullable(),
  movedAt: z.string(),
  autoMoved: z.boolean(),
  ruleId: z.uuid().nullable(),
});
export type StageChange = z.infer<typeof stageChangeSchema>;

const HISTORY_SELECT = `select h.id, h.deal_id as "dealId", h.from_stage_id as "fromStageId",
    h.to_stage_id as "toStageId", h.moved_by as "movedBy", nullif(p.full_name, '') as "movedByName",
    ${iso("h.moved_at")} as "movedAt", h.auto_moved as "autoMoved", h.rule_id as "ruleId"
  from public.stage_history h left join public.profiles p on p.id = h.moved_by`;

/** A deal's stage changes, newest first. */
export async function listStageHistory(sql: Sql, dealId: string): Promise<StageChange[]> {
  const rows = await sql.query(`${HISTORY_SELECT} where h.deal_id = $1 order by h.moved_at desc, h.id`, [dealId]);
  return rows.map((r) => stageChangeSchema.parse(r));
}

/** The row the trigger wrote for this deal in the current transaction, if its stage changed in it. */
export async function stageChangeOfThisTransaction(sql: Sql, dealId: string): Promise<StageChange | null> {
  const [row] = await sql.query(
    `${HISTORY_SELECT} where h.deal_id = $1 and h.moved_at = now() order by h.id desc limit 1`,
    [dealId],
  );
  return row ? stageChangeSchema.parse(row) : null;
}
