import { orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { deleteStage, getStage, updateStage, updateStageSchema } from "@/lib/pipeline/stages";

export const GET = orgRoute({}, ({ sql, params }) => getStage(sql, uuidParam(params)));

export const PATCH = orgRoute({ role: "manager", body: updateStageSchema }, ({ sql, params, body }) =>
  updateStage(sql, uuidParam(params), body),
);

/** 409 while the stage has deals, or when it is the pipeline's last. */
export const DELETE = orgRoute({ role: "manager" }, ({ sql, params }) => deleteStage(sql, uuidParam(params)));
