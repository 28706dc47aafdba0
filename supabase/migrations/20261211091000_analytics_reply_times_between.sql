-- First replies of the conversations whose client first wrote in [t0, t1), the rollup plus the pending deltas,
-- in place of the view analytics_reply_times. The view could not know the period, so it grouped every pending
-- delta of the organisation and looked each conversation up before the period was applied — for the current
-- period and again for the previous one the dashboard compares with (20,000 deltas: +100 ms each time on the
-- bench). Here the deltas are grouped only for the conversations the period can hold: those whose recorded first
-- client message is in it (the covering index analytics_conversations_inbound_idx), and those with none recorded
-- yet or a later one and a pending client message in the period, which moves their first one into it (one
-- recorded before t0 never enters: the first message only moves earlier). Same rows as the view for any period.
--
-- A plain SQL function (not strict, no settings, security invoker): the planner inlines it into the report's
-- statement and the tables' row-level security applies as in the view. `not in` (a hashed subplan) rather than
-- `not exists`: the grouped deltas' count is misestimated, and the anti-join planned for a few rows looped over
-- them for each conversation (10 s with 20,000 pending).
create function public.analytics_reply_times_between(org uuid, t0 timestamptz, t1 timestamptz)
returns table (
  conversation_id uuid, org_id uuid, channel_id uuid, contact_id uuid, created_at timestamptz,
  first_inbound_at timestamptz, first_ai_reply_at timestamptz, first_human_reply_at timestamptz, first_human_id uuid
)
language sql stable as $$
  with cand as materialized (
    select a.conversation_id, a.org_id, a.channel_id, a.contact_id, a.created_at, a.first_inbound_at,
           a.first_ai_reply_at, a.first_human_reply_at, a.first_human_id
      from public.analytics_conversations a
     where a.org_id = org and a.first_inbound_at >= t0 and a.first_inbound_at < t1
    union all
    select a.conversation_id, a.org_id, a.channel_id, a.contact_id, a.created_at, a.first_inbound_at,
           a.first_ai_reply_at, a.first_human_reply_at, a.first_human_id
      from public.analytics_conversations a
     where a.org_id = org and (a.first_inbound_at is null or a.first_inbound_at >= t1)
       and a.conversation_id in (select d.conversation_id from public.analytics_message_deltas d
                                  where d.org_id = org and d.n > 0 and d.direction = 'in'
                                    and d.occurred_at >= t0 and d.occurred_at < t1)
  ), d as materialized (
    select conversation_id, min(occurred_at) filter (where direction = 'in') as in_at,
           array_agg(occurred_at) filter (where direction = 'out' and sender_type = 'ai') as ai_times,
           array_agg(occurred_at order by occurred_at, id)
             filter (where direction = 'out' and sender_type in ('agent', 'business')) as human_times,
           array_agg(member_id order by occurred_at, id)
             filter (where direction = 'out' and sender_type in ('agent', 'business')) as human_ids
      from public.analytics_message_deltas
     where org_id = org and n > 0 and conversation_id in (select c.conversation_id from cand c)
     group by conversation_id
  )
  select c.conversation_id, c.org_id, c.channel_id, c.contact_id, c.created_at, c.first_inbound_at,
         c.first_ai_reply_at, c.first_human_reply_at, c.first_human_id
    from cand c
   where c.first_inbound_at >= t0 and c.first_inbound_at < t1
     and c.conversation_id not in (select d.conversation_id from d)
  union all
  select x.conversation_id, x.org_id, x.channel_id, x.contact_id, x.created_at, x.first_inbound_at,
         least(x.old_ai, x.ai_at),
         least(x.old_human, x.human_at),
         case when x.human_at < x.old_human or x.old_human is null then x.human_id else x.old_human_id end
    from (
      select c.conversation_id, c.org_id, c.channel_id, c.contact_id, c.created_at, m.first_inbound_at,
             c.first_ai_reply_at as old_ai, c.first_human_reply_at as old_human, c.first_human_id as old_human_id,
             (select min(t) from unnest(d.ai_times) t where t >= m.first_inbound_at) as ai_at,
             r.t as human_at, r.member_id as human_id
        from cand c
        join d on d.conversation_id = c.conversation_id
        cross join lateral (select least(c.first_inbound_at, d.in_at) as first_inbound_at) m
        left join lateral (
          select u.t, u.member_id from unnest(d.human_times, d.human_ids) as u(t, member_id)
           where u.t >= m.first_inbound_at order by u.t limit 1
        ) r on true
       where m.first_inbound_at >= t0 and m.first_inbound_at < t1
    ) x
$$;
revoke execute on function public.analytics_reply_times_between(uuid, timestamptz, timestamptz) from anon;

drop view public.analytics_reply_times;
