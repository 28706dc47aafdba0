-- Where the weekly summary also goes: one Telegram chat per organisation, reached through one of its own
-- Telegram bot channels (the bot must be able to write there: a private chat that wrote to it first, or a
-- group or channel it was added to). `last_sent_week` is the Monday of the last week delivered, so a retried or
-- repeated run sends each week once.
create table public.weekly_summary_chats (
  org_id uuid primary key references public.organizations (id) on delete cascade,
  channel_id uuid not null,
  -- Telegram's chat_id: a number (negative for groups) or a public channel's @username.
  chat_id text not null check (chat_id ~ '^(-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$'),
  locale text not null default 'en' check (locale in ('en', 'ru')),
  enabled boolean not null default true,
  last_sent_week date,
  last_sent_at timestamptz,
  last_error text check (length(last_error) <= 1000),
  updated_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (org_id, channel_id) references public.channels (org_id, id) on delete cascade
);

alter table public.weekly_summary_chats enable row level security;

create policy "admins see where the weekly summary goes" on public.weekly_summary_chats
  for select to authenticated using (org_id in (select private.member_org_ids('admin')));
create policy "admins choose the weekly summary's chat" on public.weekly_summary_chats
  for insert to authenticated with check (org_id in (select private.member_org_ids('admin')));
create policy "admins change the weekly summary's chat" on public.weekly_summary_chats
  for update to authenticated using (org_id in (select private.member_org_ids('admin')))
    with check (org_id in (select private.member_org_ids('admin')));
create policy "admins stop the weekly summary's chat" on public.weekly_summary_chats
  for delete to authenticated using (org_id in (select private.member_org_ids('admin')));
