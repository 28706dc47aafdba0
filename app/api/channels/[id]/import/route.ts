import { z } from "zod";
import { afterCommit, orgRoute, parseWith } from "@/lib/api/handler";
import { getChannel } from "@/lib/channels/store";
import { checkImportable, importBodySchema, latestImport, startDialogImport } from "@/lib/dialogs/import";

const idOf = (params: Record<string, string>) => parseWith(z.uuid(), params.id, "path: id");

/** The channel's latest import: progress, counts, and why it failed. Any member. */
export const GET = orgRoute({}, async ({ sql, orgId, params, req }) => {
  const channel = await getChannel(sql, orgId, idOf(params), req);
  return latestImport(sql, orgId, channel.id);
});

/** Imports an Evolution channel's dialogs from its database; 202 with the import job. */
export const POST = orgRoute({ role: "admin", body: importBodySchema }, async ({ sql, orgId, params, body, req }) => {
  const channel = await getChannel(sql, orgId, idOf(params), req);
  checkImportable(channel, body);
  return afterCommit(async () => Response.json(await startDialogImport(orgId, channel.id, body), { status: 202 }));
});
