import { z } from "zod";
import { afterCommit, orgRoute, parseWith } from "@/lib/api/handler";
import { getChannel } from "@/lib/channels/store";
import { checkImportable, importBodySchema, startDialogImport } from "@/lib/dialogs/import";

/** Imports an Evolution channel's dialogs from its database; 202 with the import job. */
export const POST = orgRoute({ role: "admin", body: importBodySchema }, async ({ sql, orgId, params, body, req }) => {
  const channel = await getChannel(sql, orgId, parseWith(z.uuid(), params.id, "path: id"), req);
  checkImportable(channel, body);
  return afterCommit(async () => Response.json(await startDialogImport(orgId, channel.id, body), { status: 202 }));
});
