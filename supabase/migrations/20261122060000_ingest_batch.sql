-- Group commit for webhooks, and retention of the raw events -----------------------------------------------

-- Several webhook deliveries in one transaction and one round trip (lib/inbox/ingest-batch.ts): each delivery
-- is stored by private.ingest_delivery exactly as alone, inside its own subtransaction, so one that fails
-- (a constraint, a bad value) is rolled back and reported on its own while the others commit. The caller
-- answers each request only after this transaction commits. `deliveries` is
-- [{channelId, eventId, body, events, mode}]; the answer holds, in the same order, {ok: outcome} or
-- {error: message, code: sqlstate}.
create or replace function private.ingest_batch(deliveries jsonb, jobs jsonb) returns jsonb
language plpgsql set search_path = '' as $$
declare
  d jsonb;
  results jsonb := '[]';
begin
  for d in select value from jsonb_array_elements(deliveries) loop
    begin
      results := results || jsonb_build_array(jsonb_build_object('ok', private.ingest_delivery(
        (d ->> 'channelId')::uuid, d ->> 'eventId', d -> 'body', d -> 'events', d ->> 'mode', jobs)));
    exception when others then
      results := results || jsonb_build_array(jsonb_build_object('error', sqlerrm, 'code', sqlstate));
    end;
  end loop;
  return results;
end $$;

revoke execute on function private.ingest_batch(jsonb, jsonb) from public;
grant execute on function private.ingest_batch(jsonb, jsonb) to service_role;

-- Raw events are kept for debugging and as the first line of deduplication; providers retry for hours or a
-- few days, messages and statuses carry their own provider ids, so old raw events can go
-- (lib/inbox/retention.ts deletes them in bounded chunks).
create index if not exists webhook_events_received_idx on public.webhook_events (received_at);

-- Merge suggestions for a new contact, the same rule as before, in a form the indexes serve: this contact's
-- phone, name and username read first, then the phone and the name + username looked up separately
-- (contacts_phone_idx, contacts_name_idx). The single OR joined against the contact made each new contact
-- scan all of its organisation's contacts (2-4 ms each at a few hundred contacts, growing with them).
create or replace function private.suggest_merges(org uuid, contact uuid) returns int
language plpgsql set search_path = '' as $$
declare
  my_phone text;
  my_name text;
  my_username text;
  made int;
begin
  select c.phone, lower(c.name), lower(c.username) into my_phone, my_name, my_username
    from public.contacts c where c.org_id = org and c.id = contact and c.merged_into is null;
  if not found then
    return 0;
  end if;
  with by_phone as (
    select c.id, c.created_at, 'phone' as reason
      from public.contacts c
     where my_phone is not null and c.org_id = org and c.phone = my_phone and c.merged_into is null
       and c.id <> contact
     order by c.created_at
     limit 10
  ), by_name as (
    select c.id, c.created_at, 'name_username' as reason
      from public.contacts c
     where my_name <> '' and my_username is not null and c.org_id = org and lower(c.name) = my_name
       and lower(c.username) = my_username and c.username is not null and c.merged_into is null
       and c.id <> contact
     order by c.created_at
     limit 10
  ), twins as (
    -- Alike both ways: the phone is the reason, as before.
    select distinct on (id) id, created_at, reason
      from (select * from by_phone union all select * from by_name) found
     order by id, reason = 'phone' desc
  ), inserted as (
    insert into public.contact_merge_suggestions (org_id, contact_id, other_contact_id, reason)
    select org, least(contact, t.id), greatest(contact, t.id), t.reason
      from (select * from twins order by created_at limit 10) t
    on conflict (contact_id, other_contact_id) do nothing
    returning 1
  )
  select count(*)::int into made from inserted;
  return made;
end $$;
