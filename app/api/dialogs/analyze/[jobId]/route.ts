import { orgRoute } from "@/lib/api/handler";
import { getAnalysisRun } from "@/lib/dialogs/run";

/** A batch's status, progress and stats so far. */
export const GET = orgRoute({}, async ({ sql, orgId, params }) => getAnalysisRun(sql, orgId, params.jobId ?? ""));
