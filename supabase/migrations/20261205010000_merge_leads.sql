-- A contact merged into another brings its lead along (leads are one per contact). Agents merge contacts but may
-- not delete leads, so this narrow function does the one change a merge needs, for an agent of the organisation:
-- the other's lead moves over when the survivor has none; when both have one, the survivor's keeps its analysis
-- and takes from the other what it lacks, and the other's goes. Either way the next analysis reads the merged
-- dialog afresh (no input hash).
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
         channel_id = coalesce(k.channel_id, o.channel_id),
         instance_name = coalesce(k.instance_name, o.instance_name),
         analysis = coalesce(k.analysis, o.analysis),
         score = coalesce(k.score, o.score),
         interest_level = coalesce(k.interest_level, o.interest_level),
         funnel_stage = coalesce(k.funnel_stage, o.funnel_stage),
         niche = coalesce(k.niche, o.niche),
         qualification_complete = k.qualification_complete or o.qualification_complete,
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
