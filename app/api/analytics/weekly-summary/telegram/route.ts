import { orgRoute } from "@/lib/api/handler";
import {
  deleteWeeklyChat,
  getWeeklyChat,
  saveWeeklyChat,
  weeklyChatChoices,
  weeklyChatInput,
} from "@/lib/analytics/weekly-telegram";

/** Where the weekly summary goes in Telegram, and the bots and chats to choose from. */
export const GET = orgRoute({ role: "admin" }, async ({ sql, orgId }) => ({
  chat: await getWeeklyChat(sql, orgId),
  ...(await weeklyChatChoices(sql, orgId)),
}));

export const PUT = orgRoute({ role: "admin", body: weeklyChatInput }, async ({ sql, orgId, body }) => ({
  chat: await saveWeeklyChat(sql, orgId, body),
}));

export const DELETE = orgRoute({ role: "admin" }, async ({ sql, orgId }) => ({
  deleted: await deleteWeeklyChat(sql, orgId),
}));
