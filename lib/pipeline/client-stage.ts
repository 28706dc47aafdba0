import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { createDeal, dealSchema, getDeal } from "./deals";
import { stageChangeSchema } from "./history";
import { amountSchema, currencySchema } from "./money";
import { moveDeal } from "./moves";

// Seed 003's PUT /api/pipeline/clients/:clientId/stage: "put this client at that stage", for systems that
// think in clients rather than deals. The client's open deal in the stage's pipeline moves there; a client
// without one gets a new deal in that stage.

export const clientStageSchema = z.object({
  stageId: z.uuid(),
  lostReason: z.string().trim().min(1).max(500).optional(),
  /** For a new deal only; the client's name when omitted. */
  title: z.string().trim().min(1).max(300).optional(),
  amount: amountSchema.nullable().optional(),
  currency: currencySchema.optional(),
});
export const clientStageResultSchema = z.object({
  deal: dealSchema,
  history: stageChangeSchema.nullable(),
  /** A new deal was made for the client. */
  created: z.boolean(),
});

export async function setClientStage(
  sql: Sql,
  orgId: string,
  clientId: string,
  input: z.output<typeof clientStageSchema>,
) {
  const [client] = await sql.query<{ name: string }>("select name from public.contacts where id = $1", [clientId]);
  if (!client) throw new ApiError("not_found", "client not found");
  const [stage] = await sql.query<{ pipelineId: string; kind: string }>(
    `select pipeline_id as "pipelineId", kind from public.stages where id = $1`,
    [input.stageId],
  );
  if (!stage) throw new ApiError("bad_request", "stageId: no such stage");
  const [open] = await sql.query<{ id: string }>(
    `select id from public.deals where contact_id = $1 and pipeline_id = $2 and closed_at is null
      order by created_at desc, id desc limit 1`,
    [clientId, stage.pipelineId],
  );
  if (open) {
    const { afterCommit, ...moved } = await moveDeal(sql, orgId, open.id, {
      stageId: input.stageId,
      lostReason: input.lostReason,
    });
    return { result: clientStageResultSchema.parse({ ...moved, created: false }), afterCommit };
  }
  if (stage.kind === "lost" && !input.lostReason)
    throw new ApiError("bad_request", "lostReason: required when moving a deal to a lost stage");
  const { deal, afterCommit } = await createDeal(sql, orgId, {
    title: input.title ?? (client.name.trim() || "Deal"),
    pipelineId: stage.pipelineId,
    stageId: input.stageId,
    contactId: clientId,
    amount: input.amount,
    currency: input.currency,
  });
  if (input.lostReason)
    await sql.query("update public.deals set lost_reason = $2 where id = $1", [deal.id, input.lostReason]);
  const [history] = await sql.query(
    `select h.id, h.deal_id as "dealId", h.from_stage_id as "fromStageId", h.to_stage_id as "toStageId",
            h.moved_by as "movedBy", null as "movedByName",
            to_char(h.moved_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "movedAt",
            h.auto_moved as "autoMoved", h.rule_id as "ruleId"
       from public.stage_history h where h.deal_id = $1 order by h.moved_at limit 1`,
    [deal.id],
  );
  return {
    result: clientStageResultSchema.parse({ deal: await getDeal(sql, deal.id), history, created: true }),
    afterCommit,
  };
}
