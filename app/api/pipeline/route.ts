import { orgRoute } from "@/lib/api/handler";
import { createPipeline, createPipelineSchema, listPipelines } from "@/lib/pipeline/pipelines";

/** The organisation's pipelines, the default first, each with its stages in order. */
export const GET = orgRoute({}, ({ sql }) => listPipelines(sql));

export const POST = orgRoute({ role: "manager", body: createPipelineSchema }, async ({ sql, orgId, body }) =>
  Response.json(await createPipeline(sql, orgId, body), { status: 201 }),
);
