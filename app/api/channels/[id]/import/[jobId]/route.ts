import { z } from "zod";
import { orgRoute, parseWith } from "@/lib/api/handler";
import { getImportRun } from "@/lib/channels/evolution/import-status";

/** One import of the channel: status, counts so far or final, and why it failed. Any member. */
export const GET = orgRoute({}, async ({ sql, orgId, params }) =>
  getImportRun(
    sql,
    orgId,
    parseWith(z.uuid(), params.id, "path: id"),
    parseWith(z.string().min(1).max(100), params.jobId, "path: jobId"),
  ),
);
