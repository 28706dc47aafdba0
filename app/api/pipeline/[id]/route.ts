import { orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { getPipeline, updatePipeline, updatePipelineSchema } from "@/lib/pipeline/pipelines";

export const GET = orgRoute({}, ({ sql, params }) => getPipeline(sql, uuidParam(params)));

export const PATCH = orgRoute({ role: "manager", body: updatePipelineSchema }, ({ sql, orgId, params, body }) =>
  updatePipeline(sql, orgId, uuidParam(params), body),
);
