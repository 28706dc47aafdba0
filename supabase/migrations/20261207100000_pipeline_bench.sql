-- bench/pipeline's findings: a move in two statements instead of nine, and the board's filters on indexes.
--
-- A move used to be nine round trips (the deal, the stage, the lock, each neighbour, the UPDATE, the history
-- row, its event, the deal again): most of its time was waiting for the network, not the database. These two
-- functions do the same steps in the same order inside the database; lib/pipeline/moves.ts computes the key in
-- between (fractional-indexing). Both run as the caller (security invoker): row-level security is unchanged.

-- After the column's lock (the lock first, so what follows reads what the previous mover committed: each
-- statement of a volatile function takes a new snapshot): the target stage's kind if it is the pipeline's, the
-- named neighbours, and the key next to the one neighbour named (or the column's last key when none is).
create or replace function private.deal_move_slot(lock_key text, self uuid, pipeline uuid, stage uuid, after_id uuid,
                                                  before_id uuid)
returns jsonb
language plpgsql volatile set search_path = '' as $$
declare
  stage_kind text;
  after_row jsonb;
  before_row jsonb;
  next_position text;
begin
  perform pg_advisory_xact_lock(hashtextextended(lock_key, 7));
  select s.kind into stage_kind from public.stages s where s.id = stage and s.pipeline_id = pipeline;
  if after_id is not null then
    select jsonb_build_object('id', d.id, 'position', d.position::text, 'column', d.stage_id::text) into after_row
      from public.deals d where d.id = after_id;
  end if;
  if before_id is not null then
    select jsonb_build_object('id', d.id, 'position', d.position::text, 'column', d.stage_id::text) into before_row
      from public.deals d where d.id = before_id;
  end if;
  if after_id is not null and before_id is null and after_row is not null then
    next_position := private.next_deal_position(stage, after_row ->> 'position', 'after', self);
  elsif before_id is not null and after_id is null and before_row is not null then
    next_position := private.next_deal_position(stage, before_row ->> 'position', 'before', self);
  elsif after_id is null and before_id is null then
    next_position := private.next_deal_position(stage, null, 'before', self);
  end if;
  return jsonb_build_object('stageKind', stage_kind, 'after', after_row, 'before', before_row, 'next', next_position);
end $$;
revoke execute on function private.deal_move_slot(text, uuid, uuid, uuid, uuid, uuid) from public;
grant execute on function private.deal_move_slot(text, uuid, uuid, uuid, uuid, uuid) to authenticated, service_role;

-- The UPDATE of the version the client saw (null `deal` when it is stale), an automation's marks around it,
-- and, when the stage changed, the trigger's history row and its event (private.publish_deal_event).
create or replace function private.apply_deal_move(deal uuid, seen_version int, stage uuid, new_position text,
                                                   reason text, auto boolean, rule text, changes_stage boolean,
                                                   queue_locally boolean)
returns jsonb
language plpgsql volatile set search_path = '' as $$
declare
  moved jsonb;
  history jsonb;
  event jsonb;
begin
  if auto then
    perform set_config('relay.auto_moved', 'true', true), set_config('relay.move_rule_id', coalesce(rule, ''), true);
  end if;
  update public.deals d set stage_id = stage, position = new_position,
         lost_reason = case when reason is not null then reason else d.lost_reason end
   where d.id = deal and d.version = seen_version
  returning jsonb_build_object(
    'stageId', d.stage_id, 'position', d.position::text, 'lostReason', d.lost_reason, 'version', d.version,
    'stageEnteredAt', to_char(d.stage_entered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'closedAt', to_char(d.closed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'updatedAt', to_char(d.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) into moved;
  if auto then
    perform set_config('relay.auto_moved', '', true), set_config('relay.move_rule_id', '', true);
  end if;
  if moved is null or not changes_stage then
    return jsonb_build_object('deal', moved);
  end if;
  select jsonb_build_object('id', h.id, 'dealId', h.deal_id, 'fromStageId', h.from_stage_id,
                            'toStageId', h.to_stage_id, 'movedBy', h.moved_by,
                            'movedByName', nullif(p.full_name, ''),
                            'movedAt', to_char(h.moved_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                            'autoMoved', h.auto_moved, 'ruleId', h.rule_id) into history
    from public.stage_history h left join public.profiles p on p.id = h.moved_by
   where h.deal_id = deal and h.moved_at = now()
   order by h.id desc limit 1;
  if history is not null then
    event := private.publish_deal_event((history ->> 'id')::uuid, queue_locally);
  end if;
  return jsonb_build_object('deal', moved, 'history', history, 'event', event);
end $$;
revoke execute on function private.apply_deal_move(uuid, int, uuid, text, text, boolean, text, boolean, boolean)
  from public;
grant execute on function private.apply_deal_move(uuid, int, uuid, text, text, boolean, text, boolean, boolean)
  to authenticated, service_role;

-- The card's lead columns and the interest filter's probe (one per deal in position order) from the index alone.
create index leads_contact_interest_idx on public.leads (org_id, contact_id) include (interest_level, score);

-- The key next to a position (or the column's first / last key): the same answer as before, but each direction is
-- its own range of deals_board_idx, forwards or backwards, instead of one ORDER BY over a CASE, which no index
-- serves, so a drop at the end of a column or a new deal at its top sorted every card of the column.
create or replace function private.next_deal_position(stage uuid, from_position text, direction text, self uuid)
returns text
language sql stable security definer set search_path = '' as $$
  select x.position from (
    (select d.position::text as position from public.deals d
      where direction = 'after' and d.stage_id = stage and (self is null or d.id <> self)
        and (coalesce(auth.role(), '') in ('', 'service_role') or d.org_id in (select private.member_org_ids('viewer')))
        and (from_position is null or d.position > from_position collate "C")
      order by d.position asc limit 1)
    union all
    (select d.position::text from public.deals d
      where direction = 'before' and d.stage_id = stage and (self is null or d.id <> self)
        and (coalesce(auth.role(), '') in ('', 'service_role') or d.org_id in (select private.member_org_ids('viewer')))
        and (from_position is null or d.position < from_position collate "C")
      order by d.position desc limit 1)
  ) x
  limit 1
$$;
