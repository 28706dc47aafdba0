import { afterCommit, orgRoute } from "@/lib/api/handler";
import { cancelAnalysis, getAnalysisRun } from "@/lib/dialogs/run";

/** Stops a running batch (agents): status cancelled, the dialogs it finished are kept. 409 once it ended. */
export const POST = orgRoute({ role: "agent" }, async ({ sql, orgId, params, principal }) => {
  const jobId = params.jobId ?? "";
  // Read through RLS first: another organisation's run is a 404 like an unknown one.
  await getAnalysisRun(sql, orgId, jobId);
  const by = principal.kind === "user" ? (principal.email ?? principal.userId) : `API key ${principal.apiKeyId}`;
  return afterCommit(async () => Response.json(await cancelAnalysis(orgId, jobId, by)));
});
