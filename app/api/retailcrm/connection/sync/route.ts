import { ApiError } from "@/lib/api/errors";
import { afterCommit, orgRoute } from "@/lib/api/handler";
import { startFirstSync, syncRetailcrmNow } from "@/lib/retailcrm/jobs";
import { syncNowSchema } from "@/lib/retailcrm/settings";

/** "Sync now" (the change feeds) or the first sync of an existing account (upload ours, import theirs). */
export const POST = orgRoute({ role: "admin", body: syncNowSchema }, async ({ sql, orgId, body }) => {
  const [row] = await sql.query<{ id: string }>("select id from public.retailcrm_connections where org_id = $1", [
    orgId,
  ]);
  if (!row) throw new ApiError("not_found", "RetailCRM is not connected");
  return afterCommit(async () => {
    const job = body.kind === "first" ? await startFirstSync(row.id, orgId) : await syncRetailcrmNow(row.id, orgId);
    return Response.json({ jobId: job.id, kind: body.kind }, { status: 202 });
  });
});
