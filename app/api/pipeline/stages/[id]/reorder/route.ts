import { orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { reorderStage, reorderStageSchema } from "@/lib/pipeline/stages";

/** Puts the stage after `afterId` and/or before `beforeId`: one row written. */
export const POST = orgRoute({ role: "manager", body: reorderStageSchema }, ({ sql, params, body }) =>
  reorderStage(sql, uuidParam(params), body),
);
