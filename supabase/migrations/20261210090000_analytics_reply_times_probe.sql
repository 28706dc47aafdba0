-- analytics_reply_times, the conversations with pending deltas: each found by its key. Joined as a plain join,
-- the planner hashed every conversation of every organisation to match the delta groups (100,000 rows read for
-- 5,000 deltas; response-times 130 -> 238 ms with that backlog on the bench). The lateral `limit 1` (the key is
-- unique, so it changes nothing) keeps the subquery from being flattened into that join. Same columns and rows.
create or replace view public.analytics_reply_times with (security_invoker = true) as
  select a.conversation_id, a.org_id, a.channel_id, a.contact_id, a.created_at, a.first_inbound_at,
         a.first_ai_reply_at, a.first_human_reply_at, a.first_human_id
    from public.analytics_conversations a
   where not exists (select 1 from public.analytics_message_deltas d
                      where d.conversation_id = a.conversation_id and d.n > 0)
  union all
  select x.conversation_id, x.org_id, x.channel_id, x.contact_id, x.created_at, x.first_inbound_at,
         least(x.old_ai, x.ai_at),
         least(x.old_human, x.human_at),
         case when x.human_at < x.old_human or x.old_human is null then x.human_id else x.old_human_id end
    from (
      select a.conversation_id, a.org_id, a.channel_id, a.contact_id, a.created_at, m.first_inbound_at,
             a.first_ai_reply_at as old_ai, a.first_human_reply_at as old_human, a.first_human_id as old_human_id,
             (select min(t) from unnest(d.ai_times) t where t >= m.first_inbound_at) as ai_at,
             r.t as human_at, r.member_id as human_id
        from (
          select org_id, conversation_id, min(occurred_at) filter (where direction = 'in') as in_at,
                 array_agg(occurred_at) filter (where direction = 'out' and sender_type = 'ai') as ai_times,
                 array_agg(occurred_at order by occurred_at, id)
                   filter (where direction = 'out' and sender_type in ('agent', 'business')) as human_times,
                 array_agg(member_id order by occurred_at, id)
                   filter (where direction = 'out' and sender_type in ('agent', 'business')) as human_ids
            from public.analytics_message_deltas where n > 0 group by org_id, conversation_id
        ) d
        cross join lateral (
          select a.* from public.analytics_conversations a
           where a.conversation_id = d.conversation_id and a.org_id = d.org_id limit 1
        ) a
        cross join lateral (select least(a.first_inbound_at, d.in_at) as first_inbound_at) m
        left join lateral (
          select u.t, u.member_id from unnest(d.human_times, d.human_ids) as u(t, member_id)
           where u.t >= m.first_inbound_at order by u.t limit 1
        ) r on true
    ) x;

-- The period's conversations of response-times from the index alone (an index-only scan): reading 24,000 rows of
-- a quarter from the heap was most of the report's time (the row-level security and the view need every column).
drop index if exists public.analytics_conversations_inbound_idx;
create index analytics_conversations_inbound_idx on public.analytics_conversations (org_id, first_inbound_at)
  include (conversation_id, channel_id, contact_id, created_at, first_ai_reply_at, first_human_reply_at,
           first_human_id);
