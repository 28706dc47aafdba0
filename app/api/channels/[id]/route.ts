import { z } from "zod";
import { afterCommit, orgRoute, parseWith } from "@/lib/api/handler";
import { asService } from "@/lib/db";
import { deleteChannel, getChannel, updateChannel, updateChannelSchema } from "@/lib/channels/store";
import { connectChannel } from "@/lib/inbox/channel-actions";

const idOf = (params: Record<string, string>) => parseWith(z.uuid(), params.id, "path: id");

export const GET = orgRoute({}, async ({ sql, orgId, params, req }) => getChannel(sql, orgId, idOf(params), req));

/** Name, config, secrets (write-only, replaced as a whole), enabled; new credentials are connected again. */
export const PATCH = orgRoute(
  { role: "admin", body: updateChannelSchema },
  async ({ sql, orgId, params, body, req }) => {
    const id = idOf(params);
    const updated = await updateChannel(sql, orgId, id, body, req);
    const reconnect = updated.enabled && (body.secrets !== undefined || body.config !== undefined || body.enabled);
    if (!reconnect) return updated;
    return afterCommit(async () => {
      await connectChannel(orgId, id, req);
      return asService((s) => getChannel(s, orgId, id, req));
    });
  },
);

/** Removes the channel with its conversations and messages. To keep them, disable it instead. */
export const DELETE = orgRoute({ role: "admin" }, async ({ sql, orgId, params }) =>
  deleteChannel(sql, orgId, idOf(params)),
);
