import { z } from "zod";
import type { Op } from "@/lib/api/openapi";
import { analyticsQueryShape } from "./filters";
import { exportQuerySchema, reportIds } from "./index";
import { reportSchema } from "./report";
import { botChoice, chatChoice, weeklyChatInput, weeklyChatView } from "./weekly-telegram";

const SUMMARIES: Record<(typeof reportIds)[number], string> = {
  "conversion-rates": "Funnel conversation → lead → qualified → deal → won, by source channel",
  "pipeline-value": "Open value by stage (weighted), won/lost over time, time in stage, stage conversion, lost reasons",
  "team-performance": "Per member: conversations, first-reply time, deals won, calls, tasks done/overdue",
  messages: "Messages by platform over time (in/out), active and new conversations",
  "response-times": "AI and human first-reply times (median, p90) by channel and member; share answered by AI only",
  "lead-quality": "Hot/warm/cold over time and by source, average score, score distribution",
  calls: "Calls by hour and day, answered vs missed, duration and waiting, calls → deals",
  ai: "AI replies, drafts accepted/edited/discarded, hand-offs, tokens and cost per model, analysis throughput",
  "popular-questions": "What clients asked most, grouped into topics, with examples and their conversations",
};

// Seed 003's Analytics service in /api/openapi.json: every report takes the same query.
export const analyticsOperations: Op[] = [
  ...reportIds.map((id): Op => ({
    method: "get",
    path: `/api/analytics/${id}`,
    summary: SUMMARIES[id],
    tag: "analytics",
    query: z.object(analyticsQueryShape),
    response: reportSchema,
  })),
  {
    method: "get",
    path: "/api/analytics/export",
    summary: "A report's table, or conversations with messages, as CSV (UTF-8 with BOM, streamed)",
    tag: "analytics",
    query: exportQuerySchema.shape ? z.object(exportQuerySchema.shape) : undefined,
    response: z.string().describe("text/csv"),
  },
  {
    method: "get",
    path: "/api/analytics/weekly-summary/telegram",
    summary: "The Telegram chat the weekly summary also goes to, and the bots and chats to choose from (admins)",
    tag: "analytics",
    response: z.object({ chat: weeklyChatView.nullable(), bots: z.array(botChoice), chats: z.array(chatChoice) }),
  },
  {
    method: "put",
    path: "/api/analytics/weekly-summary/telegram",
    summary: "Send the weekly summary to this Telegram chat through one of the organisation's bots",
    tag: "analytics",
    body: weeklyChatInput,
    response: z.object({ chat: weeklyChatView }),
  },
  {
    method: "delete",
    path: "/api/analytics/weekly-summary/telegram",
    summary: "Stop sending the weekly summary to Telegram",
    tag: "analytics",
    response: z.object({ deleted: z.boolean() }),
  },
  {
    method: "post",
    path: "/api/analytics/weekly-summary/telegram/test",
    summary: "Send last week's summary to the chat now (Telegram's refusal, if any, word for word)",
    tag: "analytics",
    response: z.object({ sent: z.boolean(), error: z.string().optional(), reason: z.string().optional() }),
  },
];
