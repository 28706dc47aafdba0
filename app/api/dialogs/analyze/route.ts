import { afterCommit, orgRoute } from "@/lib/api/handler";
import { checkAccount } from "@/lib/dialogs/queries";
import { analyzeBodySchema, startAnalysis } from "@/lib/dialogs/run";

/** Seed 004's batch analysis: 202 with the job while it runs, 200 with the final stats when `wait` and done. */
export const POST = orgRoute({ role: "agent", body: analyzeBodySchema }, async ({ orgId, body }) => {
  checkAccount(orgId, body.userAccountId);
  return afterCommit(() => startAnalysis(orgId, body));
});
