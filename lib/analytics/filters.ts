import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { isTimeZone } from "@/lib/i18n/config";

// What every analytics report is asked with (seed 003): a period in a time zone, a bucket size and the
// dashboard's filters. Dates are the user's calendar days: `to` is included, so 2026-12-01..2026-12-07 is a week.

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 2 * 366;

export const intervals = ["day", "week", "month"] as const;
export type Interval = (typeof intervals)[number];

const day = z
  .string()
  .regex(DATE, "expected a date, YYYY-MM-DD")
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: "not a calendar date",
    },
  );

const uuidOrEmpty = z
  .union([z.uuid(), z.literal("")])
  .optional()
  .transform((v) => v || undefined);

export const channelFilter = z
  .union([z.uuid(), z.enum(["telegram", "whatsapp", "instagram"]), z.literal("")])
  .optional()
  .transform((v) => v || undefined)
  .describe("A channel id, or a platform: telegram, whatsapp (every WhatsApp provider), instagram");

export const presetPeriods = ["today", "7", "30", "90"] as const;

export const analyticsQueryShape = {
  period: z
    .enum(presetPeriods)
    .optional()
    .describe("A preset instead of from/to: today, or the last 7 / 30 / 90 days to today, counted in `tz`"),
  from: day.optional().describe("First day of the period in `tz` (default: 29 days before `to`)"),
  to: day.optional().describe("Last day of the period in `tz`, included (default: today)"),
  tz: z
    .string()
    .max(64)
    .refine((v) => isTimeZone(v), { message: "unknown time zone" })
    .optional()
    .describe("IANA time zone the days are counted in (default: the organisation's, else UTC)"),
  channel: channelFilter,
  pipelineId: uuidOrEmpty,
  memberId: uuidOrEmpty,
  interval: z.enum(intervals).optional().describe("Bucket of the time series (default: by the period's length)"),
  compare: z
    .enum(["true", "false", "1", "0"])
    .transform((v) => v === "true" || v === "1")
    .optional()
    .describe("Also give the totals of the previous period of the same length"),
};

/** The period must run forwards and span at most two years; the issue names the field to fix. */
export function checkRange(q: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (q.from && q.to) {
    const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
    if (days < 0) ctx.addIssue({ code: "custom", path: ["from"], message: "must not be after `to`" });
    else if (days + 1 > MAX_DAYS)
      ctx.addIssue({ code: "custom", path: ["to"], message: "the range is over two years" });
  }
}

export const analyticsQuerySchema = z.object(analyticsQueryShape).superRefine(checkRange);
export type AnalyticsQuery = z.infer<typeof analyticsQuerySchema>;

/** A report's scope, resolved: instants for SQL, the zone and bucket for date_trunc. */
export type Filters = {
  orgId: string;
  /** The calendar days, as asked. */
  fromDay: string;
  toDay: string;
  /** [fromTs, toTs): the days' bounds as instants in `tz` (ISO strings). */
  fromTs: string;
  toTs: string;
  tz: string;
  interval: Interval;
  channel?: string;
  pipelineId?: string;
  memberId?: string;
};

const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The organisation's zone: the one its bookable hours are set in (Settings → AI), else UTC. */
async function orgTimeZone(sql: Sql, orgId: string): Promise<string> {
  const [row] = await sql.query<{ tz: string | null }>(
    "select availability ->> 'timezone' as tz from public.ai_settings where org_id = $1",
    [orgId],
  );
  return row?.tz && isTimeZone(row.tz) ? row.tz : "UTC";
}

/**
 * The period's bounds computed in SQL (the day starts at midnight in `tz`, whatever its offset or a DST change
 * that day), and a bucket that keeps a chart readable when none was asked for.
 */
export async function resolveFilters(
  sql: Sql,
  orgId: string,
  q: Partial<AnalyticsQuery>,
  now = new Date(),
): Promise<Filters> {
  const tz = q.tz ?? (await orgTimeZone(sql, orgId));
  const [{ today }] = await sql.query<{ today: string }>(
    "select to_char(($1::timestamptz at time zone $2)::date, 'YYYY-MM-DD') as today",
    [now.toISOString(), tz],
  );
  // A preset is counted from today in the report's zone (the organisation's), not the browser's: at 01:00 in
  // Moscow a browser in London still has yesterday.
  if (q.period && (q.from || q.to)) throw new ApiError("bad_request", "query: period: give either period or from/to");
  const back = q.period ? (q.period === "today" ? 0 : Number(q.period) - 1) : undefined;
  const toDay = q.to ?? today;
  const fromDay = q.from ?? addDays(toDay, -(back ?? 29));
  const days = (Date.parse(toDay) - Date.parse(fromDay)) / 86_400_000;
  if (days < 0) throw new ApiError("bad_request", "query: from: must not be after `to`");
  if (days + 1 > MAX_DAYS) throw new ApiError("bad_request", "query: from: the range is over two years");
  return bounds(sql, { orgId, tz, fromDay, toDay, q });
}

async function bounds(
  sql: Sql,
  {
    orgId,
    tz,
    fromDay,
    toDay,
    q,
  }: { orgId: string; tz: string; fromDay: string; toDay: string; q: Partial<AnalyticsQuery> },
): Promise<Filters> {
  const [row] = await sql.query<{ from_ts: string; to_ts: string }>(
    `select to_json($1::date::timestamp at time zone $3) #>> '{}' as from_ts,
            to_json(($2::date + 1)::timestamp at time zone $3) #>> '{}' as to_ts`,
    [fromDay, toDay, tz],
  );
  const days = (Date.parse(toDay) - Date.parse(fromDay)) / 86_400_000 + 1;
  return {
    orgId,
    fromDay,
    toDay,
    fromTs: new Date(row.from_ts).toISOString(),
    toTs: new Date(row.to_ts).toISOString(),
    tz,
    interval: q.interval ?? (days > 180 ? "month" : days > 45 ? "week" : "day"),
    channel: q.channel,
    pipelineId: q.pipelineId,
    memberId: q.memberId,
  };
}

/** The period of the same length just before this one, for the dashboard's comparison. */
export async function previousPeriod(sql: Sql, f: Filters): Promise<Filters> {
  const days = (Date.parse(f.toDay) - Date.parse(f.fromDay)) / 86_400_000 + 1;
  const toDay = addDays(f.fromDay, -1);
  const fromDay = addDays(toDay, -(days - 1));
  const p = await bounds(sql, { orgId: f.orgId, tz: f.tz, fromDay, toDay, q: { interval: f.interval } });
  return { ...p, channel: f.channel, pipelineId: f.pipelineId, memberId: f.memberId };
}

/** Positional parameters built as a query is written: `p.add(x)` returns "$n". */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value ?? null);
    return `$${this.values.length}`;
  }
}

/**
 * The SQL shared by every report: the org, the period, a bucket label of a timestamp in the zone, and the
 * channel filter (an id, or a platform grouping WhatsApp's three providers).
 */
export function scope(f: Filters) {
  const p = new Params();
  const org = p.add(f.orgId);
  const from = `${p.add(f.fromTs)}::timestamptz`;
  const to = `${p.add(f.toTs)}::timestamptz`;
  const tz = `${p.add(f.tz)}::text`;
  const interval = `${p.add(f.interval)}::text`;
  const channel = p.add(f.channel ?? null);
  const bucket = (ts: string) => `to_char(date_trunc(${interval}, ${ts} at time zone ${tz}), 'YYYY-MM-DD')`;
  /** True when the channel `alias` (a row of public.channels) passes the filter. */
  const channelOk = (alias: string) =>
    `(${channel}::text is null or ${alias}.id::text = ${channel}::text or ${platform(alias)} = ${channel}::text)`;
  return { p, org, from, to, tz, interval, channel, bucket, channelOk };
}

/** The platform a channel belongs to: WhatsApp has three providers. */
export const platform = (alias: string) =>
  `(case when ${alias}.type in ('twilio_whatsapp', 'whatsapp_cloud', 'evolution') then 'whatsapp' else ${alias}.type end)`;

/**
 * The reports build one parameter list per report and each query uses some of it; PostgreSQL refuses a
 * parameter a statement never mentions (it cannot type it). This renumbers each statement's own parameters.
 */
export function compactParams(text: string, values: readonly unknown[]): [string, unknown[]] {
  const used = new Map<number, number>();
  const out: unknown[] = [];
  const sqlText = text.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n);
    let k = used.get(i);
    if (k === undefined) {
      out.push(values[i - 1]);
      k = out.length;
      used.set(i, k);
    }
    return `$${k}`;
  });
  return [sqlText, out];
}

/** `sql` whose queries drop the parameters they do not use (see compactParams). */
export function compacting(sql: Sql): Sql {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === "query")
        return (text: string, values?: readonly unknown[]) =>
          values ? target.query(...compactParams(text, values)) : target.query(text);
      return Reflect.get(target, prop, receiver);
    },
  });
}
