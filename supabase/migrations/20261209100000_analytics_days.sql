-- Analytics speed (issue 12): daily rollups in the organisation's time zone, for the messages report over long
-- periods. Its active-conversations part read every conversation-hour of the period (60,000-120,000 rows for 90
-- days on the bench) for a count(distinct); a day holds a conversation once.
--
-- A day rollup is exact only in the zone it was built in, so each organisation's zone is recorded
-- (analytics_day_zones) and a report asked in that zone reads the days; any other zone reads the hours
-- (lib/analytics/metrics/messages.ts checks both in the same statement, so one snapshot decides).
--
-- The day rows are derived from the hour rows, never from the messages on their own: compaction folds the change
-- of each hour row it touches into its day (new value minus old), so a day always equals the sum of its hours
-- in its zone (an hour's local day is a function of the instant, so "hour within the period's instants" and
-- "local day within the period's days" select the same hours, in any zone, DST included).

-- The zone an organisation's day rows are in: its own (Settings → AI availability.timezone), else UTC.
create table public.analytics_day_zones (
  org_id uuid primary key references public.organizations (id) on delete cascade,
  tz text not null
);

-- Messages per local day, channel, direction and sender: the sum of analytics_message_hours' rows of that day.
-- (The organisation's cascade comes through the channel and the conversation: no foreign key of its own, one
-- check fewer per row compaction inserts.)
create table public.analytics_message_days (
  org_id uuid not null,
  day date not null,
  channel_id uuid not null,
  direction text not null check (direction in ('in', 'out')),
  sender_type text not null check (sender_type in ('contact', 'agent', 'ai', 'business')),
  messages int not null default 0,
  primary key (org_id, day, channel_id, direction, sender_type),
  foreign key (org_id, channel_id) references public.channels (org_id, id) on delete cascade
);

-- Which conversations were active on which local day, through which channel: the number of their active hour
-- rows (analytics_conversation_hours with messages) of that day and channel, so a day with none left is 0.
create table public.analytics_conversation_days (
  org_id uuid not null,
  conversation_id uuid not null,
  day date not null,
  channel_id uuid not null,
  active_hours int not null default 0,
  primary key (conversation_id, day, channel_id),
  foreign key (org_id, conversation_id) references public.conversations (org_id, id) on delete cascade
);
create index analytics_conversation_days_org_idx on public.analytics_conversation_days (org_id, day)
  include (channel_id, conversation_id, active_hours);

-- The zone an organisation's day rows should be in; an unknown zone name counts as UTC (as lib/analytics does).
create or replace function private.analytics_zone_of(org uuid) returns text
language plpgsql stable security definer set search_path = '' as $$
declare
  z text;
begin
  select s.availability ->> 'timezone' into z from public.ai_settings s where s.org_id = org;
  if z is null or z = '' then
    return 'UTC';
  end if;
  perform now() at time zone z;
  return z;
exception when invalid_parameter_value then
  return 'UTC';
end $$;
revoke execute on function private.analytics_zone_of(uuid) from authenticated, anon;

-- Rebuilds one organisation's day rows from its hour rows in `zone` and records the zone. Called with the
-- compaction lock held (hour rows change only under it).
create or replace function private.analytics_days_rebuild(org uuid, zone text) returns void
language plpgsql security definer set search_path = '' as $$
begin
  delete from public.analytics_message_days where org_id = org;
  delete from public.analytics_conversation_days where org_id = org;
  insert into public.analytics_message_days (org_id, day, channel_id, direction, sender_type, messages)
  select org_id, (hour at time zone zone)::date, channel_id, direction, sender_type, sum(messages)
    from public.analytics_message_hours where org_id = org group by 1, 2, 3, 4, 5;
  insert into public.analytics_conversation_days (org_id, conversation_id, day, channel_id, active_hours)
  select org_id, conversation_id, (hour at time zone zone)::date, channel_id, count(*)
    from public.analytics_conversation_hours where org_id = org and inbound + outbound > 0 group by 1, 2, 3, 4;
  insert into public.analytics_day_zones (org_id, tz) values (org, zone)
  on conflict (org_id) do update set tz = excluded.tz;
end $$;
revoke execute on function private.analytics_days_rebuild(uuid, text) from authenticated, anon;

-- Compaction, as in 20261207060000_analytics.sql, and the day rollups: first the organisations whose zone changed
-- get their day rows rebuilt in the new one (rare: a settings change), then the one statement folds the deltas
-- into the hours and each touched hour's change into its day: an upsert's returning gives the hour row after the
-- statement, the same table read in the statement (whose snapshot cannot see its own writes) the row before. An
-- organisation seen for the first time gets its zone recorded in the same statement, so no delta is folded
-- without a zone.
create or replace function private.analytics_compact() returns integer
language plpgsql security definer set search_path = '' as $$
declare
  folded integer;
  rezoned record;
begin
  perform pg_advisory_xact_lock(hashtext('relay.analytics_compact'));
  for rezoned in
    select d.org_id, private.analytics_zone_of(d.org_id) as want
      from public.analytics_day_zones d left join public.ai_settings s on s.org_id = d.org_id
     where d.tz is distinct from coalesce(nullif(s.availability ->> 'timezone', ''), 'UTC')
  loop
    if rezoned.want is distinct from (select tz from public.analytics_day_zones where org_id = rezoned.org_id) then
      perform private.analytics_days_rebuild(rezoned.org_id, rezoned.want);
    end if;
  end loop;

  with taken as (
    delete from public.analytics_message_deltas returning *
  ), live as (
    select t.* from taken t join public.conversations c on c.id = t.conversation_id and c.org_id = t.org_id
  ), known as (
    select org_id, tz from public.analytics_day_zones where org_id in (select org_id from live)
  ), new_zones as (
    insert into public.analytics_day_zones (org_id, tz)
    select o.org_id, private.analytics_zone_of(o.org_id)
      from (select distinct org_id from live) o where o.org_id not in (select org_id from known)
    on conflict (org_id) do nothing
    returning org_id, tz
  ), zones as (
    select org_id, tz from known union all select org_id, tz from new_zones
  ), counts as (
    insert into public.analytics_message_hours as r (org_id, hour, channel_id, direction, sender_type, messages)
    select t.org_id, t.hour, t.channel_id, t.direction, t.sender_type, sum(t.n)
      from live t join public.channels ch on ch.id = t.channel_id and ch.org_id = t.org_id
     group by 1, 2, 3, 4, 5
    on conflict (org_id, hour, channel_id, direction, sender_type)
      do update set messages = greatest(r.messages + excluded.messages, 0)
    returning r.org_id, r.hour, r.channel_id, r.direction, r.sender_type, r.messages
  ), count_days as (
    insert into public.analytics_message_days as r (org_id, day, channel_id, direction, sender_type, messages)
    select c.org_id, (c.hour at time zone z.tz)::date, c.channel_id, c.direction, c.sender_type,
           sum(c.messages - coalesce(b.messages, 0))
      from counts c join zones z on z.org_id = c.org_id
      left join public.analytics_message_hours b on b.org_id = c.org_id and b.hour = c.hour and b.channel_id = c.channel_id
                               and b.direction = c.direction and b.sender_type = c.sender_type
     group by 1, 2, 3, 4, 5
    on conflict (org_id, day, channel_id, direction, sender_type)
      do update set messages = r.messages + excluded.messages
    returning 1
  ), activity as (
    insert into public.analytics_conversation_hours as r (org_id, conversation_id, hour, channel_id, inbound, outbound)
    select t.org_id, t.conversation_id, t.hour, min(t.channel_id::text)::uuid,
           coalesce(sum(t.n) filter (where t.direction = 'in'), 0),
           coalesce(sum(t.n) filter (where t.direction = 'out'), 0)
      from live t group by 1, 2, 3
    on conflict (conversation_id, hour) do update
      set inbound = greatest(r.inbound + excluded.inbound, 0), outbound = greatest(r.outbound + excluded.outbound, 0)
    returning r.org_id, r.conversation_id, r.hour, r.channel_id, r.inbound + r.outbound > 0 as active
  ), activity_days as (
    insert into public.analytics_conversation_days as r (org_id, conversation_id, day, channel_id, active_hours)
    select a.org_id, a.conversation_id, (a.hour at time zone z.tz)::date, a.channel_id,
           sum(a.active::int - coalesce((b.inbound + b.outbound > 0)::int, 0))
      from activity a join zones z on z.org_id = a.org_id
      left join public.analytics_conversation_hours b on b.conversation_id = a.conversation_id and b.hour = a.hour
     group by 1, 2, 3, 4
    having sum(a.active::int - coalesce((b.inbound + b.outbound > 0)::int, 0)) <> 0
    on conflict (conversation_id, day, channel_id) do update set active_hours = r.active_hours + excluded.active_hours
    returning 1
  ), members as (
    insert into public.analytics_member_hours as r (org_id, conversation_id, hour, member_id, channel_id, messages)
    select t.org_id, t.conversation_id, t.hour, t.member_id, min(t.channel_id::text)::uuid, sum(t.n)
      from live t
     where t.direction = 'out' and t.sender_type = 'agent' and t.member_id is not null
     group by 1, 2, 3, 4
    on conflict (conversation_id, hour, member_id) do update set messages = greatest(r.messages + excluded.messages, 0)
    returning 1
  ), touched as (
    select a.conversation_id, a.first_inbound_at as old_in, a.first_ai_reply_at as old_ai,
           a.first_human_reply_at as old_human, a.first_human_id as old_human_id,
           least(a.first_inbound_at, d.in_at) as new_in,
           least(a.first_inbound_at, d.in_at) is distinct from a.first_inbound_at as moved
      from public.analytics_conversations a
      join (select conversation_id, min(occurred_at) filter (where direction = 'in') as in_at
              from live where n > 0 group by 1) d on d.conversation_id = a.conversation_id
  ), candidates as (
    select x.conversation_id, t.occurred_at, t.id as seq, t.sender_type, t.member_id
      from touched x join live t on t.conversation_id = x.conversation_id
     where not x.moved and t.n > 0 and t.direction = 'out' and t.occurred_at >= x.new_in
    union all
    select x.conversation_id, m.occurred_at, m.seq, m.sender_type,
           case when m.sender_type = 'agent' then m.sender_user_id end
      from touched x join public.messages m on m.conversation_id = x.conversation_id
     where x.moved and m.direction = 'out' and m.occurred_at >= x.new_in
  ), best as (
    select conversation_id,
           min(occurred_at) filter (where sender_type = 'ai') as ai_at,
           min(occurred_at) filter (where sender_type in ('agent', 'business')) as human_at,
           (array_agg(member_id order by occurred_at, seq) filter (where sender_type in ('agent', 'business')))[1]
             as human_id
      from candidates group by 1
  ), replies as (
    update public.analytics_conversations a
       set first_inbound_at = x.new_in,
           first_ai_reply_at = case when x.moved then b.ai_at else least(x.old_ai, b.ai_at) end,
           first_human_reply_at = case when x.moved then b.human_at else least(x.old_human, b.human_at) end,
           first_human_id = case when x.moved or b.human_at < x.old_human or x.old_human is null
                                 then b.human_id else x.old_human_id end
      from touched x left join best b on b.conversation_id = x.conversation_id
     where a.conversation_id = x.conversation_id
    returning 1
  )
  select count(*) into folded from taken;
  return folded;
end $$;
revoke execute on function private.analytics_compact() from authenticated, anon;

-- The rebuild, as before, then every organisation's day rows in its zone.
create or replace function private.analytics_rebuild() returns void
language plpgsql security definer set search_path = '' as $$
begin
  perform pg_advisory_xact_lock(hashtext('relay.analytics_compact'));
  lock table public.analytics_message_deltas in exclusive mode;
  delete from public.analytics_message_deltas;
  delete from public.analytics_message_hours;
  delete from public.analytics_conversation_hours;
  delete from public.analytics_member_hours;
  delete from public.analytics_conversations;
  delete from public.analytics_stage_spells;
  delete from public.analytics_message_days;
  delete from public.analytics_conversation_days;
  delete from public.analytics_day_zones;

  insert into public.analytics_message_hours (org_id, hour, channel_id, direction, sender_type, messages)
  select org_id, date_trunc('hour', occurred_at, 'UTC'), channel_id, direction, sender_type, count(*)
    from public.messages group by 1, 2, 3, 4, 5;

  insert into public.analytics_conversation_hours (org_id, conversation_id, hour, channel_id, inbound, outbound)
  select org_id, conversation_id, date_trunc('hour', occurred_at, 'UTC'), min(channel_id::text)::uuid,
         count(*) filter (where direction = 'in'), count(*) filter (where direction = 'out')
    from public.messages group by 1, 2, 3;

  insert into public.analytics_member_hours (org_id, conversation_id, hour, member_id, channel_id, messages)
  select org_id, conversation_id, date_trunc('hour', occurred_at, 'UTC'), sender_user_id, min(channel_id::text)::uuid,
         count(*)
    from public.messages
   where direction = 'out' and sender_type = 'agent' and sender_user_id is not null
   group by 1, 2, 3, 4;

  insert into public.analytics_conversations (conversation_id, org_id, channel_id, contact_id, created_at,
                                              first_inbound_at)
  select c.id, c.org_id, c.channel_id, c.contact_id, c.created_at, i.first_in
    from public.conversations c
    -- Grouped, not a min() per conversation: the planner would read that one off messages_inbound_idx in time
    -- order, scanning the whole index for every conversation.
    left join (select conversation_id, min(occurred_at) as first_in from public.messages where direction = 'in'
                group by 1) i on i.conversation_id = c.id;

  update public.analytics_conversations a
     set first_ai_reply_at = r.ai_at, first_human_reply_at = r.human_at, first_human_id = r.human_id
    from (
      select m.conversation_id,
             min(m.occurred_at) filter (where m.sender_type = 'ai') as ai_at,
             min(m.occurred_at) filter (where m.sender_type in ('agent', 'business')) as human_at,
             (array_agg(case when m.sender_type = 'agent' then m.sender_user_id end order by m.occurred_at)
               filter (where m.sender_type in ('agent', 'business')))[1] as human_id
        from public.messages m
        join public.analytics_conversations f on f.conversation_id = m.conversation_id
       where m.direction = 'out' and m.occurred_at >= f.first_inbound_at
       group by m.conversation_id
    ) r
   where a.conversation_id = r.conversation_id;

  insert into public.analytics_stage_spells (history_id, org_id, deal_id, pipeline_id, stage_id, entered_at, left_at,
                                             next_stage_id)
  select h.id, h.org_id, h.deal_id, h.pipeline_id, h.to_stage_id, h.moved_at,
         lead(h.moved_at) over w, lead(h.to_stage_id) over w
    from public.stage_history h
  window w as (partition by h.deal_id order by h.moved_at, h.id);

  -- One pass over the hours for every organisation, each in its own zone.
  insert into public.analytics_day_zones (org_id, tz) select id, private.analytics_zone_of(id) from public.organizations;
  insert into public.analytics_message_days (org_id, day, channel_id, direction, sender_type, messages)
  select h.org_id, (h.hour at time zone z.tz)::date, h.channel_id, h.direction, h.sender_type, sum(h.messages)
    from public.analytics_message_hours h join public.analytics_day_zones z on z.org_id = h.org_id
   group by 1, 2, 3, 4, 5;
  insert into public.analytics_conversation_days (org_id, conversation_id, day, channel_id, active_hours)
  select h.org_id, h.conversation_id, (h.hour at time zone z.tz)::date, h.channel_id, count(*)
    from public.analytics_conversation_hours h join public.analytics_day_zones z on z.org_id = h.org_id
   where h.inbound + h.outbound > 0
   group by 1, 2, 3, 4;
end $$;
revoke execute on function private.analytics_rebuild() from authenticated, anon;

-- What the day path reads: the day rollups plus the pending deltas, each put on its local day in the
-- organisation's recorded zone (a delta of an organisation with no zone yet is left out: with no zone recorded
-- every report reads the hours).
create view public.analytics_message_day_counts with (security_invoker = true) as
  select org_id, day, channel_id, direction, sender_type, messages from public.analytics_message_days
  union all
  select d.org_id, (d.hour at time zone z.tz)::date, d.channel_id, d.direction, d.sender_type, d.n
    from public.analytics_message_deltas d join public.analytics_day_zones z on z.org_id = d.org_id;

create view public.analytics_conversation_day_activity with (security_invoker = true) as
  select org_id, conversation_id, day, channel_id from public.analytics_conversation_days where active_hours > 0
  union all
  select d.org_id, d.conversation_id, (d.hour at time zone z.tz)::date, d.channel_id
    from public.analytics_message_deltas d join public.analytics_day_zones z on z.org_id = d.org_id
   where d.n > 0;

-- The existing data: hour rows as they are now (deltas pending stay pending), days built from them.
do $$
declare
  o record;
begin
  perform pg_advisory_xact_lock(hashtext('relay.analytics_compact'));
  for o in select id from public.organizations loop
    perform private.analytics_days_rebuild(o.id, private.analytics_zone_of(o.id));
  end loop;
end $$;

-- The period's new conversations (messages) and their contacts (conversion-rates) straight from the index: an
-- index-only scan instead of visiting 24,000 rows of 90 days in the heap.
drop index if exists public.analytics_conversations_created_idx;
create index analytics_conversations_created_idx on public.analytics_conversations (org_id, created_at)
  include (channel_id, contact_id);

alter table public.analytics_day_zones enable row level security;
alter table public.analytics_message_days enable row level security;
alter table public.analytics_conversation_days enable row level security;

create policy "members read the zone of the day rollups" on public.analytics_day_zones
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "members read daily message counters" on public.analytics_message_days
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "members read daily conversation activity" on public.analytics_conversation_days
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
