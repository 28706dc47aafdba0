-- The pipeline's working parts on top of 20261206070000_pipeline.sql: deals made and moved from the dialog
-- analysis (per pipeline), the AI's stage suggestions a person accepts or dismisses, the organisation's list of
-- reasons a deal is lost, and its default currency for new deals.

-- Per pipeline: make a deal when the analysis finds a new qualified lead, and move it as the funnel advances.
alter table public.pipelines
  add column auto_create_deals boolean not null default false,
  add column auto_move_deals boolean not null default false;

alter table public.crm_settings
  add column default_currency text not null default 'RUB' check (default_currency ~ '^[A-Z]{3}$');

-- The lead a deal was made from automatically: one deal per lead and pipeline, so a retried job makes none.
alter table public.deals add column lead_id uuid,
  add constraint deals_lead_fk foreign key (org_id, lead_id) references public.leads (org_id, id)
    on delete set null (lead_id);
create unique index deals_lead_idx on public.deals (pipeline_id, lead_id) where lead_id is not null;
-- "My deals" and the owner filter within one column: a range scan rather than a filter over the column.
create index deals_board_owner_idx on public.deals (stage_id, owner_id, position);
-- The list view's newest-first page of one pipeline.
create index deals_pipeline_created_idx on public.deals (pipeline_id, created_at desc, id desc);
-- A client's open deal in a pipeline (PUT /api/pipeline/clients/:id/stage, the analysis step).
create index deals_contact_open_idx on public.deals (contact_id, pipeline_id) where closed_at is null;
create index tasks_deal_open_idx on public.tasks (deal_id, due_at) where deal_id is not null and status = 'open';

-- Why deals are lost: the organisation's list, offered when a card goes to a "lost" stage ----------------------

create table public.lost_reasons (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  label text not null check (length(trim(label)) between 1 and 200),
  position int not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index lost_reasons_label_idx on public.lost_reasons (org_id, lower(label));
create index lost_reasons_org_idx on public.lost_reasons (org_id, position, created_at);

create trigger lost_reasons_touch before update on public.lost_reasons
  for each row execute function private.touch_updated_at();

-- The AI's proposed moves (seed 003's "suggestions for stage transitions") --------------------------------------

create table public.deal_suggestions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  deal_id uuid not null,
  to_stage_id uuid not null references public.stages (id) on delete cascade,
  -- The client's words or the analysis's summary that justify the move.
  reason text not null default '' check (length(reason) <= 1000),
  status text not null default 'pending' check (status in ('pending', 'accepted', 'dismissed')),
  lead_id uuid,
  decided_by uuid references auth.users (id) on delete set null,
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (org_id, deal_id) references public.deals (org_id, id) on delete cascade,
  foreign key (org_id, lead_id) references public.leads (org_id, id) on delete set null (lead_id)
);
-- One open suggestion per deal; a newer analysis replaces it.
create unique index deal_suggestions_pending_idx on public.deal_suggestions (deal_id) where status = 'pending';
create index deal_suggestions_deal_idx on public.deal_suggestions (deal_id, to_stage_id, status);

create trigger deal_suggestions_touch before update on public.deal_suggestions
  for each row execute function private.touch_updated_at();

-- Row-level security ---------------------------------------------------------------------------------------

alter table public.lost_reasons enable row level security;
alter table public.deal_suggestions enable row level security;

create policy "members see lost reasons" on public.lost_reasons
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "managers shape lost reasons" on public.lost_reasons
  for all to authenticated using (org_id in (select private.member_org_ids('manager')))
    with check (org_id in (select private.member_org_ids('manager')));

-- Written by the analysis step (the service); seen with their deal, decided by whoever may work the deal.
create policy "members see suggestions of deals they see" on public.deal_suggestions
  for select to authenticated using (
    org_id in (select private.member_org_ids('viewer')) and exists (select 1 from public.deals d where d.id = deal_id));
create policy "agents decide suggestions of deals they see" on public.deal_suggestions
  for update to authenticated using (
    org_id in (select private.member_org_ids('agent')) and exists (select 1 from public.deals d where d.id = deal_id))
  with check (org_id in (select private.member_org_ids('agent')));

create trigger lost_reasons_announce after insert or update or delete on public.lost_reasons
  for each row execute function private.announce_change();
create trigger deal_suggestions_announce after insert or update or delete on public.deal_suggestions
  for each row execute function private.announce_change();

do $$
begin
  if exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    alter publication supabase_realtime add table public.lost_reasons, public.deal_suggestions;
  end if;
end $$;

-- Every organisation starts with a short list, in its creator's language ----------------------------------------

create or replace function private.create_default_lost_reasons(org uuid, locale text) returns void
language sql security definer set search_path = '' as $$
  insert into public.lost_reasons (org_id, label, position)
  select org, case when locale = 'ru' then r.ru else r.en end, r.pos
    from (values
      (1, 'Too expensive', 'Дорого'),
      (2, 'Chose a competitor', 'Выбрал конкурента'),
      (3, 'No reply', 'Не отвечает'),
      (4, 'Not the right time', 'Не сейчас'),
      (5, 'Not our client', 'Не наш клиент')
    ) as r (pos, en, ru)
  on conflict do nothing
$$;
revoke execute on function private.create_default_lost_reasons(uuid, text) from public;

create or replace function private.organization_default_lost_reasons() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.create_default_lost_reasons(new.id,
    coalesce((select p.locale from public.profiles p where p.id = new.created_by), 'en'));
  return new;
end $$;

create trigger organizations_default_lost_reasons after insert on public.organizations
  for each row execute function private.organization_default_lost_reasons();

select private.create_default_lost_reasons(o.id, coalesce(
         (select p.locale from public.profiles p where p.id = o.created_by),
         (select p.locale from public.memberships m join public.profiles p on p.id = m.user_id
           where m.org_id = o.id and m.role = 'owner' order by m.created_at limit 1),
         'en'))
  from public.organizations o
 where not exists (select 1 from public.lost_reasons r where r.org_id = o.id);
