import { z } from "zod";
import { orgRoute } from "@/lib/api/handler";
import { checkAccount } from "@/lib/dialogs/queries";
import { getAnalysisRun } from "@/lib/dialogs/run";

/** A batch's status, progress and stats so far. */
export const GET = orgRoute(
  { query: z.object({ userAccountId: z.uuid().optional() }) },
  async ({ sql, orgId, params, query }) => {
    checkAccount(orgId, query.userAccountId);
    return getAnalysisRun(sql, orgId, params.jobId ?? "");
  },
);
