import type { Sql } from "@/lib/db";
import type { Filters } from "../filters";
import { scope } from "../filters";
import { cols, defineReport, numeric, type Row } from "../report";

// Calls (seed 001), read from the telephony module's public.calls. Every query that names that table is in
// this file, so pointing the report at the table's final shape is one edit. Columns assumed:
//   org_id uuid, direction text ('inbound' | 'outbound'),
//   status text ('ringing' | 'answered' | 'missed' | 'busy' | 'failed' | 'unknown'),
//   member_id uuid (the team member who made or took it, null when nobody), contact_id uuid,
//   started_at timestamptz, answered_at timestamptz, ended_at timestamptz,
//   duration_seconds int (talk time), wait_seconds int (ringing before an answer or a hang-up).
// Until that table exists (to_regclass('public.calls') is null) every table of the report is empty.

const tables = {
  totals: {
    columns: cols(
      "calls inbound outbound answered missed other avg_duration:seconds avg_wait:seconds talk_seconds:seconds contacts contacts_with_deal deal_conversion:percent",
    ),
  },
  series: { columns: cols("bucket:date answered missed other") },
  heatmap: { columns: cols("weekday hour calls answered missed") },
  members: { columns: cols("member_id:id member:text removed made answered missed talk_seconds:seconds") },
};

export async function callsTableExists(sql: Sql): Promise<boolean> {
  const [row] = await sql.query<{ ok: boolean }>("select to_regclass('public.calls') is not null as ok");
  return row.ok;
}

function where(f: Filters) {
  const s = scope(f);
  const member = s.p.add(f.memberId ?? null);
  const cond = `k.org_id = ${s.org} and k.started_at >= ${s.from} and k.started_at < ${s.to}
    and (${member}::uuid is null or k.member_id = ${member}::uuid)`;
  return { s, cond };
}

/** Per member: outbound calls made, calls answered and missed, talk time; empty without the calls table. */
export async function callsByMember(sql: Sql, f: Filters): Promise<Row[]> {
  if (!(await callsTableExists(sql))) return [];
  const { s, cond } = where(f);
  const rows = await sql.query(
    `select k.member_id, count(*) filter (where k.direction = 'outbound') as made,
            count(*) filter (where k.status = 'answered') as answered,
            count(*) filter (where k.status = 'missed') as missed,
            coalesce(sum(k.duration_seconds) filter (where k.status = 'answered'), 0) as talk_seconds
       from public.calls k where ${cond} and k.member_id is not null group by 1`,
    s.p.values,
  );
  return numeric(rows, cols("member_id:id made answered missed talk_seconds"));
}

export const callsReport = defineReport({
  id: "calls",
  tables,
  totals: "totals",
  async run(sql, f) {
    if (!(await callsTableExists(sql))) return { totals: [], series: [], heatmap: [], members: [] };
    const { s, cond } = where(f);
    // One statement: the period's calls are read once into `k` and every table is aggregated from it.
    const [row] = await sql.query<Record<"totals" | "series" | "heatmap" | "members", Record<string, unknown>[]>>(
      `with k as materialized (
         select k.direction, k.status, k.member_id, k.contact_id, k.started_at, k.duration_seconds, k.wait_seconds,
                k.started_at at time zone ${s.tz} as local_at
           from public.calls k where ${cond}
       ), per_contact as (
         select k.contact_id, min(k.started_at) as first_call from k where k.contact_id is not null group by 1
       )
       select
         (select json_agg(t) from (
            select count(*) as calls, count(*) filter (where direction = 'inbound') as inbound,
                   count(*) filter (where direction = 'outbound') as outbound,
                   count(*) filter (where status = 'answered') as answered,
                   count(*) filter (where status = 'missed') as missed,
                   count(*) filter (where status not in ('answered', 'missed')) as other,
                   avg(duration_seconds) filter (where status = 'answered') as avg_duration,
                   avg(wait_seconds) as avg_wait,
                   coalesce(sum(duration_seconds) filter (where status = 'answered'), 0) as talk_seconds,
                   (select count(*) from per_contact) as contacts,
                   (select count(*) from per_contact pc where exists (
                      select 1 from public.deals d where d.org_id = ${s.org} and d.contact_id = pc.contact_id
                         and d.created_at >= pc.first_call)) as contacts_with_deal
              from k) t) as totals,
         (select coalesce(json_agg(t order by t.bucket), '[]') from (
            select to_char(date_trunc(${s.interval}, k.local_at), 'YYYY-MM-DD') as bucket,
                   count(*) filter (where k.status = 'answered') as answered,
                   count(*) filter (where k.status = 'missed') as missed,
                   count(*) filter (where k.status not in ('answered', 'missed')) as other
              from k group by 1) t) as series,
         (select coalesce(json_agg(t order by t.weekday, t.hour), '[]') from (
            select extract(isodow from k.local_at)::int as weekday, extract(hour from k.local_at)::int as hour,
                   count(*) as calls, count(*) filter (where k.status = 'answered') as answered,
                   count(*) filter (where k.status = 'missed') as missed
              from k group by 1, 2) t) as heatmap,
         (select coalesce(json_agg(t order by t.made + t.answered desc), '[]') from (
            select x.*, coalesce(nullif(pr.full_name, ''), pr.email) as member, (m.user_id is null)::int as removed
              from (
                select k.member_id, count(*) filter (where k.direction = 'outbound') as made,
                       count(*) filter (where k.status = 'answered') as answered,
                       count(*) filter (where k.status = 'missed') as missed,
                       coalesce(sum(k.duration_seconds) filter (where k.status = 'answered'), 0) as talk_seconds
                  from k where k.member_id is not null group by 1
              ) x
              left join public.profiles pr on pr.id = x.member_id
              left join public.memberships m on m.org_id = ${s.org} and m.user_id = x.member_id) t) as members`,
      s.p.values,
    );
    const { series, heatmap, members } = row;
    const totals = row.totals;
    const t = totals[0];
    t.deal_conversion = Number(t.contacts)
      ? Math.round((1000 * Number(t.contacts_with_deal)) / Number(t.contacts)) / 10
      : null;
    return {
      totals: numeric(totals, tables.totals.columns),
      series: numeric(series, tables.series.columns),
      heatmap: numeric(heatmap, tables.heatmap.columns),
      members: numeric(members, tables.members.columns),
    };
  },
});
