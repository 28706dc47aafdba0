import { orgRoute } from "@/lib/api/handler";
import { checkAccount, leadFiltersSchema, leadStats } from "@/lib/dialogs/queries";

/** Seed 004's lead statistics: totals by interest level, stage and source, average score. */
export const GET = orgRoute({ query: leadFiltersSchema }, async ({ sql, orgId, query }) => {
  checkAccount(orgId, query.userAccountId);
  return { success: true, stats: await leadStats(sql, orgId, query) };
});
