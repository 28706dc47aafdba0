import { z } from "zod";
import { afterCommit, orgRoute, parseWith } from "@/lib/api/handler";
import { findMessageMedia, streamMessageMedia } from "@/lib/inbox/media";

const paramsSchema = z.object({ messageId: z.uuid(), index: z.coerce.number().int().min(0).max(99) });

/**
 * An inbound attachment, downloaded from the provider with the channel's credentials (which never reach the
 * browser). 404 for a message the caller cannot read, 413 over 25 MB, 502 when the provider fails.
 */
export const GET = orgRoute({}, async ({ sql, params }) => {
  const { messageId, index } = parseWith(paramsSchema, params, "params");
  const target = await findMessageMedia(sql, messageId, index);
  return afterCommit(() => streamMessageMedia(target));
});
