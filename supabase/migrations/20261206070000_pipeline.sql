-- The sales pipeline (seed 003's CRM and Pipeline services): companies, pipelines, stages, deals, the stage
-- history every move leaves, notes, and the organisation's tag catalogue.
--
-- Seed 003's tables live on here: stages.order_index -> stages.position (a fractional key, like a deal's),
-- stages.automation_rules -> lib/automation later; stage_history.client_id -> the deal's contact_id.
-- Card and column order are fractional-indexing keys (lib/pipeline/positions.ts), compared byte-wise
-- (collate "C"): a move writes one row and never renumbers a column.

-- Companies ------------------------------------------------------------------------------------------------

create table public.companies (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (length(trim(name)) between 1 and 200),
  website text check (length(website) <= 300),
  phone text check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  email text check (length(email) <= 255),
  notes text not null default '' check (length(notes) <= 20000),
  owner_id uuid default auth.uid() references auth.users (id) on delete set null,
  created_by uuid default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id)
);
create index companies_org_idx on public.companies (org_id, lower(name), id);

alter table public.contacts add column company_id uuid,
  add constraint contacts_company_fk foreign key (org_id, company_id)
    references public.companies (org_id, id) on delete set null (company_id);
create index contacts_company_idx on public.contacts (company_id) where company_id is not null;

-- Pipelines and stages -------------------------------------------------------------------------------------

create table public.pipelines (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (length(trim(name)) between 1 and 120),
  is_default boolean not null default false,
  created_by uuid default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id)
);
create unique index pipelines_one_default_idx on public.pipelines (org_id) where is_default;
create index pipelines_org_idx on public.pipelines (org_id, created_at);

-- Seed 004's funnel stages, so the dialog analysis's stage names a column of the board.
create or replace function private.is_funnel_stage(s text) returns boolean
language sql immutable set search_path = '' as $$
  select s in ('new_lead', 'not_qualified', 'qualified', 'consultation_booked', 'consultation_completed',
               'deal_closed', 'deal_lost')
$$;

create table public.stages (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  pipeline_id uuid not null,
  name text not null check (length(trim(name)) between 1 and 100),
  position text collate "C" not null check (length(position) between 1 and 200),
  color text not null default '#64748b' check (color ~ '^#[0-9a-f]{6}$'),
  -- Chance a deal here is won, for the weighted forecast.
  probability int not null default 0 check (probability between 0 and 100),
  kind text not null default 'open' check (kind in ('open', 'won', 'lost')),
  funnel_stage text check (private.is_funnel_stage(funnel_stage)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  -- Deals reference (pipeline_id, id): a deal's stage is always one of its own pipeline's.
  unique (pipeline_id, id),
  unique (pipeline_id, position),
  foreign key (org_id, pipeline_id) references public.pipelines (org_id, id) on delete cascade
);
create unique index stages_funnel_idx on public.stages (pipeline_id, funnel_stage) where funnel_stage is not null;

-- Deals ----------------------------------------------------------------------------------------------------

create table public.deals (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  pipeline_id uuid not null,
  stage_id uuid not null,
  title text not null check (length(trim(title)) between 1 and 300),
  contact_id uuid,
  company_id uuid,
  amount numeric(18, 2) check (amount >= 0),
  -- ISO 4217; the API checks the code against the list Intl knows, the database its shape.
  currency text not null default 'RUB' check (currency ~ '^[A-Z]{3}$'),
  owner_id uuid default auth.uid() references auth.users (id) on delete set null,
  position text collate "C" not null check (length(position) between 1 and 200),
  lost_reason text check (length(lost_reason) <= 500),
  tags text[] not null default '{}' check (cardinality(tags) <= 50),
  -- Bumped by every update (trigger): a client's move or edit of a version it no longer holds is stale (409).
  version int not null default 1,
  stage_entered_at timestamptz not null default now(),
  closed_at timestamptz,
  created_by uuid default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, pipeline_id) references public.pipelines (org_id, id) on delete cascade,
  -- A stage that still has deals cannot be deleted: its deals move first.
  foreign key (pipeline_id, stage_id) references public.stages (pipeline_id, id),
  foreign key (org_id, contact_id) references public.contacts (org_id, id) on delete set null (contact_id),
  foreign key (org_id, company_id) references public.companies (org_id, id) on delete set null (company_id)
);
-- The board: one column page is a range scan of this index (keyset on position, id).
create unique index deals_board_idx on public.deals (stage_id, position);
create index deals_org_idx on public.deals (org_id, created_at desc, id desc);
create index deals_owner_idx on public.deals (org_id, owner_id);
create index deals_contact_idx on public.deals (contact_id) where contact_id is not null;
create index deals_company_idx on public.deals (company_id) where company_id is not null;

-- Every stage a deal was put in, by whom, by hand or by an automation rule (seed 003's stage_history).
create table public.stage_history (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  deal_id uuid not null,
  pipeline_id uuid not null,
  -- Null for the stage a deal was created in.
  from_stage_id uuid references public.stages (id) on delete set null,
  to_stage_id uuid references public.stages (id) on delete set null,
  moved_by uuid references auth.users (id) on delete set null,
  moved_at timestamptz not null default now(),
  auto_moved boolean not null default false,
  -- The automation rule that moved it (lib/automation; its table comes with that module).
  rule_id uuid,
  foreign key (org_id, deal_id) references public.deals (org_id, id) on delete cascade
);
create index stage_history_deal_idx on public.stage_history (deal_id, moved_at desc);

-- Notes and tags -------------------------------------------------------------------------------------------

create table public.notes (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  deal_id uuid,
  contact_id uuid,
  company_id uuid,
  body text not null check (length(trim(body)) between 1 and 20000),
  author_id uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (num_nonnulls(deal_id, contact_id, company_id) >= 1),
  foreign key (org_id, deal_id) references public.deals (org_id, id) on delete cascade,
  foreign key (org_id, contact_id) references public.contacts (org_id, id) on delete cascade,
  foreign key (org_id, company_id) references public.companies (org_id, id) on delete cascade
);
create index notes_deal_idx on public.notes (deal_id, created_at desc) where deal_id is not null;
create index notes_contact_idx on public.notes (contact_id, created_at desc) where contact_id is not null;
create index notes_company_idx on public.notes (company_id, created_at desc) where company_id is not null;

-- The organisation's tags with their colours; contacts and deals carry tag names (text[]), as contacts do.
create table public.tags (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (length(trim(name)) between 1 and 50),
  color text not null default '#64748b' check (color ~ '^#[0-9a-f]{6}$'),
  created_at timestamptz not null default now()
);
create unique index tags_name_idx on public.tags (org_id, lower(name));

-- Who sees which deals: with own_deals_only, agents and viewers see only the deals they own (Team service).
create table public.crm_settings (
  org_id uuid primary key references public.organizations (id) on delete cascade,
  own_deals_only boolean not null default false,
  updated_at timestamptz not null default now(),
  updated_by uuid default auth.uid()
);

-- Stage history and what a move sets: written by triggers, so no code path moves a deal without a row ------

-- Before a deal is written: its version, when it entered its stage, when it closed. Its stage must be its
-- pipeline's (the foreign key), and a deal moved to another pipeline takes that pipeline's stage.
create or replace function private.deal_before_write() returns trigger
language plpgsql set search_path = '' as $$
declare
  stage_kind text;
begin
  if tg_op = 'UPDATE' then
    new.version := old.version + 1;
    new.created_by := old.created_by;
    new.created_at := old.created_at;
  end if;
  if tg_op = 'INSERT' or new.stage_id is distinct from old.stage_id then
    new.stage_entered_at := now();
    select s.kind into stage_kind from public.stages s where s.id = new.stage_id;
    new.closed_at := case when stage_kind in ('won', 'lost') then now() end;
    if stage_kind is distinct from 'lost' then
      new.lost_reason := null;
    end if;
  end if;
  return new;
end $$;

create trigger deals_before_write before insert or update on public.deals
  for each row execute function private.deal_before_write();
create trigger deals_touch before update on public.deals
  for each row execute function private.touch_updated_at();

-- The history row. An automation marks its own moves for the transaction (lib/pipeline/moves.ts):
-- relay.move_rule_id, relay.auto_moved.
create or replace function private.record_stage_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  rule uuid := nullif(current_setting('relay.move_rule_id', true), '')::uuid;
  auto boolean := coalesce(nullif(current_setting('relay.auto_moved', true), '')::boolean, false) or rule is not null;
begin
  if tg_op = 'INSERT' or new.stage_id is distinct from old.stage_id then
    insert into public.stage_history (org_id, deal_id, pipeline_id, from_stage_id, to_stage_id, moved_by,
                                      auto_moved, rule_id)
    values (new.org_id, new.id, new.pipeline_id, case when tg_op = 'UPDATE' then old.stage_id end, new.stage_id,
            auth.uid(), auto, rule);
  end if;
  return new;
end $$;

create trigger deals_stage_history after insert or update of stage_id on public.deals
  for each row execute function private.record_stage_change();

create trigger companies_touch before update on public.companies
  for each row execute function private.touch_updated_at();
create trigger pipelines_touch before update on public.pipelines
  for each row execute function private.touch_updated_at();
create trigger stages_touch before update on public.stages
  for each row execute function private.touch_updated_at();
create trigger notes_touch before update on public.notes
  for each row execute function private.touch_updated_at();
create trigger crm_settings_touch before update on public.crm_settings
  for each row execute function private.touch_updated_at();

-- Row-level security ---------------------------------------------------------------------------------------

alter table public.companies enable row level security;
alter table public.pipelines enable row level security;
alter table public.stages enable row level security;
alter table public.deals enable row level security;
alter table public.stage_history enable row level security;
alter table public.notes enable row level security;
alter table public.tags enable row level security;
alter table public.crm_settings enable row level security;

-- The organisations where the caller sees every deal: all of them for managers and up, and those without
-- own_deals_only for agents and viewers. Evaluated once per query, like member_org_ids().
create or replace function private.all_deals_org_ids() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select o from private.member_org_ids('manager') o
  union
  select o from private.member_org_ids('viewer') o
   where not exists (select 1 from public.crm_settings s where s.org_id = o and s.own_deals_only)
$$;
grant execute on function private.all_deals_org_ids() to authenticated, service_role;

create policy "members see their organisation's companies" on public.companies
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "agents add companies" on public.companies
  for insert to authenticated with check (org_id in (select private.member_org_ids('agent')));
create policy "agents edit companies" on public.companies
  for update to authenticated using (org_id in (select private.member_org_ids('agent')))
    with check (org_id in (select private.member_org_ids('agent')));
create policy "managers delete companies" on public.companies
  for delete to authenticated using (org_id in (select private.member_org_ids('manager')));

create policy "members see their organisation's pipelines" on public.pipelines
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "managers shape pipelines" on public.pipelines
  for all to authenticated using (org_id in (select private.member_org_ids('manager')))
    with check (org_id in (select private.member_org_ids('manager')));

create policy "members see their organisation's stages" on public.stages
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "managers shape stages" on public.stages
  for all to authenticated using (org_id in (select private.member_org_ids('manager')))
    with check (org_id in (select private.member_org_ids('manager')));

-- A deal is seen by the members of its organisation, or, with own_deals_only, by managers and its owner.
create policy "members see deals they may see" on public.deals
  for select to authenticated using (
    org_id in (select private.all_deals_org_ids())
    or (owner_id = auth.uid() and org_id in (select private.member_org_ids('viewer'))));
create policy "agents add deals" on public.deals
  for insert to authenticated with check (
    org_id in (select private.all_deals_org_ids() intersect select private.member_org_ids('agent'))
    or (owner_id = auth.uid() and org_id in (select private.member_org_ids('agent'))));
create policy "agents work the deals they see" on public.deals
  for update to authenticated using (
    org_id in (select private.all_deals_org_ids() intersect select private.member_org_ids('agent'))
    or (owner_id = auth.uid() and org_id in (select private.member_org_ids('agent'))))
  with check (
    org_id in (select private.all_deals_org_ids() intersect select private.member_org_ids('agent'))
    or (owner_id = auth.uid() and org_id in (select private.member_org_ids('agent'))));
create policy "managers delete deals" on public.deals
  for delete to authenticated using (org_id in (select private.member_org_ids('manager')));

-- History is written by the trigger only; it is seen with its deal.
create policy "members see the history of deals they see" on public.stage_history
  for select to authenticated using (
    org_id in (select private.member_org_ids('viewer')) and exists (select 1 from public.deals d where d.id = deal_id));

create policy "members read notes of what they see" on public.notes
  for select to authenticated using (
    org_id in (select private.member_org_ids('viewer'))
    and (deal_id is null or exists (select 1 from public.deals d where d.id = deal_id)));
create policy "agents write notes" on public.notes
  for insert to authenticated with check (
    org_id in (select private.member_org_ids('agent'))
    and (deal_id is null or exists (select 1 from public.deals d where d.id = deal_id)));
create policy "authors edit their notes" on public.notes
  for update to authenticated using (org_id in (select private.member_org_ids('agent')) and author_id = auth.uid())
    with check (org_id in (select private.member_org_ids('agent')) and author_id = auth.uid());
create policy "authors and managers delete notes" on public.notes
  for delete to authenticated using (
    org_id in (select private.member_org_ids('manager'))
    or (org_id in (select private.member_org_ids('agent')) and author_id = auth.uid()));

create policy "members see tags" on public.tags
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "agents manage tags" on public.tags
  for all to authenticated using (org_id in (select private.member_org_ids('agent')))
    with check (org_id in (select private.member_org_ids('agent')));

create policy "members read CRM settings" on public.crm_settings
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "admins change CRM settings" on public.crm_settings
  for all to authenticated using (org_id in (select private.member_org_ids('admin')))
    with check (org_id in (select private.member_org_ids('admin')));

-- Realtime -------------------------------------------------------------------------------------------------

create trigger companies_announce after insert or update or delete on public.companies
  for each row execute function private.announce_change();
create trigger pipelines_announce after insert or update or delete on public.pipelines
  for each row execute function private.announce_change();
create trigger stages_announce after insert or update or delete on public.stages
  for each row execute function private.announce_change();
create trigger deals_announce after insert or update or delete on public.deals
  for each row execute function private.announce_change();

do $$
begin
  if exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    alter publication supabase_realtime add table public.companies, public.pipelines, public.stages, public.deals;
  end if;
end $$;

-- The default pipeline: every organisation gets one, in its creator's language ------------------------------

create or replace function private.create_default_pipeline(org uuid, locale text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  pipeline uuid;
  in_russian boolean := locale = 'ru';
begin
  insert into public.pipelines (org_id, name, is_default)
  values (org, case when in_russian then 'Продажи' else 'Sales' end, true)
  returning id into pipeline;
  -- fractional-indexing's first keys (generateNKeysBetween(null, null, 6)).
  insert into public.stages (org_id, pipeline_id, name, position, color, probability, kind, funnel_stage)
  select org, pipeline, case when in_russian then s.ru else s.en end, s.pos, s.color, s.probability, s.kind, s.funnel
    from (values
      ('a0', 'New lead', 'Новый лид', '#64748b', 10, 'open', 'new_lead'),
      ('a1', 'Qualified', 'Квалифицирован', '#0ea5e9', 30, 'open', 'qualified'),
      ('a2', 'Consultation booked', 'Записан на консультацию', '#8b5cf6', 50, 'open', 'consultation_booked'),
      ('a3', 'Consultation held', 'Консультация проведена', '#f59e0b', 70, 'open', 'consultation_completed'),
      ('a4', 'Won', 'Успешно', '#22c55e', 100, 'won', 'deal_closed'),
      ('a5', 'Lost', 'Проиграно', '#ef4444', 0, 'lost', 'deal_lost')
    ) as s (pos, en, ru, color, probability, kind, funnel);
  return pipeline;
end $$;
revoke execute on function private.create_default_pipeline(uuid, text) from public;

create or replace function private.organization_default_pipeline() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.create_default_pipeline(new.id,
    coalesce((select p.locale from public.profiles p where p.id = new.created_by), 'en'));
  return new;
end $$;

create trigger organizations_default_pipeline after insert on public.organizations
  for each row execute function private.organization_default_pipeline();

-- Organisations made before this migration: in the language of their creator, else of their first owner.
select private.create_default_pipeline(o.id, coalesce(
         (select p.locale from public.profiles p where p.id = o.created_by),
         (select p.locale from public.memberships m join public.profiles p on p.id = m.user_id
           where m.org_id = o.id and m.role = 'owner' order by m.created_at limit 1),
         'en'))
  from public.organizations o
 where not exists (select 1 from public.pipelines p where p.org_id = o.id);
