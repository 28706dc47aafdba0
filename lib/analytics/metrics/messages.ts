import { platform, scope } from "../filters";
import { cols, defineReport, numeric } from "../report";

// Messages by platform over time, active and new conversations: from the hourly rollups and their pending
// deltas (the views analytics_message_counts and analytics_conversation_activity) and analytics_conversations.

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
  async run(sql, f) {
    const s = scope(f);
    const hours = `h.org_id = ${s.org} and h.hour >= ${s.from} and h.hour < ${s.to} and ${s.channelOk("ch")}`;
    const series = await sql.query(
      `select ${s.bucket("h.hour")} as bucket, ${platform("ch")} as platform,
              coalesce(sum(h.messages) filter (where h.direction = 'in'), 0) as inbound,
              coalesce(sum(h.messages) filter (where h.direction = 'out'), 0) as outbound
         from public.analytics_message_counts h join public.channels ch on ch.id = h.channel_id
        where ${hours}
        group by 1, 2 order by 1, 2`,
      s.p.values,
    );
    const perChannel = await sql.query(
      `with m as (
         select h.channel_id,
                sum(h.messages) filter (where h.direction = 'in') as inbound,
                sum(h.messages) filter (where h.direction = 'out') as outbound,
                sum(h.messages) filter (where h.sender_type = 'ai') as ai_replies,
                sum(h.messages) filter (where h.direction = 'out' and h.sender_type <> 'ai') as human_replies
           from public.analytics_message_counts h join public.channels ch on ch.id = h.channel_id
          where ${hours} group by 1
       ), a as (
         select h.channel_id, count(distinct h.conversation_id) as active
           from public.analytics_conversation_activity h join public.channels ch on ch.id = h.channel_id
          where ${hours} group by 1
       ), n as (
         select c.channel_id, count(*) as created
           from public.analytics_conversations c join public.channels ch on ch.id = c.channel_id
          where c.org_id = ${s.org} and c.created_at >= ${s.from} and c.created_at < ${s.to} and ${s.channelOk("ch")}
          group by 1
       )
       select ch.id as channel_id, ch.name as channel, ${platform("ch")} as platform,
              coalesce(m.inbound, 0) as inbound, coalesce(m.outbound, 0) as outbound,
              coalesce(m.ai_replies, 0) as ai_replies, coalesce(m.human_replies, 0) as human_replies,
              coalesce(a.active, 0) as active_conversations, coalesce(n.created, 0) as new_conversations
         from public.channels ch
         left join m on m.channel_id = ch.id left join a on a.channel_id = ch.id left join n on n.channel_id = ch.id
        where ch.org_id = ${s.org} and ${s.channelOk("ch")}
          and (m.channel_id is not null or a.channel_id is not null or n.channel_id is not null)
        order by inbound + outbound desc, ch.name`,
      s.p.values,
    );
    const conversations = await sql.query(
      `with a as (
         select ${s.bucket("h.hour")} as bucket, count(distinct h.conversation_id) as active
           from public.analytics_conversation_activity h join public.channels ch on ch.id = h.channel_id
          where ${hours} group by 1
       ), n as (
         select ${s.bucket("c.created_at")} as bucket, count(*) as created
           from public.analytics_conversations c join public.channels ch on ch.id = c.channel_id
          where c.org_id = ${s.org} and c.created_at >= ${s.from} and c.created_at < ${s.to} and ${s.channelOk("ch")}
          group by 1
       )
       select coalesce(a.bucket, n.bucket) as bucket, coalesce(a.active, 0) as active, coalesce(n.created, 0) as new
         from a full join n on n.bucket = a.bucket order by 1`,
      s.p.values,
    );
    // Active over the whole period: a conversation active on several days counts once.
    const [active] = await sql.query<{ n: string }>(
      `select count(distinct h.conversation_id) as n
         from public.analytics_conversation_activity h join public.channels ch on ch.id = h.channel_id where ${hours}`,
      s.p.values,
    );
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
