-- Working the inbox all day: canned responses, private notes with @mentions, conversation labels, snooze and
-- agent presence (online / away / typing).

-- Canned responses --------------------------------------------------------------------------------------------

-- A saved reply. owner_id null: the organisation's (managers keep them); set: one agent's own, seen by them only.
create table public.canned_responses (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  owner_id uuid references auth.users (id) on delete cascade,
  -- What follows "/" in the composer.
  shortcut text not null check (shortcut ~ '^[\w-]{1,40}$'),
  title text not null check (length(title) between 1 and 120),
  -- {{client_name}} and {{agent_name}} are filled in when it is inserted.
  body text not null check (length(body) between 1 and 4096),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- One shortcut per scope: the organisation's, and each person's own.
create unique index canned_responses_org_shortcut on public.canned_responses (org_id, lower(shortcut))
  where owner_id is null;
create unique index canned_responses_personal_shortcut on public.canned_responses (org_id, owner_id, lower(shortcut))
  where owner_id is not null;

-- Private notes -----------------------------------------------------------------------------------------------

-- Never sent: a separate table, so no path of the outbox can pick a note up as a message.
create table public.conversation_notes (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  conversation_id uuid not null,
  author_id uuid default auth.uid() references auth.users (id) on delete set null,
  body text not null check (length(body) between 1 and 4000),
  -- Members named with @ in the body; each gets a notification (trigger below).
  mentions uuid[] not null default '{}' check (cardinality(mentions) <= 20),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (org_id, conversation_id) references public.conversations (org_id, id) on delete cascade
);
create index conversation_notes_conversation_idx on public.conversation_notes (conversation_id, created_at);

-- Labels ------------------------------------------------------------------------------------------------------

create table public.labels (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (length(trim(name)) between 1 and 40),
  color text not null default 'blue'
    check (color in ('gray', 'red', 'orange', 'amber', 'green', 'teal', 'blue', 'violet', 'pink')),
  created_at timestamptz not null default now(),
  unique (org_id, id)
);
create unique index labels_org_name on public.labels (org_id, lower(name));

create table public.conversation_labels (
  org_id uuid not null references public.organizations (id) on delete cascade,
  conversation_id uuid not null,
  label_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (conversation_id, label_id),
  foreign key (org_id, conversation_id) references public.conversations (org_id, id) on delete cascade,
  foreign key (org_id, label_id) references public.labels (org_id, id) on delete cascade
);
create index conversation_labels_label_idx on public.conversation_labels (label_id, conversation_id);

-- Snooze ------------------------------------------------------------------------------------------------------

-- Out of the list until then; the job inbox.wake-snoozed (or the client writing) brings it back unread.
alter table public.conversations add column snoozed_until timestamptz;
create index conversations_snoozed_idx on public.conversations (snoozed_until) where snoozed_until is not null;

create or replace function private.wake_on_inbound() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.direction = 'in' then
    update public.conversations set snoozed_until = null
     where id = new.conversation_id and snoozed_until is not null;
  end if;
  return new;
end $$;
create trigger messages_wake_snoozed after insert on public.messages
  for each row execute function private.wake_on_inbound();

-- Presence ----------------------------------------------------------------------------------------------------

-- One row per member and organisation, written by that member's browser: a table rather than an ephemeral
-- NOTIFY so the same rows reach the browser through both realtime transports (SSE over LISTEN/NOTIFY embedded,
-- postgres_changes on Supabase) under the same RLS, and a late-joining tab reads who is here with one select.
create table public.agent_presence (
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  status text not null default 'online' check (status in ('online', 'away')),
  -- The conversation open in their tab, and when they last typed into its reply box.
  conversation_id uuid,
  typing_at timestamptz,
  seen_at timestamptz not null default now(),
  primary key (org_id, user_id)
);

-- Row-level security ------------------------------------------------------------------------------------------

alter table public.canned_responses enable row level security;
alter table public.conversation_notes enable row level security;
alter table public.labels enable row level security;
alter table public.conversation_labels enable row level security;
alter table public.agent_presence enable row level security;

create policy "members see the organisation's and their own canned responses" on public.canned_responses
  for select to authenticated
  using (org_id in (select private.member_org_ids('viewer')) and (owner_id is null or owner_id = auth.uid()));
create policy "managers keep the organisation's canned responses, agents their own" on public.canned_responses
  for all to authenticated
  using ((owner_id is null and org_id in (select private.member_org_ids('manager')))
      or (owner_id = auth.uid() and org_id in (select private.member_org_ids('agent'))))
  with check ((owner_id is null and org_id in (select private.member_org_ids('manager')))
      or (owner_id = auth.uid() and org_id in (select private.member_org_ids('agent'))));

create policy "members read notes" on public.conversation_notes
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "agents write notes as themselves" on public.conversation_notes
  for insert to authenticated
  with check (org_id in (select private.member_org_ids('agent')) and author_id = auth.uid());
create policy "authors edit their notes" on public.conversation_notes
  for update to authenticated
  using (org_id in (select private.member_org_ids('agent')) and author_id = auth.uid())
  with check (org_id in (select private.member_org_ids('agent')) and author_id = auth.uid());
create policy "authors and admins delete notes" on public.conversation_notes
  for delete to authenticated
  using ((org_id in (select private.member_org_ids('agent')) and author_id = auth.uid())
      or org_id in (select private.member_org_ids('admin')));

create policy "members see labels" on public.labels
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "managers keep labels" on public.labels
  for all to authenticated using (org_id in (select private.member_org_ids('manager')))
    with check (org_id in (select private.member_org_ids('manager')));

create policy "members see conversation labels" on public.conversation_labels
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "agents label conversations" on public.conversation_labels
  for all to authenticated using (org_id in (select private.member_org_ids('agent')))
    with check (org_id in (select private.member_org_ids('agent')));

create policy "members see who is here" on public.agent_presence
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "people report their own presence" on public.agent_presence
  for all to authenticated
  using (user_id = auth.uid() and org_id in (select private.member_org_ids('viewer')))
  with check (user_id = auth.uid() and org_id in (select private.member_org_ids('viewer')));

-- Mentions notify ---------------------------------------------------------------------------------------------

alter table public.notifications drop constraint notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check
  check (kind in ('handoff', 'callback', 'appointment', 'lead', 'system', 'mention'));

-- Members cannot write notifications (RLS), so the database makes them: one per mentioned member of the note's
-- organisation other than its author, in that member's language. A mention of a non-member is dropped.
create or replace function private.notify_mentions() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  author text;
begin
  if cardinality(new.mentions) = 0 then
    return new;
  end if;
  select coalesce(nullif(p.full_name, ''), p.email) into author from public.profiles p where p.id = new.author_id;
  insert into public.notifications (org_id, user_id, kind, title, body, conversation_id)
  select new.org_id, m.user_id, 'mention',
         left(case when p.locale = 'ru' then 'Вас упомянули: ' else 'Mentioned by ' end || coalesce(author, '?'), 300),
         left(new.body, 2000), new.conversation_id
    from public.memberships m
    join public.profiles p on p.id = m.user_id
   where m.org_id = new.org_id and m.user_id = any (new.mentions)
     and m.user_id is distinct from new.author_id
     and (tg_op = 'INSERT' or not m.user_id = any (old.mentions));
  return new;
end $$;
create trigger conversation_notes_mentions after insert or update of mentions on public.conversation_notes
  for each row execute function private.notify_mentions();

-- The database sets what the client must not choose ----------------------------------------------------------

create trigger canned_responses_touch before update on public.canned_responses
  for each row execute function private.touch_updated_at();
create trigger conversation_notes_touch before update on public.conversation_notes
  for each row execute function private.touch_updated_at();

-- Realtime ----------------------------------------------------------------------------------------------------

create trigger canned_responses_announce after insert or update or delete on public.canned_responses
  for each row execute function private.announce_change();
create trigger conversation_notes_announce after insert or update or delete on public.conversation_notes
  for each row execute function private.announce_change();
create trigger labels_announce after insert or update or delete on public.labels
  for each row execute function private.announce_change();
-- A label put on or taken off changes the conversation's row in the list: announced as the conversation.
create or replace function private.announce_conversation_label() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  row_data jsonb := to_jsonb(coalesce(new, old));
begin
  perform pg_notify('relay_realtime', json_build_object(
    'table', 'conversations', 'op', 'UPDATE', 'org_id', row_data ->> 'org_id', 'id', row_data ->> 'conversation_id'
  )::text);
  return coalesce(new, old);
end $$;
create trigger conversation_labels_announce after insert or delete on public.conversation_labels
  for each row execute function private.announce_conversation_label();
-- A heartbeat that changes nothing but seen_at is not worth waking every colleague's browser for.
create trigger agent_presence_announce after insert or delete on public.agent_presence
  for each row execute function private.announce_change();
create trigger agent_presence_announce_change after update on public.agent_presence
  for each row when (old.status is distinct from new.status or old.conversation_id is distinct from new.conversation_id
                     or old.typing_at is distinct from new.typing_at)
  execute function private.announce_change();

do $$
begin
  if exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    alter publication supabase_realtime add table public.canned_responses, public.conversation_notes,
      public.labels, public.conversation_labels, public.agent_presence;
  end if;
end $$;
