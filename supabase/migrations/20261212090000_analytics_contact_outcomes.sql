-- The conversion funnel's outcome of each contact — became an analysed lead, a qualified one, got a deal, won
-- one — kept as the deals and leads change, so the report joins the period's contacts to one narrow row each
-- instead of probing the deals and stages once per contact (24,500 probes a quarter in bench/analytics, most of
-- the report's time). The deal counts move by signed increments (a contact's row locked only for the instant of
-- its own change, and concurrent changes add up instead of overwriting each other); the lead flags are the
-- contact's one lead row as it now is. A move between two stages that are both won or both not won writes
-- nothing.
create table public.analytics_contact_outcomes (
  org_id uuid not null,
  contact_id uuid not null,
  deals int not null default 0,
  won int not null default 0,
  lead boolean not null default false,
  qualified boolean not null default false,
  primary key (org_id, contact_id) include (deals, won, lead, qualified),
  foreign key (org_id, contact_id) references public.contacts (org_id, id) on delete cascade
);

-- The funnel's qualified step, defined once: the lead trigger, the rebuild and the report's deals path
-- (lib/analytics/metrics/conversion.ts) all ask it. Qualification complete, or a funnel stage from "qualified" on.
create or replace function private.analytics_lead_qualified(analyzed_at timestamptz, complete boolean, stage text)
returns boolean language sql immutable set search_path = '' as $$
  select analyzed_at is not null
     and coalesce(complete or stage in ('qualified', 'consultation_booked', 'consultation_completed', 'deal_closed'),
                  false)
$$;
grant execute on function private.analytics_lead_qualified(timestamptz, boolean, text) to authenticated, service_role;

-- A contact deleted (or its organisation) takes its row by the cascade; a deal or lead change that the same
-- cascade makes writes nothing for it, which is why the writers look the contact up first.
create or replace function private.analytics_contact_outcome_add(org uuid, contact uuid, d int, w int)
returns void language sql security definer set search_path = '' as $$
  insert into public.analytics_contact_outcomes as o (org_id, contact_id, deals, won)
  select org, contact, d, w where exists (select 1 from public.contacts c where c.org_id = org and c.id = contact)
  on conflict (org_id, contact_id) do update set deals = o.deals + excluded.deals, won = o.won + excluded.won
$$;
revoke execute on function private.analytics_contact_outcome_add(uuid, uuid, int, int) from public;

create or replace function private.analytics_contact_outcomes_deal() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  old_won int := 0;
  new_won int := 0;
begin
  if tg_op <> 'INSERT' and old.contact_id is not null then
    old_won := coalesce((select (kind = 'won')::int from public.stages where id = old.stage_id), 0);
  end if;
  if tg_op <> 'DELETE' and new.contact_id is not null then
    new_won := coalesce((select (kind = 'won')::int from public.stages where id = new.stage_id), 0);
  end if;
  if tg_op = 'UPDATE' and old.contact_id is not distinct from new.contact_id then
    if old_won <> new_won and new.contact_id is not null then
      perform private.analytics_contact_outcome_add(new.org_id, new.contact_id, 0, new_won - old_won);
    end if;
    return null;
  end if;
  if tg_op <> 'INSERT' and old.contact_id is not null then
    perform private.analytics_contact_outcome_add(old.org_id, old.contact_id, -1, -old_won);
  end if;
  if tg_op <> 'DELETE' and new.contact_id is not null then
    perform private.analytics_contact_outcome_add(new.org_id, new.contact_id, 1, new_won);
  end if;
  return null;
end $$;
create trigger deals_analytics_contact_outcomes after insert or delete or update of contact_id, stage_id
  on public.deals for each row execute function private.analytics_contact_outcomes_deal();

-- A stage made won (or no longer won) changes the won-ness of every deal in it.
create or replace function private.analytics_contact_outcomes_stage() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.analytics_contact_outcome_add(d.org_id, d.contact_id, 0,
            case when new.kind = 'won' then 1 else -1 end * count(*)::int)
     from public.deals d where d.stage_id = new.id and d.contact_id is not null
    group by d.org_id, d.contact_id;
  return null;
end $$;
create trigger stages_analytics_contact_outcomes after update of kind on public.stages
  for each row when ((old.kind = 'won') <> (new.kind = 'won'))
  execute function private.analytics_contact_outcomes_stage();

-- The funnel's lead steps from the contact's one lead row.
create or replace function private.analytics_contact_outcomes_lead() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  l public.leads := case when tg_op = 'DELETE' then old else new end;
  is_lead boolean := tg_op <> 'DELETE' and l.analyzed_at is not null;
  is_qualified boolean := is_lead
    and private.analytics_lead_qualified(l.analyzed_at, l.qualification_complete, l.funnel_stage);
begin
  insert into public.analytics_contact_outcomes as o (org_id, contact_id, lead, qualified)
  select l.org_id, l.contact_id, is_lead, is_qualified
   where exists (select 1 from public.contacts c where c.org_id = l.org_id and c.id = l.contact_id)
  on conflict (org_id, contact_id) do update set lead = excluded.lead, qualified = excluded.qualified
   where (o.lead, o.qualified) is distinct from (excluded.lead, excluded.qualified);
  return null;
end $$;
create trigger leads_analytics_contact_outcomes
  after insert or delete or update of analyzed_at, qualification_complete, funnel_stage
  on public.leads for each row execute function private.analytics_contact_outcomes_lead();

-- From the deals and leads themselves: the backfill below, and bench/analytics after seeding with triggers off.
create or replace function private.analytics_contact_outcomes_rebuild() returns void
language plpgsql security definer set search_path = '' as $$
begin
  lock table public.deals, public.leads in share mode;
  delete from public.analytics_contact_outcomes;
  insert into public.analytics_contact_outcomes (org_id, contact_id, deals, won, lead, qualified)
  select coalesce(d.org_id, l.org_id), coalesce(d.contact_id, l.contact_id), coalesce(d.deals, 0), coalesce(d.won, 0),
         coalesce(l.analyzed_at is not null, false),
         coalesce(private.analytics_lead_qualified(l.analyzed_at, l.qualification_complete, l.funnel_stage), false)
    from (select d.org_id, d.contact_id, count(*)::int as deals, (count(*) filter (where st.kind = 'won'))::int as won
            from public.deals d join public.stages st on st.id = d.stage_id
           where d.contact_id is not null group by 1, 2) d
    full join public.leads l on l.org_id = d.org_id and l.contact_id = d.contact_id;
end $$;
revoke execute on function private.analytics_contact_outcomes_rebuild() from public;
grant execute on function private.analytics_contact_outcomes_rebuild() to service_role;
select private.analytics_contact_outcomes_rebuild();

alter table public.analytics_contact_outcomes enable row level security;
-- The deal counts are of every deal, so only those who see every deal read them (an own-deals-only viewer's
-- funnel counts from the deals they may see).
create policy "members who see every deal read contact outcomes" on public.analytics_contact_outcomes
  for select to authenticated using (org_id in (select private.all_deals_org_ids()));

