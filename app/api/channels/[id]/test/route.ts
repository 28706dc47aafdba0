import { z } from "zod";
import { afterCommit, orgRoute, parseWith } from "@/lib/api/handler";
import { asService } from "@/lib/db";
import { getChannel } from "@/lib/channels/store";
import { testChannel } from "@/lib/inbox/channel-actions";

/** Checks the credentials against the provider; answers the outcome and the channel with its new status. */
export const POST = orgRoute({ role: "admin" }, async ({ sql, orgId, params, req }) => {
  const id = parseWith(z.uuid(), params.id, "path: id");
  await getChannel(sql, orgId, id, req);
  return afterCommit(async () => {
    const result = await testChannel(orgId, id);
    return { ...result, channel: await asService((s) => getChannel(s, orgId, id, req)) };
  });
});
