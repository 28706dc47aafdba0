-- Contacts a person can keep up to date, leads whose corrections survive the next analysis, and channel
-- failures the UI can explain:
--   * contacts.extra_phones / extra_emails / company: a client writes a second number or an email in the chat
--     and an agent adds it with one click; every number is used to match the client across channels;
--   * contact_fields (defined per organisation in Settings) and contact_field_values (one per contact and field);
--   * leads.manual: the fields a person set by hand (stage, budget, owner, qualification answers) with their
--     values; the analysis writer keeps them over what the model says next time;
--   * channels.last_error_code: what kind of failure the last test / connect met, so the UI can say what happened
--     and what to do in the user's language (the raw text stays in last_error for admins).

alter table public.contacts
  add column extra_phones text[] not null default '{}'
    check (cardinality(extra_phones) <= 10
           and array_to_string(extra_phones, ',') ~ '^(\+[1-9][0-9]{6,14}(,\+[1-9][0-9]{6,14})*)?$'),
  add column extra_emails text[] not null default '{}'
    check (cardinality(extra_emails) <= 10 and length(array_to_string(extra_emails, ',')) <= 2600),
  add column company text check (length(company) <= 200);
create index contacts_extra_phones_idx on public.contacts using gin (extra_phones) where merged_into is null;

create table public.contact_fields (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  label text not null check (length(trim(label)) between 1 and 80),
  type text not null check (type in ('text', 'number', 'date', 'select')),
  -- The choices of a select field; empty for the other types.
  options text[] not null default '{}' check (cardinality(options) <= 50),
  position int not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, label)
);

create table public.contact_field_values (
  org_id uuid not null references public.organizations (id) on delete cascade,
  contact_id uuid not null,
  field_id uuid not null,
  -- Text as typed; a number in its canonical decimal form, a date as YYYY-MM-DD, a select as one of its options
  -- (lib/inbox/contact-fields.ts validates against the field's type).
  value text not null check (length(value) between 1 and 2000),
  updated_at timestamptz not null default now(),
  primary key (contact_id, field_id),
  foreign key (org_id, contact_id) references public.contacts (org_id, id) on delete cascade,
  foreign key (org_id, field_id) references public.contact_fields (org_id, id) on delete cascade
);
create index contact_field_values_field_idx on public.contact_field_values (field_id);

alter table public.leads
  add column manual jsonb not null default '{}' check (jsonb_typeof(manual) = 'object');

alter table public.channels
  add column last_error_code text check (length(last_error_code) <= 64);
grant select (last_error_code) on public.channels to authenticated;

create trigger contact_fields_touch before update on public.contact_fields
  for each row execute function private.touch_updated_at();
create trigger contact_field_values_touch before update on public.contact_field_values
  for each row execute function private.touch_updated_at();

-- Matching across channels reads every number of a contact, not only the first.
create or replace function private.suggest_merges(org uuid, contact uuid) returns int
language sql set search_path = '' as $$
  with me as (
    select id, phone, extra_phones, lower(name) as name, lower(username) as username
      from public.contacts where org_id = org and id = contact and merged_into is null
  ), mine as (
    select array_remove(me.phone || me.extra_phones, null) as phones from me
  ), twins as (
    select c.id,
           case when (c.phone = any(mine.phones) or c.extra_phones && mine.phones) then 'phone' else 'name_username' end
             as reason
      from public.contacts c, me, mine
     where c.org_id = org and c.id <> me.id and c.merged_into is null
       and (c.phone = any(mine.phones) or c.extra_phones && mine.phones
            or (me.name <> '' and lower(c.name) = me.name and lower(c.username) = me.username))
     order by c.created_at
     limit 10
  ), made as (
    insert into public.contact_merge_suggestions (org_id, contact_id, other_contact_id, reason)
    select org, least(contact, twins.id), greatest(contact, twins.id), twins.reason from twins
    on conflict (contact_id, other_contact_id) do nothing
    returning 1
  )
  select count(*)::int from made
$$;

create or replace function private.resolve_contact(org uuid, net text, sender jsonb) returns uuid
language plpgsql set search_path = '' as $$
declare
  ext_id text := sender ->> 'externalId';
  e164 text := sender ->> 'phone';
  found_id uuid;
begin
  select coalesce(c.merged_into, c.id) into found_id
    from public.contact_identities ci join public.contacts c on c.id = ci.contact_id
   where ci.org_id = org and ci.network = net and ci.external_id = ext_id;
  if found_id is not null then
    return found_id;
  end if;
  if e164 is not null then
    perform pg_advisory_xact_lock(hashtextextended(concat_ws(chr(1), org, 'phone', e164), 0));
  end if;
  perform pg_advisory_xact_lock(hashtextextended(concat_ws(chr(1), org, net, ext_id), 0));
  select coalesce(c.merged_into, c.id) into found_id
    from public.contact_identities ci join public.contacts c on c.id = ci.contact_id
   where ci.org_id = org and ci.network = net and ci.external_id = ext_id;
  if found_id is not null then
    return found_id;
  end if;
  if e164 is not null then
    -- The contact's own number first, then a number an agent added (a client who gave it in another chat).
    select c.id into found_id from public.contacts c
     where c.org_id = org and c.phone = e164 and c.merged_into is null
     order by c.created_at limit 1;
    if found_id is null then
      select c.id into found_id from public.contacts c
       where c.org_id = org and c.extra_phones @> array[e164] and c.merged_into is null
       order by c.created_at limit 1;
    end if;
  end if;
  if found_id is null then
    insert into public.contacts (org_id, name, phone, username, language)
    values (org, left(coalesce(sender ->> 'name', sender ->> 'username', e164, ''), 200), e164,
            left(sender ->> 'username', 100), left(sender ->> 'languageCode', 16))
    returning id into found_id;
  end if;
  insert into public.contact_identities (org_id, contact_id, network, external_id, username, display_name, phone)
  values (org, found_id, net, ext_id, sender ->> 'username', sender ->> 'name', e164);
  perform private.suggest_merges(org, found_id);
  return found_id;
end $$;

-- Row-level security ---------------------------------------------------------------------------------------

alter table public.contact_fields enable row level security;
alter table public.contact_field_values enable row level security;

create policy "members see their organisation's contact fields" on public.contact_fields
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "admins define contact fields" on public.contact_fields
  for all to authenticated using (org_id in (select private.member_org_ids('admin')))
    with check (org_id in (select private.member_org_ids('admin')));

create policy "members see contact field values" on public.contact_field_values
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "agents fill contact field values" on public.contact_field_values
  for all to authenticated using (org_id in (select private.member_org_ids('agent')))
    with check (org_id in (select private.member_org_ids('agent')));


-- Realtime -------------------------------------------------------------------------------------------------

create trigger contact_fields_announce after insert or update or delete on public.contact_fields
  for each row execute function private.announce_change();

do $$
begin
  if exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    alter publication supabase_realtime add table public.contact_fields;
  end if;
end $$;
