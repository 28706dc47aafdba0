import { platform, scope } from "../filters";
import { cols, defineReport, numeric } from "../report";

// First-reply times from analytics_reply_times_between (the rollup compaction folds from the messages the inbox
// and the assistant store, plus the deltas not folded yet): for each conversation whose client first wrote in the
// period, the time to the first AI message (sender_type 'ai') and to the first human one ('agent', or 'business' from the business's
// own phone; an approved AI draft is sent by the agent and counts as human). A conversation never answered
// counts in `unanswered` and in no median.

const stats =
  "conversations unanswered ai_answered human_answered ai_median:seconds ai_p90:seconds human_median:seconds human_p90:seconds ai_only_share:percent";
const tables = {
  totals: { columns: cols(stats) },
  channels: { columns: cols(`channel_id:id channel:text platform:text ${stats}`) },
  members: { columns: cols("member_id:id member:text removed conversations human_median:seconds human_p90:seconds") },
  series: { columns: cols("bucket:date ai_median:seconds human_median:seconds") },
};

// Each pair of quantiles from one sort (percentile_cont over an array): four sorts of the period's rows per
// group were most of the report once the rows came from an index.
const aggregates = `
  count(*) as conversations,
  count(*) filter (where c.first_ai_reply_at is null and c.first_human_reply_at is null) as unanswered,
  count(*) filter (where c.first_ai_reply_at is not null) as ai_answered,
  count(*) filter (where c.first_human_reply_at is not null) as human_answered,
  percentile_cont(array[0.5, 0.9]) within group (order by extract(epoch from c.first_ai_reply_at - c.first_inbound_at)) as ai_q,
  percentile_cont(array[0.5, 0.9]) within group (order by extract(epoch from c.first_human_reply_at - c.first_inbound_at)) as human_q,
  coalesce(round(100.0 * count(*) filter (where c.first_ai_reply_at is not null and c.first_human_reply_at is null)
    / nullif(count(*) filter (where c.first_ai_reply_at is not null or c.first_human_reply_at is not null), 0), 1), 0)
    as ai_only_share`;
const picked = `conversations, unanswered, ai_answered, human_answered, ai_q[1] as ai_median, ai_q[2] as ai_p90,
  human_q[1] as human_median, human_q[2] as human_p90, ai_only_share`;

export const responseTimesReport = defineReport({
  id: "response-times",
  tables,
  totals: "totals",
  async run(sql, f, { totalsOnly = false } = {}) {
    const s = scope(f);
    const member = s.p.add(f.memberId ?? null);
    const from = `public.analytics_reply_times_between(${s.org}, ${s.from}, ${s.to}) c join public.channels ch on ch.id = c.channel_id
      where c.org_id = ${s.org} and c.first_inbound_at >= ${s.from} and c.first_inbound_at < ${s.to}
        and ${s.channelOk("ch")} and (${member}::uuid is null or c.first_human_id = ${member}::uuid)`;
    // By channel, member and bucket: left out for the previous period, of which only the totals are shown.
    const breakdowns = `(select coalesce(json_agg(t order by t.conversations desc), '[]') from (
            select channel_id, channel, platform, ${picked} from (
              select c.ch_id as channel_id, c.ch_name as channel, c.platform, ${aggregates}
                from r c group by c.ch_id, c.ch_name, c.platform) g) t) as channels,
         (select coalesce(json_agg(t order by t.conversations desc), '[]') from (
            select x.member_id, coalesce(nullif(pr.full_name, ''), pr.email) as member,
                   (m.user_id is null)::int as removed, x.conversations, x.human_q[1] as human_median,
                   x.human_q[2] as human_p90
              from (
                select c.first_human_id as member_id, count(*) as conversations,
                       percentile_cont(array[0.5, 0.9]) within group (order by extract(epoch from c.first_human_reply_at - c.first_inbound_at)) as human_q
                  from r c where c.first_human_id is not null group by 1
              ) x
              left join public.profiles pr on pr.id = x.member_id
              left join public.memberships m on m.org_id = ${s.org} and m.user_id = x.member_id) t) as members,
         (select coalesce(json_agg(t order by t.bucket), '[]') from (
            select ${s.bucket("c.first_inbound_at")} as bucket,
                   percentile_cont(0.5) within group (order by extract(epoch from c.first_ai_reply_at - c.first_inbound_at)) as ai_median,
                   percentile_cont(0.5) within group (order by extract(epoch from c.first_human_reply_at - c.first_inbound_at)) as human_median
              from r c group by 1) t) as series`;
    // One statement: the view (rollup plus pending deltas) is read once into `r`, and the four tables are
    // aggregated from that; four statements each reading the view cost four times as much.
    const [row] = await sql.query<Record<"totals" | "channels" | "members" | "series", Record<string, unknown>[]>>(
      `with r as materialized (
         select c.first_inbound_at, c.first_ai_reply_at, c.first_human_reply_at, c.first_human_id,
                ch.id as ch_id, ch.name as ch_name, ${platform("ch")} as platform
           from ${from}
       )
       select
         (select coalesce(json_agg(t), '[]') from (select ${picked} from (select ${aggregates} from r c) g) t) as totals,
         ${totalsOnly ? "'[]'::json as channels, '[]'::json as members, '[]'::json as series" : breakdowns}`,
      s.p.values,
    );
    const { totals, channels, members, series } = row;
    return {
      totals: numeric(totals, tables.totals.columns),
      channels: numeric(channels, tables.channels.columns),
      members: numeric(members, tables.members.columns),
      series: numeric(series, tables.series.columns),
    };
  },
});
