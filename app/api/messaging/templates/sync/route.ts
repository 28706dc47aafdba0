import { afterCommit, orgRoute } from "@/lib/api/handler";
import { getChannel } from "@/lib/channels/store";
import { syncTemplates, syncTemplatesSchema } from "@/lib/inbox/templates";

/** { channelId } → every template of the channel with the provider's approval status. */
export const POST = orgRoute({ role: "admin", body: syncTemplatesSchema }, async ({ sql, orgId, body }) => {
  await getChannel(sql, orgId, body.channelId);
  return afterCommit(() => syncTemplates(orgId, body.channelId));
});
