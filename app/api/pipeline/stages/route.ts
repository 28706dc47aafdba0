import { orgRoute } from "@/lib/api/handler";
import { resolvePipelineId } from "@/lib/pipeline/pipelines";
import { createStage, createStageSchema, listStages, stagesQuerySchema } from "@/lib/pipeline/stages";

/** A pipeline's stages in order (the default pipeline's without `pipelineId`). */
export const GET = orgRoute({ query: stagesQuerySchema }, async ({ sql, orgId, query }) =>
  listStages(sql, await resolvePipelineId(sql, orgId, query.pipelineId)),
);

export const POST = orgRoute({ role: "manager", body: createStageSchema }, async ({ sql, orgId, body }) => {
  const { pipelineId, ...stage } = body;
  const created = await createStage(sql, orgId, await resolvePipelineId(sql, orgId, pipelineId), stage);
  return Response.json(created, { status: 201 });
});
