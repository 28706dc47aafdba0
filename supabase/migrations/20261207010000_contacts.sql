-- The Contacts and Companies pages (issue 10): who a client belongs to (seed 003's Team service assigns
-- clients to members), the table's saved views, and CSV imports followed as a job.

-- Contacts get an owner: the member the client is assigned to (null = the shared client base).
alter table public.contacts add column owner_id uuid references auth.users (id) on delete set null;
create index contacts_owner_idx on public.contacts (org_id, owner_id) where merged_into is null;
-- The table's "A→Z" order is a range scan (keyset on lower(name), id).
create index contacts_org_name_idx on public.contacts (org_id, lower(name), id) where merged_into is null;
-- A CSV import matches its rows to existing contacts by e-mail as well as by phone.
create index contacts_email_idx on public.contacts (org_id, lower(email)) where email is not null and merged_into is null;

-- Saved views of the Contacts / Companies table: a name, the filters and the sort. Personal unless shared.
create table public.contact_views (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  kind text not null default 'contacts' check (kind in ('contacts', 'companies')),
  name text not null check (length(trim(name)) between 1 and 80),
  filters jsonb not null default '{}' check (jsonb_typeof(filters) = 'object' and length(filters::text) <= 4000),
  sort text not null default 'created' check (length(sort) <= 40),
  sort_order text not null default 'desc' check (sort_order in ('asc', 'desc')),
  shared boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index contact_views_org_idx on public.contact_views (org_id, kind, lower(name));

create trigger contact_views_touch before update on public.contact_views
  for each row execute function private.touch_updated_at();

-- A CSV import: the file as uploaded, how its columns map, and how far the job got. Written by the job (as
-- the service) after a member created it; members read their organisation's imports.
create table public.contact_imports (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  file_name text not null default 'contacts.csv' check (length(file_name) <= 255),
  -- The file's text, dropped once the import has finished.
  content text check (length(content) <= 10000000),
  -- { delimiter, mapping: { column index: field }, defaultCountry, tags }
  options jsonb not null default '{}' check (jsonb_typeof(options) = 'object'),
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed')),
  total int not null default 0 check (total >= 0),
  processed int not null default 0 check (processed >= 0),
  created int not null default 0 check (created >= 0),
  updated int not null default 0 check (updated >= 0),
  rejected int not null default 0 check (rejected >= 0),
  -- The rejected rows: [{ row, field, reason }] (at most 1,000 kept).
  errors jsonb not null default '[]' check (jsonb_typeof(errors) = 'array'),
  job_id text check (length(job_id) <= 200),
  last_error text check (length(last_error) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz
);
create index contact_imports_org_idx on public.contact_imports (org_id, created_at desc);

create trigger contact_imports_touch before update on public.contact_imports
  for each row execute function private.touch_updated_at();

alter table public.contact_views enable row level security;
alter table public.contact_imports enable row level security;

create policy "members see their own and shared views" on public.contact_views
  for select to authenticated using (
    org_id in (select private.member_org_ids('viewer')) and (shared or user_id = auth.uid()));
create policy "members save their own views" on public.contact_views
  for insert to authenticated with check (
    org_id in (select private.member_org_ids('viewer')) and user_id = auth.uid()
    and (not shared or org_id in (select private.member_org_ids('agent'))));
create policy "members change their own views" on public.contact_views
  for update to authenticated using (org_id in (select private.member_org_ids('viewer')) and user_id = auth.uid())
    with check (org_id in (select private.member_org_ids('viewer')) and user_id = auth.uid()
                and (not shared or org_id in (select private.member_org_ids('agent'))));
create policy "authors and managers delete views" on public.contact_views
  for delete to authenticated using (
    (org_id in (select private.member_org_ids('viewer')) and user_id = auth.uid())
    or (shared and org_id in (select private.member_org_ids('manager'))));

create policy "members see their organisation's imports" on public.contact_imports
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "agents start imports" on public.contact_imports
  for insert to authenticated with check (org_id in (select private.member_org_ids('agent')));

-- A merge moves the CRM's records to the surviving contact: deals, notes and tasks follow the person, whoever
-- wrote them (notes are editable by their authors only, and with own-deals-only an agent does not see every
-- deal, so RLS alone would leave some behind). Agents of the organisation only; both contacts must be theirs.
create or replace function private.merge_crm_records(org uuid, keep uuid, other uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if org not in (select private.member_org_ids('agent')) then
    raise exception 'only agents merge contacts' using errcode = '42501';
  end if;
  if (select count(*) from public.contacts c where c.org_id = org and c.id in (keep, other)) <> 2 then
    raise exception 'contact not found' using errcode = 'P0002';
  end if;
  update public.deals set contact_id = keep where org_id = org and contact_id = other;
  update public.notes set contact_id = keep where org_id = org and contact_id = other;
  update public.tasks set contact_id = keep where org_id = org and contact_id = other;
  update public.contacts k set company_id = coalesce(k.company_id, o.company_id), owner_id = coalesce(k.owner_id, o.owner_id)
    from public.contacts o where k.org_id = org and k.id = keep and o.id = other;
end $$;
revoke execute on function private.merge_crm_records(uuid, uuid, uuid) from public;
grant execute on function private.merge_crm_records(uuid, uuid, uuid) to authenticated;
