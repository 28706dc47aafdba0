-- Deal events for other modules (automation, analytics, RetailCRM sync): a `pipeline.deal-created` or
-- `pipeline.deal-moved` job per stage_history row, queued in the transaction that moved the deal.
--
-- Members cannot insert jobs (RLS), so this narrow function does it for exactly one history row of a deal the
-- caller may work, building the payload from that row itself: a caller chooses which row, never what it says.
-- The payloads are lib/pipeline/events.ts's schemas.
create or replace function private.publish_deal_event(history_id uuid, queue_locally boolean) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  h public.stage_history;
  event_name text;
  payload jsonb;
  job_id uuid;
begin
  select * into h from public.stage_history where id = history_id;
  if h.id is null then
    raise exception 'no such stage change' using errcode = 'P0002';
  end if;
  if coalesce(auth.role(), '') not in ('', 'service_role') and not private.has_role(h.org_id, 'agent') then
    raise exception 'not allowed' using errcode = '42501';
  end if;
  if h.from_stage_id is null then
    event_name := 'pipeline.deal-created';
    payload := jsonb_build_object('dealId', h.deal_id, 'historyId', h.id, 'pipelineId', h.pipeline_id,
                                  'stageId', h.to_stage_id, 'createdBy', h.moved_by, 'autoMoved', h.auto_moved);
  else
    event_name := 'pipeline.deal-moved';
    payload := jsonb_build_object('dealId', h.deal_id, 'historyId', h.id, 'pipelineId', h.pipeline_id,
                                  'fromStageId', h.from_stage_id, 'toStageId', h.to_stage_id,
                                  'movedBy', h.moved_by, 'autoMoved', h.auto_moved, 'ruleId', h.rule_id,
                                  'movedAt', to_char(h.moved_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'));
  end if;
  -- With Trigger.dev the caller requests the run itself once the transaction has committed.
  if not queue_locally then
    return jsonb_build_object('name', event_name, 'payload', payload);
  end if;
  insert into public.jobs (org_id, name, payload, max_attempts, dedupe_key)
  values (h.org_id, event_name, payload, 5, h.id::text)
  on conflict (name, dedupe_key) where dedupe_key is not null and status in ('queued', 'running') do nothing
  returning id into job_id;
  if job_id is not null then
    -- lib/jobs/store.ts JOBS_CHANNEL: the runner wakes on commit.
    perform pg_notify('relay_jobs', job_id::text);
  end if;
  return jsonb_build_object('name', event_name, 'payload', payload);
end $$;
revoke execute on function private.publish_deal_event(uuid, boolean) from public;
grant execute on function private.publish_deal_event(uuid, boolean) to authenticated, service_role;

-- The key of the card next to `from_position` in a column (null: the column's first or last card), whoever
-- owns it: an agent limited to their own deals still places cards among the ones they cannot see, and a
-- key computed only from the visible cards would collide with a hidden one. Positions say nothing else.
create or replace function private.next_deal_position(stage uuid, from_position text, direction text, self uuid)
returns text
language sql stable security definer set search_path = '' as $$
  select d.position::text from public.deals d
   where d.stage_id = stage and (self is null or d.id <> self)
     and (coalesce(auth.role(), '') in ('', 'service_role') or d.org_id in (select private.member_org_ids('viewer')))
     and (from_position is null
          or (direction = 'after' and d.position > from_position collate "C")
          or (direction = 'before' and d.position < from_position collate "C"))
   order by case when direction = 'after' then d.position end asc,
            case when direction = 'before' then d.position end desc
   limit 1
$$;
revoke execute on function private.next_deal_position(uuid, text, text, uuid) from public;
grant execute on function private.next_deal_position(uuid, text, text, uuid) to authenticated, service_role;
