import { afterCommit, orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { deleteStage, deleteStageQuerySchema, getStage, updateStage, updateStageSchema } from "@/lib/pipeline/stages";

export const GET = orgRoute({}, ({ sql, params }) => getStage(sql, uuidParam(params)));

export const PATCH = orgRoute({ role: "manager", body: updateStageSchema }, ({ sql, params, body }) =>
  updateStage(sql, uuidParam(params), body),
);

/** 409 while the stage has deals (unless `moveTo` names where they go), or when it is the pipeline's last. */
export const DELETE = orgRoute(
  { role: "manager", query: deleteStageQuerySchema },
  async ({ sql, orgId, params, query }) => {
    const publish = await deleteStage(sql, orgId, uuidParam(params), query.moveTo);
    const gone = () => new Response(null, { status: 204 });
    return publish ? afterCommit(async () => (await publish(), gone())) : gone();
  },
);
