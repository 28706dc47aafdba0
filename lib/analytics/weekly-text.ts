import type { Sql } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { translatorFor } from "@/lib/i18n/translator";
import { runReport } from "./index";

// The weekly summary's numbers and words, shared by the owners' notification and the Telegram chat: last week
// (Monday to Sunday, counted in the organisation's time zone) read from the same reports as the dashboard.

/** Monday..Sunday of the week before the one `now` is in (UTC calendar; the reports count it in the org's zone). */
export function lastWeek(now = new Date()) {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) - 7);
  const to = new Date(d.getTime() + 6 * 86_400_000);
  return { from: d.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

const none = { channel: undefined, pipelineId: undefined, memberId: undefined, compare: true };

export type Week = { from: string; to: string };
type Row = Record<string, unknown>;
/** The headline rows of the week's reports, read once and worded per reader. */
export type WeekNumbers = { messages: Row; replies: Row; leads: Row; pipeline: Row };

export async function weekNumbers(sql: Sql, orgId: string, week: Week): Promise<WeekNumbers> {
  const q = { ...none, ...week };
  const totals = async (report: "messages" | "response-times" | "lead-quality" | "pipeline-value") =>
    (await runReport(sql, orgId, report, q)).tables.totals.rows[0] ?? {};
  return {
    messages: await totals("messages"),
    replies: await totals("response-times"),
    leads: await totals("lead-quality"),
    pipeline: await totals("pipeline-value"),
  };
}

/** The summary's title and body in one language, numbers formatted for it. */
export async function weekText(numbers: WeekNumbers, week: Week, locale: Locale) {
  const { messages: m, replies: r, leads: l, pipeline: p } = numbers;
  const t = await translatorFor(locale);
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
  return {
    title: t("analytics.weekly.title", { from: week.from, to: week.to }),
    body: t("analytics.weekly.body", {
      inbound: n(m.inbound),
      conversations: n(m.new_conversations),
      ai: minutes(r.ai_median),
      human: minutes(r.human_median),
      leads: n(l.leads),
      hot: n(l.hot),
      won: n(p.won_deals),
      wonValue: money(p.won_value),
      open: money(p.open_value),
    }),
  };
}
