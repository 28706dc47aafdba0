-- Analytics (issue 12): rollups kept up to date by triggers, so a dashboard reads a few thousand small rows
-- instead of scanning messages on every page view, and indexes for the reports that read their source tables.
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

create or replace function private.analytics_message_inserted() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  h timestamptz := date_trunc('hour', new.occurred_at, 'UTC');
begin
  insert into public.analytics_message_hours (org_id, hour, channel_id, direction, sender_type, messages)
  values (new.org_id, h, new.channel_id, new.direction, new.sender_type, 1)
  on conflict (org_id, hour, channel_id, direction, sender_type)
    do update set messages = public.analytics_message_hours.messages + 1;

  insert into public.analytics_conversation_hours (org_id, conversation_id, hour, channel_id, inbound, outbound)
  values (new.org_id, new.conversation_id, h, new.channel_id, (new.direction = 'in')::int, (new.direction = 'out')::int)
  on conflict (conversation_id, hour) do update
    set inbound = public.analytics_conversation_hours.inbound + excluded.inbound,
        outbound = public.analytics_conversation_hours.outbound + excluded.outbound;

  if new.direction = 'out' and new.sender_type = 'agent' and new.sender_user_id is not null then
    insert into public.analytics_member_hours (org_id, conversation_id, hour, member_id, channel_id, messages)
    values (new.org_id, new.conversation_id, h, new.sender_user_id, new.channel_id, 1)
    on conflict (conversation_id, hour, member_id)
      do update set messages = public.analytics_member_hours.messages + 1;
  end if;

  if new.direction = 'in' then
    update public.analytics_conversations
       set first_inbound_at = new.occurred_at
     where conversation_id = new.conversation_id
       and (first_inbound_at is null or first_inbound_at > new.occurred_at);
  elsif new.sender_type = 'ai' then
    update public.analytics_conversations
       set first_ai_reply_at = new.occurred_at
     where conversation_id = new.conversation_id and first_inbound_at <= new.occurred_at
       and (first_ai_reply_at is null or first_ai_reply_at > new.occurred_at);
  else
    update public.analytics_conversations
       set first_human_reply_at = new.occurred_at,
           first_human_id = case when new.sender_type = 'agent' then new.sender_user_id end
     where conversation_id = new.conversation_id and first_inbound_at <= new.occurred_at
       and (first_human_reply_at is null or first_human_reply_at > new.occurred_at);
  end if;
  return null;
end $$;

-- Deleting messages (retention, a removed conversation) takes them out of the counters; first replies stay as
-- they happened.
create or replace function private.analytics_message_deleted() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  h timestamptz := date_trunc('hour', old.occurred_at, 'UTC');
begin
  update public.analytics_message_hours set messages = messages - 1
   where org_id = old.org_id and hour = h and channel_id = old.channel_id and direction = old.direction
     and sender_type = old.sender_type and messages > 0;
  update public.analytics_conversation_hours
     set inbound = inbound - (old.direction = 'in')::int, outbound = outbound - (old.direction = 'out')::int
   where conversation_id = old.conversation_id and hour = h;
  return null;
end $$;

create trigger messages_analytics_insert after insert on public.messages
  for each row execute function private.analytics_message_inserted();
create trigger messages_analytics_delete after delete on public.messages
  for each row execute function private.analytics_message_deleted();

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
-- load with the triggers off). Idempotent: it replaces what was there.
create or replace function private.analytics_rebuild() returns void
language plpgsql security definer set search_path = '' as $$
begin
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
  select c.id, c.org_id, c.channel_id, c.contact_id, c.created_at,
         (select min(m.occurred_at) from public.messages m where m.conversation_id = c.id and m.direction = 'in')
    from public.conversations c;

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

-- Row-level security: members read their organisation's rollups; only the triggers above write them ---------

alter table public.analytics_message_hours enable row level security;
alter table public.analytics_conversation_hours enable row level security;
alter table public.analytics_member_hours enable row level security;
alter table public.analytics_conversations enable row level security;
alter table public.analytics_stage_spells enable row level security;

create policy "members read message counters" on public.analytics_message_hours
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
