-- Loose ends of dialog analysis and import (issue 14): a bound on one dialog's analysis, the OpenAI quota state
-- shown to admins, and a lead's instance_name that says what its name says.

-- Total time one dialog's analysis may take across every attempt (the SDK's retries and the batch's), seconds.
alter table public.ai_settings
  add column analysis_timeout_seconds int not null default 120 check (analysis_timeout_seconds between 5 and 1800);

-- One row per organisation: since when OpenAI answers insufficient_quota. Set on the first such answer, cleared
-- by the next call that succeeds; while set, replies are drafts from the offline engine. Written by the service.
create table public.ai_provider_status (
  org_id uuid primary key references public.organizations (id) on delete cascade,
  quota_exhausted_since timestamptz,
  last_error text check (length(last_error) <= 1000),
  updated_at timestamptz not null default now()
);

alter table public.ai_provider_status enable row level security;
create policy "members see the AI provider's state" on public.ai_provider_status
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));

create trigger ai_provider_status_touch before update on public.ai_provider_status
  for each row execute function private.touch_updated_at();
create trigger ai_provider_status_announce after insert or update or delete on public.ai_provider_status
  for each row execute function private.announce_change();

do $$
begin
  if exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    alter publication supabase_realtime add table public.ai_provider_status;
  end if;
end $$;

-- instance_name held the channel's display name; seed 004 means the Evolution instance (null elsewhere).
update public.leads l
   set instance_name = (select case when ch.type = 'evolution' then left(ch.config ->> 'instanceName', 200) end
                          from public.channels ch
                         where ch.org_id = l.org_id and ch.id = l.channel_id)
 where l.instance_name is not null;
