import { afterCommit, orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { clientStageSchema, setClientStage } from "@/lib/pipeline/client-stage";

/** Seed 003: the client's open deal in the stage's pipeline moves there (200), or a new one is made (201). */
export const PUT = orgRoute({ role: "agent", body: clientStageSchema }, async ({ sql, orgId, params, body }) => {
  const { result, afterCommit: publish } = await setClientStage(sql, orgId, uuidParam(params, "clientId"), body);
  const answer = () => Response.json(result, { status: result.created ? 201 : 200 });
  return publish ? afterCommit(async () => (await publish(), answer())) : answer();
});
