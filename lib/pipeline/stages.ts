import { generateNKeysBetween } from "fractional-indexing";
import { z } from "zod";
import { FUNNEL_STAGES } from "@/lib/ai/analysis-schema";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { publishStageChange } from "./events";
import { lockColumn, positionFor } from "./positions";

export const stageKindSchema = z.enum(["open", "won", "lost"]);
const colorSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, "must be a colour like #22c55e")
  .transform((c) => c.toLowerCase());

export const stageSchema = z.object({
  id: z.uuid(),
  pipelineId: z.uuid(),
  name: z.string(),
  position: z.string(),
  color: z.string(),
  probability: z.number().int(),
  kind: stageKindSchema,
  /** Seed 004's funnel stage this column stands for: the dialog analysis's stage maps onto it. */
  funnelStage: z.enum(FUNNEL_STAGES).nullable(),
});
export type StageView = z.infer<typeof stageSchema>;

const stageFields = {
  name: z.string().trim().min(1, "is required").max(100),
  color: colorSchema.optional(),
  probability: z.number().int().min(0).max(100).optional(),
  kind: stageKindSchema.optional(),
  funnelStage: z.enum(FUNNEL_STAGES).nullable().optional(),
};
const slotFields = {
  /** The stage this one goes right after (to its right); with neither, at the end. */
  afterId: z.uuid().optional(),
  /** The stage this one goes right before (to its left). */
  beforeId: z.uuid().optional(),
};

export const newStageSchema = z.object(stageFields);
export const createStageSchema = z.object({ pipelineId: z.uuid().optional(), ...stageFields, ...slotFields });
export const updateStageSchema = z.object({
  name: stageFields.name.optional(),
  color: stageFields.color,
  probability: stageFields.probability,
  kind: stageFields.kind,
  funnelStage: stageFields.funnelStage,
});
export const reorderStageSchema = z
  .object(slotFields)
  .refine((s) => s.afterId || s.beforeId, { path: ["afterId"], message: "afterId or beforeId is required" });
export const stagesQuerySchema = z.object({ pipelineId: z.uuid().optional() });

export const STAGE_COLUMNS = `s.id, s.pipeline_id as "pipelineId", s.name, s.position, s.color, s.probability, s.kind,
  s.funnel_stage as "funnelStage"`;

export async function listStages(sql: Sql, pipelineId: string): Promise<StageView[]> {
  const rows = await sql.query(
    `select ${STAGE_COLUMNS} from public.stages s where s.pipeline_id = $1 order by s.position`,
    [pipelineId],
  );
  return rows.map((r) => stageSchema.parse(r));
}

export async function getStage(sql: Sql, id: string): Promise<StageView> {
  const [row] = await sql.query(`select ${STAGE_COLUMNS} from public.stages s where s.id = $1`, [id]);
  if (!row) throw new ApiError("not_found", "stage not found");
  return stageSchema.parse(row);
}

/** A stage added to a pipeline (managers), at the end unless a neighbour is named. */
export async function createStage(
  sql: Sql,
  orgId: string,
  pipelineId: string,
  input: z.output<typeof newStageSchema> & z.output<typeof reorderStageSchema>,
): Promise<StageView> {
  await lockColumn(sql, pipelineId);
  const position = await positionFor(sql, "stages", "pipeline_id", pipelineId, input);
  const [row] = await sql.query<{ id: string }>(
    `insert into public.stages (org_id, pipeline_id, name, position, color, probability, kind, funnel_stage)
     values ($1, $2, $3, $4, coalesce($5, '#64748b'), coalesce($6, 0), coalesce($7, 'open'), $8) returning id`,
    [
      orgId,
      pipelineId,
      input.name,
      position,
      input.color ?? null,
      input.probability ?? null,
      input.kind ?? null,
      input.funnelStage ?? null,
    ],
  );
  return getStage(sql, row.id);
}

export async function updateStage(sql: Sql, id: string, patch: z.output<typeof updateStageSchema>) {
  const set = {
    name: patch.name,
    color: patch.color,
    probability: patch.probability,
    kind: patch.kind,
    funnel_stage: patch.funnelStage,
  };
  const entries = Object.entries(set).filter(([, v]) => v !== undefined);
  await getStage(sql, id);
  if (entries.length) {
    const rows = await sql.query(
      `update public.stages set ${entries.map(([k], i) => `${k} = $${i + 2}`).join(", ")} where id = $1 returning id`,
      [id, ...entries.map(([, v]) => v)],
    );
    if (!rows.length) throw new ApiError("forbidden", "only managers change stages");
  }
  return getStage(sql, id);
}

/** One row written: the stage's key between its new neighbours. */
export async function reorderStage(sql: Sql, id: string, slot: z.output<typeof reorderStageSchema>) {
  const stage = await getStage(sql, id);
  await lockColumn(sql, stage.pipelineId);
  const position = await positionFor(sql, "stages", "pipeline_id", stage.pipelineId, slot, id);
  const rows = await sql.query("update public.stages set position = $2 where id = $1 returning id", [id, position]);
  if (!rows.length) throw new ApiError("forbidden", "only managers reorder stages");
  return getStage(sql, id);
}

export const deleteStageQuerySchema = z.object({
  /** Move the stage's deals here first (a stage of the same pipeline, not a lost one: those need a reason). */
  moveTo: z.uuid().optional(),
});

/**
 * A stage without deals, or with its deals moved to `moveTo` first (appended there in their order, each with
 * its history row and event). Without `moveTo` a stage that has deals answers 409.
 */
export async function deleteStage(sql: Sql, orgId: string, id: string, moveTo?: string) {
  const stage = await getStage(sql, id);
  const [others] = await sql.query<{ n: number }>(
    "select count(*)::int as n from public.stages where pipeline_id = $1 and id <> $2",
    [stage.pipelineId, id],
  );
  if (others.n === 0) throw new ApiError("conflict", "a pipeline keeps at least one stage", { reason: "last_stage" });
  let afterCommit: (() => Promise<void>) | undefined;
  if (moveTo) afterCommit = await moveAllDeals(sql, orgId, stage, moveTo);
  // Counted by the database over every deal, including those an agent limited to their own cannot see.
  const [busy] = await sql.query<{ n: boolean }>(
    "select private.next_deal_position($1, null, 'after', null) is not null as n",
    [id],
  );
  if (busy.n) throw new ApiError("conflict", "the stage still has deals; move them first", { reason: "not_empty" });
  const rows = await sql.query("delete from public.stages where id = $1 returning id", [id]);
  if (!rows.length) throw new ApiError("forbidden", "only managers delete stages");
  return afterCommit;
}

async function moveAllDeals(sql: Sql, orgId: string, from: StageView, toId: string) {
  if (toId === from.id) throw new ApiError("bad_request", "moveTo: cannot be the stage being deleted");
  const [to] = await sql.query<{ kind: string }>("select kind from public.stages where id = $1 and pipeline_id = $2", [
    toId,
    from.pipelineId,
  ]);
  if (!to) throw new ApiError("bad_request", "moveTo: not a stage of this pipeline");
  if (to.kind === "lost") throw new ApiError("bad_request", "moveTo: deals moved to a lost stage each need a reason");
  await lockColumn(sql, from.id);
  await lockColumn(sql, toId);
  const deals = await sql.query<{ id: string }>(`select id from public.deals where stage_id = $1 order by position`, [
    from.id,
  ]);
  if (!deals.length) return undefined;
  const [last] = await sql.query<{ position: string | null }>(
    "select private.next_deal_position($1, null, 'before', null) as position",
    [toId],
  );
  const keys = generateNKeysBetween(last?.position ?? null, null, deals.length);
  // One statement for the column; the trigger writes each deal's history row.
  await sql.query(
    `update public.deals d set stage_id = $1, position = k.pos
       from unnest($2::uuid[], $3::text[]) as k (id, pos) where d.id = k.id`,
    [toId, deals.map((d) => d.id), keys],
  );
  const history = await sql.query<{ id: string }>(
    "select id from public.stage_history where deal_id = any($1::uuid[]) and moved_at = now() and to_stage_id = $2",
    [deals.map((d) => d.id), toId],
  );
  const publish: (() => Promise<void>)[] = [];
  for (const h of history) {
    const after = await publishStageChange(sql, orgId, h.id);
    if (after) publish.push(after);
  }
  return publish.length ? async () => void (await Promise.all(publish.map((p) => p()))) : undefined;
}
