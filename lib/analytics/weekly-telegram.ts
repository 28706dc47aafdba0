import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { appUrl } from "@/lib/app-url";
import { sendTelegram } from "@/lib/channels/telegram/send";
import type { TelegramChannel } from "@/lib/channels/telegram/schema";
import { loadChannelRecord } from "@/lib/channels/store";
import { RetryableSendError } from "@/lib/channels/types";
import { asService, type Sql } from "@/lib/db";
import { enqueue } from "@/lib/jobs/enqueue";
import { defineJob } from "@/lib/jobs/registry";
import { lastWeek, weekNumbers, weekText, type Week } from "./weekly-text";

// The weekly summary in a Telegram chat, through one of the organisation's own bots. Sent straight through the
// Bot API, not the inbox's outbox: it is a report to the team, not a message in a client's conversation, so it
// must not show up in the inbox nor count in the numbers it reports.

const CHAT_ID = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/;

export const weeklyChatInput = z.object({
  channelId: z.uuid(),
  chatId: z
    .string()
    .trim()
    .regex(CHAT_ID, "must be a Telegram chat id (a number, negative for groups) or a public channel's @username"),
  locale: z.enum(["en", "ru"]),
  enabled: z.boolean().default(true),
});
export type WeeklyChatInput = z.input<typeof weeklyChatInput>;

export const weeklyChatView = z.object({
  channelId: z.uuid(),
  channelName: z.string(),
  chatId: z.string(),
  locale: z.enum(["en", "ru"]),
  enabled: z.boolean(),
  lastSentWeek: z.string().nullable(),
  lastSentAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type WeeklyChatView = z.infer<typeof weeklyChatView>;

export const chatChoice = z.object({ channelId: z.uuid(), chatId: z.string(), title: z.string() });
export const botChoice = z.object({ id: z.uuid(), name: z.string() });

type Row = {
  channel_id: string;
  channel_name: string;
  chat_id: string;
  locale: "en" | "ru";
  enabled: boolean;
  last_sent_week: string | null;
  last_sent_at: Date | null;
  last_error: string | null;
};

const SELECT = `select w.channel_id, c.name as channel_name, w.chat_id, w.locale, w.enabled,
                       to_char(w.last_sent_week, 'YYYY-MM-DD') as last_sent_week, w.last_sent_at, w.last_error
                  from public.weekly_summary_chats w join public.channels c on c.id = w.channel_id
                 where w.org_id = $1`;

const toView = (r: Row): WeeklyChatView => ({
  channelId: r.channel_id,
  channelName: r.channel_name,
  chatId: r.chat_id,
  locale: r.locale,
  enabled: r.enabled,
  lastSentWeek: r.last_sent_week,
  lastSentAt: r.last_sent_at ? new Date(r.last_sent_at).toISOString() : null,
  lastError: r.last_error,
});

export async function getWeeklyChat(sql: Sql, orgId: string): Promise<WeeklyChatView | null> {
  const [row] = await sql.query<Row>(SELECT, [orgId]);
  return row ? toView(row) : null;
}

/**
 * The organisation's Telegram bots, and the chats they already have (newest first), so an owner who wrote to
 * the bot once picks their chat instead of looking up its id.
 */
export async function weeklyChatChoices(sql: Sql, orgId: string) {
  const bots = await sql.query<{ id: string; name: string }>(
    "select id, name from public.channels where org_id = $1 and type = 'telegram' order by created_at",
    [orgId],
  );
  const chats = await sql.query<{ channel_id: string; thread_id: string; title: string }>(
    `select v.channel_id, v.thread_id, coalesce(nullif(k.name, ''), v.thread_id) as title
       from public.conversations v join public.channels c on c.id = v.channel_id
       join public.contacts k on k.id = v.contact_id
      where v.org_id = $1 and c.type = 'telegram'
      order by v.last_message_at desc limit 30`,
    [orgId],
  );
  return {
    bots,
    chats: chats.map((c) => ({ channelId: c.channel_id, chatId: c.thread_id, title: c.title })),
  };
}

export async function saveWeeklyChat(sql: Sql, orgId: string, input: z.output<typeof weeklyChatInput>) {
  const [bot] = await sql.query("select 1 from public.channels where org_id = $1 and id = $2 and type = 'telegram'", [
    orgId,
    input.channelId,
  ]);
  if (!bot) throw new ApiError("not_found", "channelId: no Telegram bot of this organisation has that id");
  await sql.query(
    `insert into public.weekly_summary_chats (org_id, channel_id, chat_id, locale, enabled)
     values ($1, $2, $3, $4, $5)
     on conflict (org_id) do update set
       channel_id = excluded.channel_id, chat_id = excluded.chat_id, locale = excluded.locale,
       enabled = excluded.enabled, updated_by = auth.uid(), updated_at = now(),
       -- Another chat has not had this week's summary yet, and an old error was about the old chat.
       last_sent_week = case when weekly_summary_chats.chat_id = excluded.chat_id
                             then weekly_summary_chats.last_sent_week end,
       last_error = case when weekly_summary_chats.chat_id = excluded.chat_id
                         and weekly_summary_chats.channel_id = excluded.channel_id
                         then weekly_summary_chats.last_error end`,
    [orgId, input.channelId, input.chatId, input.locale, input.enabled],
  );
  return (await getWeeklyChat(sql, orgId))!;
}

export async function deleteWeeklyChat(sql: Sql, orgId: string): Promise<boolean> {
  const rows = await sql.query("delete from public.weekly_summary_chats where org_id = $1 returning org_id", [orgId]);
  return rows.length > 0;
}

/** The summary as one Telegram message: title, numbers, and the dashboard of that week. */
async function messageFor(sql: Sql, orgId: string, week: Week, locale: "en" | "ru") {
  const { title, body } = await weekText(await weekNumbers(sql, orgId, week), week, locale);
  return `${title}\n\n${body}\n\n${appUrl()}/analytics?from=${week.from}&to=${week.to}`;
}

/**
 * Sends one organisation's summary of `week` to its chat, once per week; `test` sends it again regardless and
 * leaves the week unmarked. A refusal that will not change (chat not found, bot removed) is stored for the
 * settings page and not retried; a retryable one is stored and thrown, so the job tries again.
 */
export async function sendWeekToTelegram(orgId: string, week: Week, opts: { test?: boolean } = {}) {
  // No transaction is held across the Bot API call (on the embedded database it would stall every other query).
  // Two runs of one week cannot overlap: the job's dedupe key keeps a second one out while the first is queued
  // or running, and the mark below is checked on every later run.
  const ready = await asService(async (sql) => {
    const [row] = await sql.query<Row>(SELECT, [orgId]);
    if (!row || (!row.enabled && !opts.test)) return { sent: false, reason: "off" } as const;
    if (!opts.test && row.last_sent_week === week.from) return { sent: false, reason: "already" } as const;
    const channel = (await loadChannelRecord(sql, row.channel_id, { orgId })) as TelegramChannel | undefined;
    if (!channel) return { sent: false, reason: "off" } as const;
    return { channel, chatId: row.chat_id, text: await messageFor(sql, orgId, week, row.locale) };
  });
  if ("reason" in ready) return ready;
  const record = (text: string, values: unknown[]) => asService((sql) => sql.query(text, [orgId, ...values]));
  try {
    await sendTelegram(ready.channel, { id: randomUUID(), threadId: ready.chatId, type: "text", text: ready.text });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    await record("update public.weekly_summary_chats set last_error = $2 where org_id = $1", [message]);
    if (error instanceof RetryableSendError && !opts.test) throw error;
    return { sent: false, error: message };
  }
  await record(
    `update public.weekly_summary_chats
        set last_error = null, last_sent_at = now(),
            last_sent_week = case when $3 then last_sent_week else $2::date end
      where org_id = $1`,
    [week.from, opts.test ?? false],
  );
  return { sent: true };
}

const weekSchema = z.object({ from: z.iso.date(), to: z.iso.date() });

export const weeklyTelegramJob = defineJob({
  name: "analytics.weekly-summary-telegram",
  schema: z.object({ orgId: z.uuid(), week: weekSchema }),
  maxAttempts: 5,
  run: ({ orgId, week }) => sendWeekToTelegram(orgId, week),
});

/** One delivery job per organisation that has a chat, so one org's unreachable chat does not hold up another's. */
export async function enqueueWeeklyTelegram(week = lastWeek()): Promise<number> {
  const orgs = await asService((sql) =>
    sql.query<{ org_id: string }>("select org_id from public.weekly_summary_chats where enabled"),
  );
  for (const { org_id } of orgs)
    await enqueue(weeklyTelegramJob, { orgId: org_id, week }, { orgId: org_id, dedupeKey: `${org_id}:${week.from}` });
  return orgs.length;
}
