-- The board filtered by the client's interest ("hot leads") read every deal of the pipeline and every lead of the
-- organisation to find the few that match (bench:pipeline: 91 ms over 100,000 deals against a 50 ms target).
-- The deal now carries its client's interest, kept by triggers from the dialog analysis's leads, so the filter is
-- an index range per column and the column totals an index range over the pipeline.
alter table public.deals add column interest_level text check (interest_level in ('hot', 'warm', 'cold'));

-- A copy is not a change of the deal: it must not bump the version an agent's move is checked against (a move
-- would fail as a conflict because an analysis ran), nor the time the deal was last edited. So the version and
-- updated_at move here, except while the leads' trigger writes the copy, and deals_touch goes.
create or replace function private.deal_before_write() returns trigger
language plpgsql set search_path = '' as $$
declare
  stage_kind text;
begin
  if tg_op = 'INSERT' or new.contact_id is distinct from old.contact_id then
    new.interest_level := (select l.interest_level from public.leads l
                            where l.org_id = new.org_id and l.contact_id = new.contact_id);
  end if;
  if tg_op = 'UPDATE' then
    -- relay.interest_copy is on only while the leads' trigger below writes the copy.
    if coalesce(current_setting('relay.interest_copy', true), '') <> 'on' then
      new.version := old.version + 1;
      new.updated_at := now();
    end if;
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

drop trigger deals_touch on public.deals;

-- A lead analysed, rescored, moved to another contact (a merge) or deleted: its contact's deals follow.
create or replace function private.lead_interest_to_deals() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform set_config('relay.interest_copy', 'on', true);
  if tg_op in ('UPDATE', 'DELETE') and (tg_op = 'DELETE' or old.contact_id is distinct from new.contact_id) then
    update public.deals d set interest_level = null
     where d.org_id = old.org_id and d.contact_id = old.contact_id and d.interest_level is not null;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    update public.deals d set interest_level = new.interest_level
     where d.org_id = new.org_id and d.contact_id = new.contact_id
       and d.interest_level is distinct from new.interest_level;
  end if;
  perform set_config('relay.interest_copy', '', true);
  return null;
end $$;

create trigger leads_interest_to_deals after insert or delete or update of interest_level, contact_id
  on public.leads for each row execute function private.lead_interest_to_deals();

update public.deals d set interest_level = l.interest_level
  from public.leads l
 where l.org_id = d.org_id and l.contact_id = d.contact_id and l.interest_level is not null;

-- A filtered column's first page in card order, and a filtered board's totals.
create index deals_interest_board_idx on public.deals (stage_id, interest_level, position)
  where interest_level is not null;
create index deals_interest_totals_idx on public.deals (pipeline_id, interest_level)
  include (stage_id, currency, amount) where interest_level is not null;
