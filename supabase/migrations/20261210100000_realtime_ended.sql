-- A change to a row that records its end (a call's ended_at) says whether it has ended, so the pop-up can drop a
-- hung-up call's card without asking the server again: every hang-up made its manager's browser refetch the
-- live calls, half the pop-up's requests on a busy line. Still no row data beyond ids and this flag.
create or replace function private.announce_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  row_data jsonb := to_jsonb(coalesce(new, old));
begin
  perform pg_notify('relay_realtime', (jsonb_build_object(
    'table', tg_table_name,
    'op', tg_op,
    'org_id', row_data ->> 'org_id',
    'id', coalesce(row_data ->> 'id', row_data ->> 'user_id')
  ) || jsonb_strip_nulls(jsonb_build_object(
    'member_id', row_data ->> 'member_id',
    -- A row moved from one member to another concerns the one it left too.
    'old_member_id', case when tg_op = 'UPDATE' and row_data ? 'member_id' then to_jsonb(old) ->> 'member_id' end,
    'ended', case when tg_op <> 'DELETE' and row_data ? 'ended_at' then row_data -> 'ended_at' <> 'null'::jsonb end
  )))::text);
  return coalesce(new, old);
end $$;
