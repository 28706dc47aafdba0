-- A lead's budget as an amount and an ISO 4217 currency (the `budget` column keeps the client's words as the
-- evidence), and the spam class: a sender pitching their own services to the business is not a client.
alter table public.leads
  add column budget_amount numeric(16, 2) check (budget_amount >= 0),
  add column budget_currency text check (budget_currency ~ '^[A-Z]{3}$'),
  add column is_spam boolean not null default false;

-- Existing analyses are read as they were stored: what they say about spam, nothing about the amount.
update public.leads
   set is_spam = coalesce((analysis ->> 'isSpam')::boolean, false)
 where analysis ? 'isSpam';

-- A merge carries the new columns along (the rest as in 20261205010000_merge_leads.sql).
create or replace function private.merge_leads(org uuid, keep uuid, other uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if not private.has_role(org, 'agent') then
    raise exception 'not allowed' using errcode = '42501';
  end if;
  if not exists (select 1 from public.leads where org_id = org and contact_id = keep) then
    update public.leads set contact_id = keep, input_hash = null where org_id = org and contact_id = other;
    return;
  end if;
  update public.leads k
     set name = coalesce(k.name, o.name),
         phone = coalesce(k.phone, o.phone),
         need = coalesce(k.need, o.need),
         budget = coalesce(k.budget, o.budget),
         -- The amount goes with the words it was read from.
         budget_amount = case when k.budget is null then o.budget_amount else k.budget_amount end,
         budget_currency = case when k.budget is null then o.budget_currency else k.budget_currency end,
         channel_id = coalesce(k.channel_id, o.channel_id),
         instance_name = coalesce(k.instance_name, o.instance_name),
         analysis = coalesce(k.analysis, o.analysis),
         is_spam = case when k.analysis is null then o.is_spam else k.is_spam end,
         score = coalesce(k.score, o.score),
         interest_level = coalesce(k.interest_level, o.interest_level),
         funnel_stage = coalesce(k.funnel_stage, o.funnel_stage),
         niche = coalesce(k.niche, o.niche),
         qualification_complete = k.qualification_complete or o.qualification_complete,
         -- What a person corrected on either lead stays corrected; the survivor's correction wins a tie.
         manual = coalesce(o.manual, '{}') || coalesce(k.manual, '{}'),
         score_reasons = case when k.analysis is null then o.score_reasons else k.score_reasons end,
         engine = coalesce(k.engine, o.engine),
         model = coalesce(k.model, o.model),
         analyzed_at = coalesce(k.analyzed_at, o.analyzed_at),
         input_hash = null
    from public.leads o
   where k.org_id = org and k.contact_id = keep and o.org_id = org and o.contact_id = other;
  delete from public.leads where org_id = org and contact_id = other;
end $$;
grant execute on function private.merge_leads(uuid, uuid, uuid) to authenticated;
