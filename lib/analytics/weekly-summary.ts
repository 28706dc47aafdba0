import { z } from "zod";
import { asService, type Sql } from "@/lib/db";
import { isLocale } from "@/lib/i18n/config";
import { enqueue } from "@/lib/jobs/enqueue";
import { defineJob } from "@/lib/jobs/registry";
import { enqueueWeeklyTelegram } from "./weekly-telegram";
import { lastWeek, weekNumbers, weekText, type Week } from "./weekly-text";

// The weekly summary: every Monday, each organisation's owners get an in-app notification with last week's
// headline numbers (Monday to Sunday in the organisation's time zone), read from the same reports as the
// dashboard. One per owner and week: the notification's title carries the week, and a second run skips it.
// Organisations that chose a Telegram chat get it there too (weekly-telegram.ts), one job each.

const WEEK_MS = 7 * 86_400_000;

/** The summary of one organisation's week for its owners; returns how many notifications were made. */
export async function summariseWeek(sql: Sql, orgId: string, week: Week): Promise<number> {
  const numbers = await weekNumbers(sql, orgId, week);
  const owners = await sql.query<{ user_id: string; locale: string }>(
    `select m.user_id, p.locale from public.memberships m join public.profiles p on p.id = m.user_id
      where m.org_id = $1 and m.role = 'owner'`,
    [orgId],
  );
  let made = 0;
  for (const owner of owners) {
    const { title, body } = await weekText(numbers, week, isLocale(owner.locale) ? owner.locale : "en");
    const [row] = await sql.query<{ id: string }>(
      `insert into public.notifications (org_id, user_id, kind, title, body)
       select $1, $2, 'system', $3, $4
        where not exists (select 1 from public.notifications where org_id = $1 and user_id = $2 and title = $3)
       returning id`,
      [orgId, owner.user_id, title.slice(0, 300), body.slice(0, 2000)],
    );
    if (row) made++;
  }
  return made;
}

export const weeklySummaryPayload = z.object({
  /** Schedules the next Monday's run when done (the chain); a one-off run leaves it out. */
  repeat: z.boolean().default(true),
});

const weekKey = (week: { from: string }) => `week:${week.from}`;

/** Next Monday 06:00 UTC (morning in Europe), one per week however many processes ask. */
export function scheduleWeeklySummary(from = Date.now()) {
  const d = new Date(from);
  const runAt = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 6));
  runAt.setUTCDate(runAt.getUTCDate() + ((8 - runAt.getUTCDay()) % 7 || 7));
  return enqueue(weeklySummaryJob, {}, { runAt, dedupeKey: weekKey(lastWeek(new Date(runAt.getTime() + WEEK_MS))) });
}

export const weeklySummaryJob = defineJob({
  name: "analytics.weekly-summary",
  schema: weeklySummaryPayload,
  maxAttempts: 3,
  async run({ repeat }) {
    try {
      const week = lastWeek();
      const orgs = await asService((sql) => sql.query<{ id: string }>("select id from public.organizations"));
      let notified = 0;
      for (const org of orgs) notified += await asService((sql) => summariseWeek(sql, org.id, week));
      const telegramChats = await enqueueWeeklyTelegram(week);
      return { week, organizations: orgs.length, notified, telegramChats };
    } finally {
      if (repeat) await scheduleWeeklySummary();
    }
  },
});

/** At server start: joins the weekly chain (the next Monday's run). */
export const startWeeklySummary = () => scheduleWeeklySummary();
