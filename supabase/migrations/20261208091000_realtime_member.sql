-- A change says whose row it is when the row has a member (a call's manager), so a browser can skip the changes
-- that are someone else's: with ten managers on a busy line every call change made every pop-up ask the server
-- again, nine of them for nothing. Still ids only; the browser refetches through RLS.
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
    'old_member_id', case when tg_op = 'UPDATE' and row_data ? 'member_id' then to_jsonb(old) ->> 'member_id' end
  )))::text);
  return coalesce(new, old);
end $$;
