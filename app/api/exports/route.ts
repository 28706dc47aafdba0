import { afterCommit, orgRoute } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { startExport } from "@/lib/export/job";
import { createExportSchema } from "@/lib/export/kinds";
import { createExport, listExports } from "@/lib/export/store";

/** The caller's exports in their organisation, newest first. */
export const GET = orgRoute({}, async ({ sql, orgId }) => listExports(sql, orgId));

/**
 * An export in the background: `{ kind, params }`, params being the streaming route's query. 202 with the
 * export (queued); its job writes the file, and a notification links to it when done.
 */
export const POST = orgRoute({ body: createExportSchema }, async ({ sql, orgId, principal, body }) => {
  // An export belongs to the member who asked; an API key has no member to own it (it streams instead).
  if (principal.kind !== "user") throw new ApiError("forbidden", "exports in the background need a signed-in user");
  const exp = await createExport(sql, orgId, body.kind, body.params);
  return afterCommit(async () => {
    await startExport(orgId, exp.id);
    return Response.json(exp, { status: 202 });
  });
});
