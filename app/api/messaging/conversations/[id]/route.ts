import { z } from "zod";
import { orgRoute, parseWith } from "@/lib/api/handler";
import { getConversation, updateConversation, updateConversationSchema } from "@/lib/inbox/conversations";

const idOf = (params: Record<string, string>) => parseWith(z.uuid(), params.id, "path: id");

/** The conversation with its contact panel. */
export const GET = orgRoute({}, async ({ sql, orgId, params }) => getConversation(sql, orgId, idOf(params)));

/** { status?, assigneeId? (null unassigns), unread?, aiMode? (null: the channel's), resumeAi? } */
export const PATCH = orgRoute({ role: "agent", body: updateConversationSchema }, async ({ sql, orgId, params, body }) =>
  updateConversation(sql, orgId, idOf(params), body),
);
