import { orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { dryRun } from "@/lib/automation/dry-run";
import { dryRunSchema } from "@/lib/automation/schema";

/** What the rule would do on this deal now; reads only. */
export const POST = orgRoute({ body: dryRunSchema }, ({ sql, orgId, params, body }) =>
  dryRun(sql, orgId, uuidParam(params), body.dealId),
);
