-- Analytics (issue 12): rollups kept up to date incrementally, so a dashboard reads a few thousand small rows
-- instead of scanning messages on every page view, and indexes for the reports that read their source tables.
-- The message rollups are written only by a compaction job from append-only deltas (below), never inside the
-- ingest transaction; the reports read them through views that add the deltas not compacted yet.
--
-- Buckets are hours (timestamptz truncated to the hour in UTC): any whole-hour time zone then groups them into
-- its own days, weeks and months in SQL (date_trunc(..., hour at time zone tz)), which a day-bucketed rollup
-- could not do for every zone. Message times are occurred_at (when the provider says it was written), so an
-- imported history lands in its own hours, not the import's.

-- Messages per hour, channel, direction and sender -----------------------------------------------------------

create table public.analytics_message_hours (
  org_id uuid not null references public.organizations (id) on delete cascade,
  hour timestamptz not null,
  channel_id uuid not null,
  direction text not null check (direction in ('in', 'out')),
  sender_type text not null check (sender_type in ('contact', 'agent', 'ai', 'business')),
  messages int not null default 0,
  primary key (org_id, hour, channel_id, direction, sender_type),
  foreign key (org_id, channel_id) references public.channels (org_id, id) on delete cascade
);

-- Which conversations had messages in which hour: active conversations are a count(distinct) of these.
create table public.analytics_conversation_hours (
  org_id uuid not null references public.organizations (id) on delete cascade,
  conversation_id uuid not null,
  hour timestamptz not null,
  channel_id uuid not null,
  inbound int not null default 0,
  outbound int not null default 0,
  primary key (conversation_id, hour),
  foreign key (org_id, conversation_id) references public.conversations (org_id, id) on delete cascade
);
create index analytics_conversation_hours_org_idx on public.analytics_conversation_hours (org_id, hour, channel_id);

-- A member's own messages per conversation and hour: conversations handled per member.
create table public.analytics_member_hours (
  org_id uuid not null references public.organizations (id) on delete cascade,
  conversation_id uuid not null,
  hour timestamptz not null,
  member_id uuid not null,
  channel_id uuid not null,
  messages int not null default 0,
  primary key (conversation_id, hour, member_id),
  foreign key (org_id, conversation_id) references public.conversations (org_id, id) on delete cascade
);
create index analytics_member_hours_org_idx on public.analytics_member_hours (org_id, hour, member_id);

-- One row per conversation: when it started and when the AI and a person first answered the client.
-- First replies count only after the client's first message (an outreach the business started is not a reply).
create table public.analytics_conversations (
  conversation_id uuid primary key,
  org_id uuid not null references public.organizations (id) on delete cascade,
  channel_id uuid not null,
  contact_id uuid not null,
  created_at timestamptz not null,
  first_inbound_at timestamptz,
  first_ai_reply_at timestamptz,
  first_human_reply_at timestamptz,
  -- Who sent the first human reply (null for one from the business's own phone, Evolution's fromMe).
  first_human_id uuid,
  foreign key (org_id, conversation_id) references public.conversations (org_id, id) on delete cascade
);
create index analytics_conversations_created_idx on public.analytics_conversations (org_id, created_at);
create index analytics_conversations_inbound_idx on public.analytics_conversations (org_id, first_inbound_at)
  where first_inbound_at is not null;

-- Message deltas: what the ingest transaction writes ---------------------------------------------------------
--
-- The triggers on messages only append a row here: no unique key, no upsert, no row another transaction may
-- hold, so concurrent webhook batches writing the same conversations and hours never wait on each other or
-- deadlock over a counter. private.analytics_compact() (the analytics.compact job, every minute) folds the
-- deltas into the rollups above in one statement; until then the report views below add them in.
create table public.analytics_message_deltas (
  id bigint generated always as identity primary key,
  -- No foreign keys: a delta written while its conversation, channel or organisation is being deleted (the
  -- cascade fires the delete trigger) must not fail the delete; compaction drops the deltas of rows gone.
  org_id uuid not null,
  conversation_id uuid not null,
  channel_id uuid not null,
  hour timestamptz not null,
  occurred_at timestamptz not null,
  direction text not null,
  sender_type text not null,
  -- The sender of an agent's message (sender_user_id), null otherwise.
  member_id uuid,
  -- +1 for a stored message, -1 for a deleted one.
  n smallint not null
);
create index analytics_message_deltas_org_idx on public.analytics_message_deltas (org_id, hour);
create index analytics_message_deltas_conversation_idx on public.analytics_message_deltas (conversation_id);

create or replace function private.analytics_message_inserted() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.analytics_message_deltas (org_id, conversation_id, channel_id, hour, occurred_at, direction,
                                               sender_type, member_id, n)
  values (new.org_id, new.conversation_id, new.channel_id, date_trunc('hour', new.occurred_at, 'UTC'),
          new.occurred_at, new.direction, new.sender_type,
          case when new.sender_type = 'agent' then new.sender_user_id end, 1);
  return null;
end $$;

-- Deleting messages (retention, a removed conversation) takes them out of the counters; first replies stay as
-- they happened.
create or replace function private.analytics_message_deleted() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.analytics_message_deltas (org_id, conversation_id, channel_id, hour, occurred_at, direction,
                                               sender_type, member_id, n)
  values (old.org_id, old.conversation_id, old.channel_id, date_trunc('hour', old.occurred_at, 'UTC'),
          old.occurred_at, old.direction, old.sender_type,
          case when old.sender_type = 'agent' then old.sender_user_id end, -1);
  return null;
end $$;

create trigger messages_analytics_insert after insert on public.messages
  for each row execute function private.analytics_message_inserted();
create trigger messages_analytics_delete after delete on public.messages
  for each row execute function private.analytics_message_deleted();

-- Compaction: folds every delta committed so far into the rollups, in one statement, so every rollup sees the
-- same deltas (one snapshot) and each delta is folded exactly once (the delete that takes it is the one that
-- counts it). Compactions take an advisory lock and run one at a time; ingest never takes it. Returns the
-- number of deltas folded.
--
-- First replies: a conversation whose first client message is in the deltas (a new one, or an older message
-- imported late) has its first AI and human replies looked up again among its stored messages from that
-- message on; for the others the earliest reply among the deltas after the first client message is kept
-- when it is earlier than the one recorded.
create or replace function private.analytics_compact() returns integer
language plpgsql security definer set search_path = '' as $$
declare
  folded integer;
begin
  perform pg_advisory_xact_lock(hashtext('relay.analytics_compact'));
  with taken as (
    delete from public.analytics_message_deltas returning *
  ), live as (
    select t.* from taken t join public.conversations c on c.id = t.conversation_id and c.org_id = t.org_id
  ), counts as (
    insert into public.analytics_message_hours as r (org_id, hour, channel_id, direction, sender_type, messages)
    select t.org_id, t.hour, t.channel_id, t.direction, t.sender_type, sum(t.n)
      from live t join public.channels ch on ch.id = t.channel_id and ch.org_id = t.org_id
     group by 1, 2, 3, 4, 5
    on conflict (org_id, hour, channel_id, direction, sender_type)
      do update set messages = greatest(r.messages + excluded.messages, 0)
    returning 1
  ), activity as (
    insert into public.analytics_conversation_hours as r (org_id, conversation_id, hour, channel_id, inbound, outbound)
    select t.org_id, t.conversation_id, t.hour, min(t.channel_id::text)::uuid,
           coalesce(sum(t.n) filter (where t.direction = 'in'), 0),
           coalesce(sum(t.n) filter (where t.direction = 'out'), 0)
      from live t group by 1, 2, 3
    on conflict (conversation_id, hour) do update
      set inbound = greatest(r.inbound + excluded.inbound, 0), outbound = greatest(r.outbound + excluded.outbound, 0)
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

create or replace function private.analytics_conversation_inserted() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.analytics_conversations (conversation_id, org_id, channel_id, contact_id, created_at)
  values (new.id, new.org_id, new.channel_id, new.contact_id, new.created_at)
  on conflict (conversation_id) do nothing;
  return null;
end $$;
create trigger conversations_analytics_insert after insert on public.conversations
  for each row execute function private.analytics_conversation_inserted();

-- A merge moves conversations to another contact: the funnel follows the contact the conversation has now.
create or replace function private.analytics_conversation_moved() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.analytics_conversations set contact_id = new.contact_id, channel_id = new.channel_id
   where conversation_id = new.id;
  return null;
end $$;
create trigger conversations_analytics_update after update of contact_id, channel_id on public.conversations
  for each row execute function private.analytics_conversation_moved();

-- Stage spells: each stay of a deal in a stage, from its stage_history row to the next one -------------------

create table public.analytics_stage_spells (
  history_id uuid primary key references public.stage_history (id) on delete cascade,
  org_id uuid not null references public.organizations (id) on delete cascade,
  deal_id uuid not null,
  pipeline_id uuid not null,
  stage_id uuid,
  entered_at timestamptz not null,
  left_at timestamptz,
  next_stage_id uuid,
  foreign key (org_id, deal_id) references public.deals (org_id, id) on delete cascade
);
create index analytics_stage_spells_entered_idx on public.analytics_stage_spells (org_id, entered_at);
create index analytics_stage_spells_left_idx on public.analytics_stage_spells (org_id, left_at)
  where left_at is not null;
create index analytics_stage_spells_open_idx on public.analytics_stage_spells (deal_id) where left_at is null;

create or replace function private.analytics_stage_entered() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.analytics_stage_spells set left_at = new.moved_at, next_stage_id = new.to_stage_id
   where deal_id = new.deal_id and left_at is null;
  insert into public.analytics_stage_spells (history_id, org_id, deal_id, pipeline_id, stage_id, entered_at)
  values (new.id, new.org_id, new.deal_id, new.pipeline_id, new.to_stage_id, new.moved_at);
  return null;
end $$;
create trigger stage_history_analytics after insert on public.stage_history
  for each row execute function private.analytics_stage_entered();

-- Rebuilds every rollup from the source tables (this migration for existing data; the benchmark after a bulk
-- load with the triggers off). Idempotent: it replaces what was there, pending deltas included. It locks the
-- deltas against writes while it runs (ingest waits for it), so no message is counted twice or missed:
-- a maintenance operation, not something to run beside live traffic.
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
end $$;
revoke execute on function private.analytics_rebuild() from authenticated, anon;

-- What the reports read: the compacted rollups plus the deltas not compacted yet -----------------------------
-- security_invoker: a member reading a view goes through the row-level security of the tables under it.

create view public.analytics_message_counts with (security_invoker = true) as
  select org_id, hour, channel_id, direction, sender_type, messages from public.analytics_message_hours
  union all
  select org_id, hour, channel_id, direction, sender_type, n from public.analytics_message_deltas;

-- An hour a conversation had messages in (a compacted hour whose messages were all deleted is left out).
create view public.analytics_conversation_activity with (security_invoker = true) as
  select org_id, conversation_id, hour, channel_id from public.analytics_conversation_hours
   where inbound + outbound > 0
  union all
  select org_id, conversation_id, hour, channel_id from public.analytics_message_deltas where n > 0;

create view public.analytics_member_activity with (security_invoker = true) as
  select org_id, conversation_id, hour, member_id, channel_id, messages from public.analytics_member_hours
  union all
  select org_id, conversation_id, hour, member_id, channel_id, n from public.analytics_message_deltas
   where direction = 'out' and sender_type = 'agent' and member_id is not null;

-- First replies per conversation. The conversations without pending deltas come straight from the rollup (and
-- its indexes); for the others the deltas' first client message and earliest replies after it are merged in
-- the way compaction will fold them. (One case waits for compaction: a client message older than the
-- recorded first one, whose earlier replies compaction looks up among the stored messages.)
create view public.analytics_reply_times with (security_invoker = true) as
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
        from public.analytics_conversations a
        join (
          select org_id, conversation_id, min(occurred_at) filter (where direction = 'in') as in_at,
                 array_agg(occurred_at) filter (where direction = 'out' and sender_type = 'ai') as ai_times,
                 array_agg(occurred_at order by occurred_at, id)
                   filter (where direction = 'out' and sender_type in ('agent', 'business')) as human_times,
                 array_agg(member_id order by occurred_at, id)
                   filter (where direction = 'out' and sender_type in ('agent', 'business')) as human_ids
            from public.analytics_message_deltas where n > 0 group by org_id, conversation_id
        ) d on d.org_id = a.org_id and d.conversation_id = a.conversation_id
        cross join lateral (select least(a.first_inbound_at, d.in_at) as first_inbound_at) m
        left join lateral (
          select u.t, u.member_id from unnest(d.human_times, d.human_ids) as u(t, member_id)
           where u.t >= m.first_inbound_at order by u.t limit 1
        ) r on true
    ) x;


select private.analytics_rebuild();

-- Indexes for the reports that read their source tables ----------------------------------------------------

create index leads_analyzed_idx on public.leads (org_id, analyzed_at) where analyzed_at is not null;
create index deals_closed_idx on public.deals (org_id, closed_at) where closed_at is not null;
create index deals_open_stage_idx on public.deals (org_id, stage_id) include (amount, currency, owner_id)
  where closed_at is null;
create index ai_drafts_decided_idx on public.ai_drafts (org_id, decided_at) where decided_at is not null;
create index tasks_completed_idx on public.tasks (org_id, completed_at) where completed_at is not null;
-- Popular questions read the period's client messages, newest first.
create index messages_inbound_idx on public.messages (org_id, occurred_at desc) where direction = 'in';

-- Calls come with the telephony module (its own migration, earlier than this one once both are merged).
do $$
begin
  if to_regclass('public.calls') is not null then
    execute 'create index if not exists calls_analytics_idx on public.calls (org_id, started_at)';
  end if;
end $$;

-- Row-level security: members read their organisation's rollups; the triggers and compaction write them ---------

alter table public.analytics_message_hours enable row level security;
alter table public.analytics_message_deltas enable row level security;
alter table public.analytics_conversation_hours enable row level security;
alter table public.analytics_member_hours enable row level security;
alter table public.analytics_conversations enable row level security;
alter table public.analytics_stage_spells enable row level security;

create policy "members read message counters" on public.analytics_message_hours
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "members read pending message deltas" on public.analytics_message_deltas
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "members read conversation activity" on public.analytics_conversation_hours
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "members read member activity" on public.analytics_member_hours
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "members read conversation reply times" on public.analytics_conversations
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
-- Stage stays are seen with their deal, like stage_history (own_deals_only hides the others' deals).
create policy "members see the stage stays of deals they see" on public.analytics_stage_spells
  for select to authenticated using (
    org_id in (select private.all_deals_org_ids())
    or (org_id in (select private.member_org_ids('viewer')) and exists (select 1 from public.deals d where d.id = deal_id)));
