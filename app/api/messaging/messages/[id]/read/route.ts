import { z } from "zod";
import { orgRoute, parseWith } from "@/lib/api/handler";
import { markReadUpTo } from "@/lib/inbox/conversations";

/** Marks the message's conversation read up to this message → { conversationId, unreadCount }. */
export const PATCH = orgRoute({ role: "agent" }, async ({ sql, orgId, params }) =>
  markReadUpTo(sql, orgId, parseWith(z.uuid(), params.id, "path: id")),
);
