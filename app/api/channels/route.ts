import { afterCommit, orgRoute } from "@/lib/api/handler";
import { asService } from "@/lib/db";
import { createChannel, createChannelSchema, getChannel, listChannels } from "@/lib/channels/store";
import { connectChannel } from "@/lib/inbox/channel-actions";

export const GET = orgRoute({}, async ({ sql, orgId, req }) => listChannels(sql, orgId, req));

/** Creates the channel, then (after commit) registers its webhook with the provider where that is done by API. */
export const POST = orgRoute({ role: "admin", body: createChannelSchema }, async ({ sql, orgId, body, req }) => {
  const created = await createChannel(sql, orgId, body, req);
  return afterCommit(async () => {
    await connectChannel(orgId, created.id, req);
    return Response.json(await asService((s) => getChannel(s, orgId, created.id, req)), { status: 201 });
  });
});
