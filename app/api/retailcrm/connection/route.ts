import { orgRoute } from "@/lib/api/handler";
import { saveConnection, saveConnectionSchema } from "@/lib/retailcrm/connections";
import { scheduleRetailcrmSync } from "@/lib/retailcrm/jobs";
import { getConnectionView } from "@/lib/retailcrm/settings";
import { afterCommit } from "@/lib/api/handler";

export const GET = orgRoute({ role: "admin" }, async ({ sql, orgId, req }) => ({
  connection: await getConnectionView(sql, orgId, req),
}));

/** Connects or updates; the API key is write-only. Starts (or rejoins) the scheduled sync. */
export const PUT = orgRoute({ role: "admin", body: saveConnectionSchema }, async ({ sql, orgId, body, req }) => {
  const id = await saveConnection(sql, orgId, body);
  const view = await getConnectionView(sql, orgId, req);
  return afterCommit(async () => {
    await scheduleRetailcrmSync(id, orgId);
    return { connection: view };
  });
});
