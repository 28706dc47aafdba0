-- A deal move in one call (issue 10: a move at most 2× a bare single-row UPDATE). bench/pipeline and pgbench on
-- its database found the two-statement move's time was not the round trips but row-level security: the caller's
-- UPDATE evaluated the deals policies (all_deals_org_ids() ∩ member_org_ids('agent'), for USING, WITH CHECK and the
-- SELECT policy), the stage lookup of deal_before_write, the history read-back and each neighbour's read each
-- called the membership functions again, SQL functions planned anew on every call: 6.6 ms for the UPDATE as
-- `authenticated` against 1.0 ms for the same UPDATE, triggers and all, as the table owner.
--
-- private.move_deal does the whole move as the owner, after deciding once, for the deal's organisation, exactly
-- what those policies decide: who may see the deal and its neighbours (the SELECT policy) and who may move it (the
-- UPDATE policy). Same steps in the same order as before: the target column's lock, the checks, the key between
-- the neighbours (fractional-indexing's generateKeyBetween, ported below), the UPDATE of the seen version, the
-- trigger's history row and its event. lib/pipeline/moves.ts calls it beside the card's view, read as the caller.

-- fractional-indexing (lib/pipeline/positions.ts) with its default alphabets: digits 0-9A-Za-z, integer heads
-- A-Za-z. Keys compare byte-wise (collate "C"), as JavaScript compares them. tests/integration/deal-move-keys
-- checks these against the library's own answers.
create or replace function private.fi_int_length(head text) returns int
language plpgsql immutable strict set search_path = '' as $$
declare
  i int := strpos('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', head) - 1;
begin
  if length(head) <> 1 or i < 0 then
    raise exception 'invalid order key head: %', head;
  end if;
  return case when i < 26 then 26 - i + 1 else i - 26 + 2 end;
end $$;

create or replace function private.fi_midpoint(a text, b text) returns text
language plpgsql immutable set search_path = '' as $$
declare
  digits constant text := '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  n int := 0;
  digit_a int;
  digit_b int;
begin
  if b is not null and a >= b collate "C" then
    raise exception '% >= %', a, b;
  end if;
  if right(a, 1) = '0' or right(b, 1) = '0' then
    raise exception 'trailing zero';
  end if;
  if b is not null then
    -- the longest common prefix, `a` padded with zeros
    while coalesce(nullif(substr(a, n + 1, 1), ''), '0') = substr(b, n + 1, 1) loop
      n := n + 1;
    end loop;
    if n > 0 then
      return left(b, n) || private.fi_midpoint(substr(a, n + 1), substr(b, n + 1));
    end if;
  end if;
  digit_a := case when a = '' then 0 else strpos(digits, left(a, 1)) - 1 end;
  digit_b := case when b is null then 62 else strpos(digits, left(b, 1)) - 1 end;
  if digit_b - digit_a > 1 then
    return substr(digits, (digit_a + digit_b + 1) / 2 + 1, 1);
  end if;
  if b is not null and length(b) > 1 then
    return left(b, 1);
  end if;
  return substr(digits, digit_a + 1, 1) || private.fi_midpoint(substr(a, 2), null);
end $$;

-- step +1 (increment) or -1 (decrement) of an integer part; null past the largest / smallest.
create or replace function private.fi_step_integer(x text, step int) returns text
language plpgsql immutable strict set search_path = '' as $$
declare
  digits constant text := '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  heads constant text := 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  head text := left(x, 1);
  wrap text := case when step > 0 then '0' else 'z' end;
  carry text := '';
  d int;
  h text;
  delta int;
begin
  if length(x) <> private.fi_int_length(head) then
    raise exception 'invalid integer part of order key: %', x;
  end if;
  for i in reverse length(x)..2 loop
    d := strpos(digits, substr(x, i, 1)) - 1 + step;
    if d = 62 or d = -1 then
      carry := wrap || carry;
    else
      return left(x, i - 1) || substr(digits, d + 1, 1) || carry;
    end if;
  end loop;
  d := strpos(heads, head) - 1 + step;
  if d = 52 or d = -1 then
    return null;
  end if;
  h := substr(heads, d + 1, 1);
  delta := private.fi_int_length(h) - private.fi_int_length(head);
  return h || case when delta > 0 then carry || wrap when delta < 0 then substr(carry, 2) else carry end;
end $$;

create or replace function private.fi_validate(key text) returns text
language plpgsql immutable strict set search_path = '' as $$
declare
  int_part text;
begin
  if key = 'A' || repeat('0', 26) then
    raise exception 'invalid order key: %', key;
  end if;
  int_part := left(key, private.fi_int_length(left(key, 1)));
  if length(int_part) < private.fi_int_length(left(key, 1)) or right(substr(key, length(int_part) + 1), 1) = '0' then
    raise exception 'invalid order key: %', key;
  end if;
  return int_part;
end $$;

-- generateKeyBetween(a, b): a key after a and before b (null: the start / the end).
create or replace function private.fi_key_between(a text, b text) returns text
language plpgsql immutable set search_path = '' as $$
declare
  ia text;
  ib text;
  i text;
  t text;
begin
  if a is not null then ia := private.fi_validate(a); end if;
  if b is not null then ib := private.fi_validate(b); end if;
  if a is not null and b is not null and a > b collate "C" then
    t := a; a := b; b := t; t := ia; ia := ib; ib := t;
  end if;
  if a is null and b is null then
    return 'a0';
  end if;
  if a is null then
    if ib = 'A' || repeat('0', 26) then
      return ib || private.fi_midpoint('', substr(b, length(ib) + 1));
    end if;
    if ib < b collate "C" then
      return ib;
    end if;
    i := private.fi_step_integer(ib, -1);
    if i is null then raise exception 'cannot decrement any more'; end if;
    return i;
  end if;
  if b is null then
    i := private.fi_step_integer(ia, 1);
    return coalesce(i, ia || private.fi_midpoint(substr(a, length(ia) + 1), null));
  end if;
  if ia = ib then
    return ia || private.fi_midpoint(substr(a, length(ia) + 1), substr(b, length(ib) + 1));
  end if;
  i := private.fi_step_integer(ia, 1);
  if i is null then raise exception 'cannot increment any more'; end if;
  if i < b collate "C" then
    return i;
  end if;
  return ia || private.fi_midpoint(substr(a, length(ia) + 1), null);
end $$;

-- The move. Answers {error: …} for a refused move (moves.ts turns it into the 400 / 404 / 409 it always was) or
-- {deal: the changed columns, history, event}. `auto`/`rule` mark an automation's move for the history trigger.
create or replace function private.move_deal(deal_id uuid, stage uuid, after_id uuid, before_id uuid,
                                             expected_version int, from_stage uuid, reason text, auto boolean,
                                             move_rule text, queue_locally boolean)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  service boolean := coalesce(auth.role(), '') in ('', 'service_role');
  uid uuid := auth.uid();
  d public.deals;
  caller_rank int;
  sees_all boolean;
  stage_kind text;
  nb_position text;
  nb_stage uuid;
  nb_owner uuid;
  after_pos text;
  before_pos text;
  new_pos text;
  moved jsonb;
  history jsonb;
  event jsonb;
begin
  -- The column's lock first, so what follows reads what the previous mover into this column committed (each
  -- statement of a volatile function takes a new snapshot).
  perform pg_advisory_xact_lock(hashtextextended(stage::text, 7));
  select * into d from public.deals x where x.id = deal_id;
  if d.id is null then
    return jsonb_build_object('error', 'not_found');
  end if;
  if not service then
    -- The caller's rank in the deal's organisation, as member_org_ids() counts it (membership or API key).
    caller_rank := coalesce(greatest(
      (select private.role_rank(m.role) from public.memberships m where m.org_id = d.org_id and m.user_id = uid),
      (select private.role_rank(k.role) from public.api_keys k
        where k.org_id = d.org_id and k.revoked_at is null and k.id = nullif(auth.jwt() ->> 'api_key_id', '')::uuid)),
      0);
    -- all_deals_org_ids(): managers and up, or anyone while the organisation does not limit agents to own deals.
    sees_all := caller_rank >= 3 or (caller_rank >= 1 and not exists (
      select 1 from public.crm_settings s where s.org_id = d.org_id and s.own_deals_only));
    -- The SELECT policy, then the UPDATE policy (a row the caller sees but may not change was never updated: 409).
    if not (sees_all or (d.owner_id = uid and caller_rank >= 1)) then
      return jsonb_build_object('error', 'not_found');
    end if;
    if caller_rank < 2 or not (sees_all or d.owner_id = uid) then
      return jsonb_build_object('error', 'stale');
    end if;
  end if;
  if (expected_version is not null and expected_version <> d.version)
     or (from_stage is not null and from_stage <> d.stage_id) then
    return jsonb_build_object('error', 'stale');
  end if;
  select s.kind into stage_kind from public.stages s where s.id = stage and s.pipeline_id = d.pipeline_id;
  if stage_kind is null then
    return jsonb_build_object('error', 'bad_stage');
  end if;
  -- A person says why a deal was lost; an automation cannot.
  if stage_kind = 'lost' and d.stage_id <> stage and reason is null and not auto then
    return jsonb_build_object('error', 'lost_reason');
  end if;
  -- Each neighbour named: not the deal itself (400), still in the column and one the caller sees (else 409).
  if after_id is not null then
    if after_id = deal_id then return jsonb_build_object('error', 'self', 'field', 'afterId'); end if;
    select x.position::text, x.stage_id, x.owner_id into nb_position, nb_stage, nb_owner
      from public.deals x where x.id = after_id;
    if nb_stage is distinct from stage or not (service or sees_all or (nb_owner = uid and caller_rank >= 1)) then
      return jsonb_build_object('error', 'neighbour', 'field', 'afterId');
    end if;
    after_pos := nb_position;
  end if;
  if before_id is not null then
    if before_id = deal_id then return jsonb_build_object('error', 'self', 'field', 'beforeId'); end if;
    select x.position::text, x.stage_id, x.owner_id into nb_position, nb_stage, nb_owner
      from public.deals x where x.id = before_id;
    if nb_stage is distinct from stage or not (service or sees_all or (nb_owner = uid and caller_rank >= 1)) then
      return jsonb_build_object('error', 'neighbour', 'field', 'beforeId');
    end if;
    before_pos := nb_position;
  end if;
  -- The key next to the one neighbour named, or after the column's last card (every card, seen or not: a key
  -- computed from the visible ones only could collide with a hidden one).
  if after_id is not null and before_id is null then
    before_pos := private.next_deal_position(stage, after_pos, 'after', deal_id);
  elsif before_id is not null and after_id is null then
    after_pos := private.next_deal_position(stage, before_pos, 'before', deal_id);
  elsif after_id is null and before_id is null then
    after_pos := private.next_deal_position(stage, null, 'before', deal_id);
  end if;
  -- Neighbours out of order: the caller's view of the column is stale.
  if after_pos is not null and before_pos is not null and after_pos >= before_pos collate "C" then
    return jsonb_build_object('error', 'column_changed');
  end if;
  new_pos := private.fi_key_between(after_pos, before_pos);

  if auto then
    perform set_config('relay.auto_moved', 'true', true), set_config('relay.move_rule_id', coalesce(move_rule, ''), true);
  end if;
  update public.deals x set stage_id = stage, position = new_pos,
         lost_reason = case when reason is not null then reason else x.lost_reason end
   where x.id = deal_id and x.version = d.version
  returning jsonb_build_object(
    'stageId', x.stage_id, 'position', x.position::text, 'lostReason', x.lost_reason, 'version', x.version,
    'stageEnteredAt', to_char(x.stage_entered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'closedAt', to_char(x.closed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'updatedAt', to_char(x.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) into moved;
  if auto then
    perform set_config('relay.auto_moved', '', true), set_config('relay.move_rule_id', '', true);
  end if;
  -- The row was changed by someone else after our read (an edit does not take the column's lock).
  if moved is null then
    return jsonb_build_object('error', 'stale');
  end if;
  if d.stage_id = stage then
    return jsonb_build_object('deal', moved);
  end if;
  select jsonb_build_object('id', h.id, 'dealId', h.deal_id, 'fromStageId', h.from_stage_id,
                            'toStageId', h.to_stage_id, 'movedBy', h.moved_by,
                            'movedByName', nullif(p.full_name, ''),
                            'movedAt', to_char(h.moved_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                            'autoMoved', h.auto_moved, 'ruleId', h.rule_id) into history
    from public.stage_history h left join public.profiles p on p.id = h.moved_by
   where h.deal_id = d.id and h.moved_at = now()
   order by h.id desc limit 1;
  if history is not null then
    event := private.publish_deal_event((history ->> 'id')::uuid, queue_locally);
  end if;
  return jsonb_build_object('deal', moved, 'history', history, 'event', event);
end $$;
revoke execute on function private.move_deal(uuid, uuid, uuid, uuid, int, uuid, text, boolean, text, boolean)
  from public;
grant execute on function private.move_deal(uuid, uuid, uuid, uuid, int, uuid, text, boolean, text, boolean)
  to authenticated, service_role;

-- The two statements it replaces.
drop function private.deal_move_slot(text, uuid, uuid, uuid, uuid, uuid);
drop function private.apply_deal_move(uuid, int, uuid, text, text, boolean, text, boolean, boolean);

-- The time-rule sweep's moves of one batch (lib/automation/batch.ts): every deal moved as move_deal moves it, in
-- one call instead of a savepoint and a statement per deal. Each deal in its own subtransaction (the block's
-- exception handler), so a deal whose move fails is rolled back alone and answers its error; the others stand.
create or replace function private.move_deals(deal_ids uuid[], stage uuid, move_rule text, queue_locally boolean)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  answers jsonb := '[]';
  one uuid;
  moved jsonb;
begin
  foreach one in array deal_ids loop
    begin
      moved := private.move_deal(one, stage, null, null, null, null, null, true, move_rule, queue_locally);
    exception when others then
      moved := jsonb_build_object('error', 'failed', 'message', sqlerrm);
    end;
    answers := answers || jsonb_build_array(moved);
  end loop;
  return answers;
end $$;
revoke execute on function private.move_deals(uuid[], uuid, text, boolean) from public;
grant execute on function private.move_deals(uuid[], uuid, text, boolean) to service_role;
