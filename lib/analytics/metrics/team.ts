import { scope } from "../filters";
import { cols, defineReport, numeric, type Row } from "../report";
import { callsByMember } from "./calls";

// Per member of the team, and per former member who still has activity in the period (shown as removed):
// conversations handled (conversations they wrote in, analytics_member_activity), messages sent, their median
// first-reply time (the conversations whose first human reply was theirs), deals they own won in the period
// and their value, calls (when telephony is there) and tasks done in the period / overdue now.

const tables = {
  members: {
    columns: cols(
      "member_id:id member:text role:text removed conversations messages first_reply_median:seconds deals_won won_value:money calls_made calls_answered calls_missed talk_seconds:seconds tasks_done tasks_overdue",
    ),
  },
};

export const teamReport = defineReport({
  id: "team-performance",
  tables,
  async run(sql, f) {
    const s = scope(f);
    const member = s.p.add(f.memberId ?? null);
    const pipeline = s.p.add(f.pipelineId ?? null);
    const mine = (col: string) => `(${member}::uuid is null or ${col} = ${member}::uuid)`;
    const rows = await sql.query<Record<string, unknown>>(
      `with handled as (
         select h.member_id, count(distinct h.conversation_id) as conversations, sum(h.messages) as messages
           from public.analytics_member_activity h join public.channels ch on ch.id = h.channel_id
          where h.org_id = ${s.org} and h.hour >= ${s.from} and h.hour < ${s.to} and ${s.channelOk("ch")}
            and ${mine("h.member_id")}
          group by 1
       ), replies as (
         select c.first_human_id as member_id,
                percentile_cont(0.5) within group (order by extract(epoch from c.first_human_reply_at - c.first_inbound_at)) as median
           from public.analytics_reply_times_between(${s.org}, ${s.from}, ${s.to}) c join public.channels ch on ch.id = c.channel_id
          where c.org_id = ${s.org} and c.first_inbound_at >= ${s.from} and c.first_inbound_at < ${s.to}
            and c.first_human_id is not null and ${s.channelOk("ch")} and ${mine("c.first_human_id")}
          group by 1
       ), won as (
         select d.owner_id as member_id, count(*) as deals, coalesce(sum(d.amount), 0) as value
           from public.deals d join public.stages st on st.id = d.stage_id
          where d.org_id = ${s.org} and st.kind = 'won' and d.closed_at >= ${s.from} and d.closed_at < ${s.to}
            and d.owner_id is not null and ${mine("d.owner_id")}
            and (${pipeline}::uuid is null or d.pipeline_id = ${pipeline}::uuid)
          group by 1
       ), done as (
         select t.assignee_id as member_id, count(*) as n from public.tasks t
          where t.org_id = ${s.org} and t.status = 'done' and t.completed_at >= ${s.from} and t.completed_at < ${s.to}
            and t.assignee_id is not null and ${mine("t.assignee_id")}
          group by 1
       ), overdue as (
         select t.assignee_id as member_id, count(*) as n from public.tasks t
          where t.org_id = ${s.org} and t.status = 'open' and t.due_at < least(${s.to}, now())
            and t.assignee_id is not null and ${mine("t.assignee_id")}
          group by 1
       ), people as (
         select m.user_id as member_id from public.memberships m where m.org_id = ${s.org} and ${mine("m.user_id")}
         union select member_id from handled union select member_id from replies union select member_id from won
         union select member_id from done union select member_id from overdue
       )
       select p.member_id, coalesce(nullif(pr.full_name, ''), pr.email) as member, m.role::text as role,
              (m.user_id is null)::int as removed,
              coalesce(h.conversations, 0) as conversations, coalesce(h.messages, 0) as messages,
              r.median as first_reply_median, coalesce(w.deals, 0) as deals_won, coalesce(w.value, 0) as won_value,
              coalesce(d.n, 0) as tasks_done, coalesce(o.n, 0) as tasks_overdue
         from people p
         left join public.memberships m on m.org_id = ${s.org} and m.user_id = p.member_id
         left join public.profiles pr on pr.id = p.member_id
         left join handled h on h.member_id = p.member_id left join replies r on r.member_id = p.member_id
         left join won w on w.member_id = p.member_id left join done d on d.member_id = p.member_id
         left join overdue o on o.member_id = p.member_id
        order by conversations desc, won_value desc, member`,
      s.p.values,
    );
    const calls = new Map((await callsByMember(sql, f)).map((c) => [c.member_id, c]));
    const members: Row[] = rows.map((r) => {
      const c = calls.get(String(r.member_id));
      return {
        ...(r as Row),
        calls_made: c?.made ?? 0,
        calls_answered: c?.answered ?? 0,
        calls_missed: c?.missed ?? 0,
        talk_seconds: c?.talk_seconds ?? 0,
      };
    });
    return { members: numeric(members, tables.members.columns) };
  },
});
