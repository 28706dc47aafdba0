import { afterCommit, orgRoute } from "@/lib/api/handler";
import { checkAccount } from "@/lib/dialogs/queries";
import { analyzeBodySchema, getActiveAnalysis, startAnalysis } from "@/lib/dialogs/run";

/** The batch that is queued or running now (`run: null` when none), e.g. to follow or cancel it after a reload. */
export const GET = orgRoute({}, async ({ sql, orgId }) => getActiveAnalysis(sql, orgId));

/** Seed 004's batch analysis: 202 with the job while it runs, 200 with the final stats when `wait` and done. */
export const POST = orgRoute({ role: "agent", body: analyzeBodySchema }, async ({ orgId, body }) => {
  checkAccount(orgId, body.userAccountId);
  return afterCommit(() => startAnalysis(orgId, body));
});
