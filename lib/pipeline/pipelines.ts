import { generateNKeysBetween } from "fractional-indexing";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { iso } from "./sql";
import { listStages, newStageSchema, stageSchema } from "./stages";

export const pipelineSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  isDefault: z.boolean(),
  /** Make a deal here when the dialog analysis finds a new qualified lead. */
  autoCreateDeals: z.boolean(),
  /** Move its deals as the analysis's funnel stage advances (off: the AI suggests the move on the card). */
  autoMoveDeals: z.boolean(),
  createdAt: z.string(),
  stages: z.array(stageSchema),
});
export type PipelineView = z.infer<typeof pipelineSchema>;

export const createPipelineSchema = z.object({
  name: z.string().trim().min(1, "is required").max(120),
  /** Its columns, left to right; omitted, a copy of the default pipeline's. */
  stages: z.array(newStageSchema).min(1).max(30).optional(),
  isDefault: z.boolean().optional(),
  autoCreateDeals: z.boolean().optional(),
  autoMoveDeals: z.boolean().optional(),
});
export const updatePipelineSchema = z.object({
  name: z.string().trim().min(1, "is required").max(120).optional(),
  /** Makes this the organisation's default pipeline (the one new deals go to). */
  isDefault: z.literal(true).optional(),
  autoCreateDeals: z.boolean().optional(),
  autoMoveDeals: z.boolean().optional(),
});

type PipelineRow = {
  id: string;
  name: string;
  isDefault: boolean;
  autoCreateDeals: boolean;
  autoMoveDeals: boolean;
  createdAt: string;
};

const PIPELINE_COLUMNS = `p.id, p.name, p.is_default as "isDefault", p.auto_create_deals as "autoCreateDeals",
  p.auto_move_deals as "autoMoveDeals", ${iso("p.created_at")} as "createdAt"`;

export async function listPipelines(sql: Sql): Promise<PipelineView[]> {
  const pipelines = await sql.query<PipelineRow>(
    `select ${PIPELINE_COLUMNS} from public.pipelines p order by p.is_default desc, p.created_at, p.id`,
  );
  const stages = await sql.query(
    `select s.id, s.pipeline_id as "pipelineId", s.name, s.position, s.color, s.probability, s.kind,
            s.funnel_stage as "funnelStage"
       from public.stages s where s.pipeline_id = any($1::uuid[]) order by s.position`,
    [pipelines.map((p) => p.id)],
  );
  const parsed = stages.map((s) => stageSchema.parse(s));
  return pipelines.map((p) => ({ ...p, stages: parsed.filter((s) => s.pipelineId === p.id) }));
}

export async function getPipeline(sql: Sql, id: string): Promise<PipelineView> {
  const [row] = await sql.query<PipelineRow>(`select ${PIPELINE_COLUMNS} from public.pipelines p where p.id = $1`, [
    id,
  ]);
  if (!row) throw new ApiError("not_found", "pipeline not found");
  return pipelineSchema.parse({ ...row, stages: await listStages(sql, id) });
}

/** The pipeline named, or the organisation's default one. A pipeline the caller cannot see is `field`'s 400. */
export async function resolvePipelineId(sql: Sql, orgId: string, pipelineId: string | undefined, field = "pipelineId") {
  const [row] = await sql.query<{ id: string }>(
    pipelineId
      ? "select id from public.pipelines where org_id = $1 and id = $2"
      : "select id from public.pipelines where org_id = $1 order by is_default desc, created_at limit 1",
    pipelineId ? [orgId, pipelineId] : [orgId],
  );
  if (!row) throw new ApiError("bad_request", pipelineId ? `${field}: no such pipeline` : `${field}: no pipeline yet`);
  return row.id;
}

async function makeDefault(sql: Sql, orgId: string, id: string) {
  // Two statements because the partial unique index allows one default at a time.
  await sql.query("update public.pipelines set is_default = false where org_id = $1 and is_default and id <> $2", [
    orgId,
    id,
  ]);
  await sql.query("update public.pipelines set is_default = true where id = $1", [id]);
}

/** A new pipeline (managers) with the given columns, or with a copy of the default pipeline's. */
export async function createPipeline(sql: Sql, orgId: string, input: z.output<typeof createPipelineSchema>) {
  const [row] = await sql.query<{ id: string }>(
    `insert into public.pipelines (org_id, name, auto_create_deals, auto_move_deals)
     values ($1, $2, coalesce($3, false), coalesce($4, false)) returning id`,
    [orgId, input.name, input.autoCreateDeals ?? null, input.autoMoveDeals ?? null],
  );
  if (input.stages) {
    const keys = generateNKeysBetween(null, null, input.stages.length);
    for (const [i, s] of input.stages.entries()) {
      await sql.query(
        `insert into public.stages (org_id, pipeline_id, name, position, color, probability, kind, funnel_stage)
         values ($1, $2, $3, $4, coalesce($5, '#64748b'), coalesce($6, 0), coalesce($7, 'open'), $8)`,
        [orgId, row.id, s.name, keys[i], s.color ?? null, s.probability ?? null, s.kind ?? null, s.funnelStage ?? null],
      );
    }
  } else {
    await sql.query(
      `insert into public.stages (org_id, pipeline_id, name, position, color, probability, kind, funnel_stage)
       select $1, $2, s.name, s.position, s.color, s.probability, s.kind, s.funnel_stage
         from public.stages s
        where s.pipeline_id = (select id from public.pipelines where org_id = $1 and id <> $2
                                order by is_default desc, created_at limit 1)`,
      [orgId, row.id],
    );
    const [any] = await sql.query("select 1 from public.stages where pipeline_id = $1 limit 1", [row.id]);
    if (!any) throw new ApiError("bad_request", "stages: required when the organisation has no pipeline to copy");
  }
  if (input.isDefault) await makeDefault(sql, orgId, row.id);
  return getPipeline(sql, row.id);
}

export async function updatePipeline(
  sql: Sql,
  orgId: string,
  id: string,
  patch: z.output<typeof updatePipelineSchema>,
) {
  await getPipeline(sql, id);
  if (patch.name !== undefined || patch.autoCreateDeals !== undefined || patch.autoMoveDeals !== undefined) {
    await sql.query(
      `update public.pipelines set name = coalesce($2, name), auto_create_deals = coalesce($3, auto_create_deals),
              auto_move_deals = coalesce($4, auto_move_deals) where id = $1`,
      [id, patch.name ?? null, patch.autoCreateDeals ?? null, patch.autoMoveDeals ?? null],
    );
  }
  if (patch.isDefault) await makeDefault(sql, orgId, id);
  return getPipeline(sql, id);
}

/**
 * A pipeline without deals (managers). The default one stays (another must be made default first), and one
 * that still has deals answers 409 until they are moved or deleted, counted over every deal, seen or not.
 */
export async function deletePipeline(sql: Sql, id: string) {
  const pipeline = await getPipeline(sql, id);
  if (pipeline.isDefault)
    throw new ApiError("conflict", "the default pipeline cannot be deleted; make another the default first", {
      reason: "default",
    });
  for (const stage of pipeline.stages) {
    const [busy] = await sql.query<{ n: boolean }>(
      "select private.next_deal_position($1, null, 'after', null) is not null as n",
      [stage.id],
    );
    if (busy.n) throw new ApiError("conflict", "the pipeline still has deals", { reason: "not_empty" });
  }
  const rows = await sql.query("delete from public.pipelines where id = $1 returning id", [id]);
  if (!rows.length) throw new ApiError("forbidden", "only managers delete pipelines");
}
