import { createTranslator } from "next-intl";
import { z } from "zod";
import { asService, type Sql } from "@/lib/db";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { enqueue } from "@/lib/jobs/enqueue";
import { defineJob } from "@/lib/jobs/registry";
import { runReport } from "./index";

// The weekly summary: every Monday, each organisation's owners get an in-app notification with last week's
// headline numbers (Monday to Sunday in the organisation's time zone), read from the same reports as the
// dashboard. One per owner and week: the notification's title carries the week, and a second run skips it.

const WEEK_MS = 7 * 86_400_000;

async function messagesFor(locale: Locale) {
  return (await import(`../../messages/${locale}.json`)).default as Record<string, unknown>;
}

/** Monday..Sunday of the week before the one `now` is in (UTC calendar; the reports count it in the org's zone). */
export function lastWeek(now = new Date()) {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) - 7);
  const to = new Date(d.getTime() + 6 * 86_400_000);
  return { from: d.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

const none = { channel: undefined, pipelineId: undefined, memberId: undefined, compare: true };

/** The summary of one organisation's week for its owners; returns how many notifications were made. */
export async function summariseWeek(sql: Sql, orgId: string, week: { from: string; to: string }): Promise<number> {
  const q = { ...none, ...week };
  const messages = await runReport(sql, orgId, "messages", q);
  const replies = await runReport(sql, orgId, "response-times", q);
  const leads = await runReport(sql, orgId, "lead-quality", q);
  const pipeline = await runReport(sql, orgId, "pipeline-value", q);
  const m = messages.tables.totals.rows[0] ?? {};
  const r = replies.tables.totals.rows[0] ?? {};
  const l = leads.tables.totals.rows[0] ?? {};
  const p = pipeline.tables.totals.rows[0] ?? {};
  const owners = await sql.query<{ user_id: string; locale: string }>(
    `select m.user_id, p.locale from public.memberships m join public.profiles p on p.id = m.user_id
      where m.org_id = $1 and m.role = 'owner'`,
    [orgId],
  );
  let made = 0;
  for (const owner of owners) {
    const locale: Locale = isLocale(owner.locale) ? owner.locale : "en";
    const t = createTranslator({ locale, messages: await messagesFor(locale) }) as unknown as (
      key: string,
      values?: Record<string, string>,
    ) => string;
    const n = (v: unknown) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(Number(v ?? 0));
    const minutes = (v: unknown) => (v === null || v === undefined ? "—" : n(Number(v) / 60));
    const money = (v: unknown) =>
      p.currency
        ? new Intl.NumberFormat(locale, {
            style: "currency",
            currency: String(p.currency),
            maximumFractionDigits: 0,
          }).format(Number(v ?? 0))
        : n(v);
    const title = t("analytics.weekly.title", { from: week.from, to: week.to });
    const body = t("analytics.weekly.body", {
      inbound: n(m.inbound),
      conversations: n(m.new_conversations),
      ai: minutes(r.ai_median),
      human: minutes(r.human_median),
      leads: n(l.leads),
      hot: n(l.hot),
      won: n(p.won_deals),
      wonValue: money(p.won_value),
      open: money(p.open_value),
    });
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
      return { week, organizations: orgs.length, notified };
    } finally {
      if (repeat) await scheduleWeeklySummary();
    }
  },
});

/** At server start: joins the weekly chain (the next Monday's run). */
export const startWeeklySummary = () => scheduleWeeklySummary();
