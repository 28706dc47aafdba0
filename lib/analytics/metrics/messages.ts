import { platform, scope } from "../filters";
import { cols, defineReport, numeric } from "../report";

// Messages by platform over time, active and new conversations: from the rollups and their pending deltas — the
// daily ones in the organisation's zone (analytics_message_day_counts, analytics_conversation_day_activity) when
// the report is asked in that zone, else the hourly ones (analytics_message_counts,
// analytics_conversation_activity) — and analytics_conversations.

const tables = {
  totals: { columns: cols("inbound outbound ai_replies human_replies active_conversations new_conversations") },
  series: { columns: cols("bucket:date platform:text inbound outbound") },
  channels: {
    columns: cols("channel_id:id channel:text platform:text inbound outbound active_conversations new_conversations"),
  },
  conversations: { columns: cols("bucket:date active new") },
};

export const messagesReport = defineReport({
  id: "messages",
  tables,
  totals: "totals",
  async run(sql, f, { totalsOnly = false } = {}) {
    const s = scope(f);
    const fromDay = `${s.p.add(f.fromDay)}::date`;
    const toDay = `${s.p.add(f.toDay)}::date`;
    const hours = `h.org_id = ${s.org} and h.hour >= ${s.from} and h.hour < ${s.to} and ${s.channelOk("ch")}`;
    // A pending delta's hour is within a day of its local day in any zone: the index range that finds them.
    const pending = `(h.pending_hour is null or h.pending_hour >= ${s.from} - interval '1 day'
      and h.pending_hour < ${s.to} + interval '1 day')`;
    const days = `h.org_id = ${s.org} and h.day >= ${fromDay} and h.day <= ${toDay} and ${pending} and ${s.channelOk("ch")}`;
    // The day rollups are exact only in the zone they were built in (the organisation's); asked in another, the
    // report reads the hours. Decided inside the statement, so it and the rows it reads share one snapshot.
    const zoned = `exists (select 1 from public.analytics_day_zones z where z.org_id = ${s.org} and z.tz = ${s.tz})`;
    const local = (ts: string) => `date_trunc(${s.interval}, ${ts} at time zone ${s.tz})`;
    // The series and the per-bucket conversations, left out for the previous period (only its totals are shown).
    const seriesSql = `(select coalesce(json_agg(t order by t.bucket, t.platform), '[]') from (
      select to_char(x.b, 'YYYY-MM-DD') as bucket, ${platform("ch")} as platform,
             coalesce(sum(x.inbound), 0) as inbound, coalesce(sum(x.outbound), 0) as outbound
        from (select date_trunc(${s.interval}, t) as b, channel_id, sum(inbound) as inbound, sum(outbound) as outbound
                from mc group by 1, 2) x
        join public.channels ch on ch.id = x.channel_id
       group by 1, 2) t)`;
    const bucketsSql = `(select coalesce(json_agg(t order by t.bucket), '[]') from (
      select to_char(coalesce(ab.b, nb.b), 'YYYY-MM-DD') as bucket, coalesce(ab.active, 0) as active,
             coalesce(nb.created, 0) as new
        from ab full join nb on nb.b = ab.b) t)`;
    // One statement: each source (message counts, activity, new conversations) is read once into a CTE, counts
    // reduced early to one row per local hour or day and channel, and every table is aggregated from those; a
    // statement per table read each source again. Activity is de-duplicated by each table on its own key (hashed):
    // one sorted de-duplication of conversation × channel × bucket first cost more than the three of them.
    // `t` is local time: a day's midnight from the day rollups, an hour from the hourly ones.
    const [row] = await sql.query<{
      series: Record<string, unknown>[];
      channels: Record<string, unknown>[];
      conversations: Record<string, unknown>[];
      active: number;
    }>(
      `with mc as materialized (
         select h.t, h.channel_id,
                sum(h.messages) filter (where h.direction = 'in') as inbound,
                sum(h.messages) filter (where h.direction = 'out') as outbound,
                sum(h.messages) filter (where h.sender_type = 'ai') as ai_replies,
                sum(h.messages) filter (where h.direction = 'out' and h.sender_type <> 'ai') as human_replies
           from (
             select h.day::timestamp as t, h.channel_id, h.direction, h.sender_type, h.messages
               from public.analytics_message_day_counts h join public.channels ch on ch.id = h.channel_id
              where ${zoned} and ${days}
             union all
             select h.hour at time zone ${s.tz}, h.channel_id, h.direction, h.sender_type, h.messages
               from public.analytics_message_counts h join public.channels ch on ch.id = h.channel_id
              where not ${zoned} and ${hours}
           ) h group by 1, 2
       ), act as materialized (
         select x.conversation_id, x.channel_id, date_trunc(${s.interval}, x.t) as b
           from (
             select h.conversation_id, h.channel_id, h.day::timestamp as t
               from public.analytics_conversation_day_activity h join public.channels ch on ch.id = h.channel_id
              where ${zoned} and ${days}
             union all
             select h.conversation_id, h.channel_id, h.hour at time zone ${s.tz}
               from public.analytics_conversation_activity h join public.channels ch on ch.id = h.channel_id
              where not ${zoned} and ${hours}
           ) x
       ), nc as materialized (
         select c.channel_id, ${local("c.created_at")} as b
           from public.analytics_conversations c join public.channels ch on ch.id = c.channel_id
          where c.org_id = ${s.org} and c.created_at >= ${s.from} and c.created_at < ${s.to} and ${s.channelOk("ch")}
       ), m as (
         select channel_id, sum(inbound) as inbound, sum(outbound) as outbound, sum(ai_replies) as ai_replies,
                sum(human_replies) as human_replies
           from mc group by 1
       ), a as (
         select channel_id, count(*) as active from (select distinct conversation_id, channel_id from act) x group by 1
       ), n as (
         select channel_id, count(*) as created from nc group by 1
       ), ab as (
         select b, count(*) as active from (select distinct b, conversation_id from act) x group by 1
       ), nb as (
         select b, count(*) as created from nc group by 1
       )
       select
         ${totalsOnly ? "'[]'::json" : seriesSql} as series,
         (select coalesce(json_agg(t order by t.inbound + t.outbound desc, t.channel), '[]') from (
            select ch.id as channel_id, ch.name as channel, ${platform("ch")} as platform,
                   coalesce(m.inbound, 0) as inbound, coalesce(m.outbound, 0) as outbound,
                   coalesce(m.ai_replies, 0) as ai_replies, coalesce(m.human_replies, 0) as human_replies,
                   coalesce(a.active, 0) as active_conversations, coalesce(n.created, 0) as new_conversations
              from public.channels ch
              left join m on m.channel_id = ch.id left join a on a.channel_id = ch.id
              left join n on n.channel_id = ch.id
             where ch.org_id = ${s.org} and ${s.channelOk("ch")}
               and (m.channel_id is not null or a.channel_id is not null or n.channel_id is not null)) t) as channels,
         ${totalsOnly ? "'[]'::json" : bucketsSql} as conversations,
         -- Active over the whole period: a conversation active on several days counts once.
         (select count(*) from (select distinct conversation_id from act) x) as active`,
      s.p.values,
    );
    const { series, channels: perChannel, conversations } = row;
    const active = { n: row.active };
    const channels = numeric(perChannel, tables.channels.columns);
    const sum = (k: string) => perChannel.reduce((t, r) => t + Number((r as Record<string, unknown>)[k] ?? 0), 0);
    return {
      totals: [
        {
          inbound: sum("inbound"),
          outbound: sum("outbound"),
          ai_replies: sum("ai_replies"),
          human_replies: sum("human_replies"),
          active_conversations: Number(active.n),
          new_conversations: sum("new_conversations"),
        },
      ],
      series: numeric(series, tables.series.columns),
      channels,
      conversations: numeric(conversations, tables.conversations.columns),
    };
  },
});
