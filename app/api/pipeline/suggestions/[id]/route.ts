import { afterCommit, orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { decideSuggestion, decideSuggestionSchema } from "@/lib/pipeline/suggestions";

/** Accept (the deal moves, marked automatic) or dismiss the AI's suggested stage. */
export const PATCH = orgRoute({ role: "agent", body: decideSuggestionSchema }, async ({ sql, orgId, params, body }) => {
  const { result, afterCommit: publish } = await decideSuggestion(sql, orgId, uuidParam(params), body);
  return publish ? afterCommit(async () => (await publish(), result)) : result;
});
