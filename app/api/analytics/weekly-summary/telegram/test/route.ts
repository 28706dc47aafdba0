import { afterCommit, orgRoute } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { getWeeklyChat, sendWeekToTelegram } from "@/lib/analytics/weekly-telegram";
import { lastWeek } from "@/lib/analytics/weekly-text";

/** Sends last week's summary to the chosen chat now: Telegram's answer, or its refusal word for word. */
export const POST = orgRoute({ role: "admin" }, async ({ sql, orgId }) => {
  if (!(await getWeeklyChat(sql, orgId))) throw new ApiError("not_found", "no Telegram chat is set for the summary");
  return afterCommit(() => sendWeekToTelegram(orgId, lastWeek(), { test: true }));
});
