import { orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { deletePipeline, getPipeline, updatePipeline, updatePipelineSchema } from "@/lib/pipeline/pipelines";

export const GET = orgRoute({}, ({ sql, params }) => getPipeline(sql, uuidParam(params)));

export const PATCH = orgRoute({ role: "manager", body: updatePipelineSchema }, ({ sql, orgId, params, body }) =>
  updatePipeline(sql, orgId, uuidParam(params), body),
);

/** 409 for the default pipeline or one that still has deals. */
export const DELETE = orgRoute({ role: "manager" }, ({ sql, params }) => deletePipeline(sql, uuidParam(params)));
