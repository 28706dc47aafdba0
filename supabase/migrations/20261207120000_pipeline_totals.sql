-- The board's column totals without aggregating every deal on each load (bench/pipeline: 84 ms with 100,000
-- deals). Every change of a deal's stage, owner, amount or currency appends two signed rows here (the old
-- group's minus, the new group's plus); the unfiltered board sums this table instead of the deals.
--
-- Append-only, like the analytics deltas: no unique key and no upsert, so concurrent moves (or a sweep batch
-- moving many deals) never wait on one counter row or deadlock over two. private.deal_totals_compact() (the
-- pipeline.compact-totals job, every minute) folds each group's rows into one, so the board sums a few rows per
-- stage and owner. Per owner, so an own-deals-only viewer's RLS leaves exactly their deals' totals.
create table public.deal_stage_totals (
  id bigint generated always as identity primary key,
  -- No foreign keys: a row written while the deal's organisation or pipeline is being deleted (the cascade
  -- fires the delete trigger) must not fail the delete; compaction drops the rows of pipelines gone.
  org_id uuid not null,
  pipeline_id uuid not null,
  stage_id uuid not null,
  owner_id uuid,
  currency text not null,
  deals int not null,
  -- Deals with an amount: a currency whose deals have none shows no sum (as the aggregate's null).
  priced int not null,
  amount numeric(20, 2) not null
);
create index deal_stage_totals_pipeline_idx on public.deal_stage_totals (pipeline_id, stage_id);

create or replace function private.deal_stage_totals_track() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and old.stage_id = new.stage_id and old.pipeline_id = new.pipeline_id
     and old.owner_id is not distinct from new.owner_id and old.currency = new.currency
     and old.amount is not distinct from new.amount then
    return null;
  end if;
  if tg_op = 'DELETE' then
    insert into public.deal_stage_totals (org_id, pipeline_id, stage_id, owner_id, currency, deals, priced, amount)
    values (old.org_id, old.pipeline_id, old.stage_id, old.owner_id, old.currency, -1,
            -(old.amount is not null)::int, -coalesce(old.amount, 0));
  elsif tg_op = 'INSERT' then
    insert into public.deal_stage_totals (org_id, pipeline_id, stage_id, owner_id, currency, deals, priced, amount)
    values (new.org_id, new.pipeline_id, new.stage_id, new.owner_id, new.currency, 1,
            (new.amount is not null)::int, coalesce(new.amount, 0));
  else
    insert into public.deal_stage_totals (org_id, pipeline_id, stage_id, owner_id, currency, deals, priced, amount)
    values (old.org_id, old.pipeline_id, old.stage_id, old.owner_id, old.currency, -1,
            -(old.amount is not null)::int, -coalesce(old.amount, 0)),
           (new.org_id, new.pipeline_id, new.stage_id, new.owner_id, new.currency, 1,
            (new.amount is not null)::int, coalesce(new.amount, 0));
  end if;
  return null;
end $$;
create trigger deals_stage_totals after insert or delete or update of stage_id, pipeline_id, owner_id, amount, currency
  on public.deals for each row execute function private.deal_stage_totals_track();

-- Folds each group's rows into one (one at a time under an advisory lock; a move committed meanwhile stays as
-- its own rows until the next run). Returns how many rows were folded away.
create or replace function private.deal_totals_compact() returns integer
language plpgsql security definer set search_path = '' as $$
declare
  folded integer;
begin
  perform pg_advisory_xact_lock(hashtext('relay.deal_totals_compact'));
  delete from public.deal_stage_totals t
   where not exists (select 1 from public.pipelines p where p.id = t.pipeline_id);
  with many as (
    select org_id, pipeline_id, stage_id, owner_id, currency from public.deal_stage_totals
     group by 1, 2, 3, 4, 5 having count(*) > 1
  ), gone as (
    delete from public.deal_stage_totals t using many m
     where t.pipeline_id = m.pipeline_id and t.stage_id = m.stage_id and t.org_id = m.org_id
       and t.owner_id is not distinct from m.owner_id and t.currency = m.currency
    returning t.*
  ), kept as (
    insert into public.deal_stage_totals (org_id, pipeline_id, stage_id, owner_id, currency, deals, priced, amount)
    select org_id, pipeline_id, stage_id, owner_id, currency, sum(deals), sum(priced), sum(amount)
      from gone group by 1, 2, 3, 4, 5 having sum(deals) <> 0
    returning 1
  )
  select (select count(*) from gone) - (select count(*) from kept) into folded;
  return folded;
end $$;
revoke execute on function private.deal_totals_compact() from public;
grant execute on function private.deal_totals_compact() to service_role;

-- The totals from the deals themselves: the backfill below, and bench/pipeline after seeding with triggers off.
create or replace function private.deal_totals_rebuild() returns void
language plpgsql security definer set search_path = '' as $$
begin
  perform pg_advisory_xact_lock(hashtext('relay.deal_totals_compact'));
  lock table public.deals in share mode;
  delete from public.deal_stage_totals;
  insert into public.deal_stage_totals (org_id, pipeline_id, stage_id, owner_id, currency, deals, priced, amount)
  select org_id, pipeline_id, stage_id, owner_id, currency, count(*), count(amount), coalesce(sum(amount), 0)
    from public.deals group by 1, 2, 3, 4, 5;
end $$;
revoke execute on function private.deal_totals_rebuild() from public;
grant execute on function private.deal_totals_rebuild() to service_role;
select private.deal_totals_rebuild();

alter table public.deal_stage_totals enable row level security;
-- Seen as the deals are: everyone's by those who see every deal, one's own under own_deals_only.
create policy "members see the totals of deals they may see" on public.deal_stage_totals
  for select to authenticated using (
    org_id in (select private.all_deals_org_ids())
    or (owner_id = auth.uid() and org_id in (select private.member_org_ids('viewer'))));
