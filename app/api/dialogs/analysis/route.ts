import { orgRoute } from "@/lib/api/handler";
import { checkAccount, leadsQuerySchema, listLeads } from "@/lib/dialogs/queries";

/** Seed 004's analysed leads with its filters; sorted by score (hottest first) unless asked otherwise. */
export const GET = orgRoute({ query: leadsQuerySchema }, async ({ sql, orgId, query }) => {
  checkAccount(orgId, query.userAccountId);
  return { success: true, ...(await listLeads(sql, orgId, query)) };
});
