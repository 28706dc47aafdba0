import { z } from "zod";
import { afterCommit, orgRoute, parseWith } from "@/lib/api/handler";
import { getConversation, updateConversation, updateConversationSchema } from "@/lib/inbox/conversations";
import { scheduleWake } from "@/lib/inbox/snooze";

const idOf = (params: Record<string, string>) => parseWith(z.uuid(), params.id, "path: id");

/** The conversation with its contact panel. */
export const GET = orgRoute({}, async ({ sql, orgId, params }) => getConversation(sql, orgId, idOf(params)));

/** { status?, assigneeId? (null unassigns), unread?, aiMode? (null: the channel's), resumeAi?, snoozedUntil? } */
export const PATCH = orgRoute(
  { role: "agent", body: updateConversationSchema },
  async ({ sql, orgId, params, body }) => {
    const item = await updateConversation(sql, orgId, idOf(params), body);
    // The wake-up is scheduled once the snooze is committed, so it never runs against an uncommitted one.
    const until = body.snoozedUntil;
    return until ? afterCommit(async () => (await scheduleWake(orgId, item.id, new Date(until)), item)) : item;
  },
);
