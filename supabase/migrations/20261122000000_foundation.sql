-- Foundation: organisations, people, access, audit, jobs, and the helpers every policy reads through.

create schema if not exists private;
grant usage on schema private to authenticated, service_role;

create type public.member_role as enum ('owner', 'admin', 'manager', 'agent', 'viewer');

create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(trim(name)) between 1 and 120),
  created_by uuid default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.memberships (
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role public.member_role not null default 'agent',
  created_at timestamptz not null default now(),
  primary key (org_id, user_id)
);
create index memberships_user_idx on public.memberships (user_id);

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text not null,
  full_name text not null default '',
  locale text not null default 'en' check (locale in ('en', 'ru')),
  active_org_id uuid references public.organizations (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  email text not null check (email = lower(email)),
  role public.member_role not null default 'agent' check (role <> 'owner'),
  -- sha256 of the token in the link; the token itself is shown once and never stored
  token_hash text not null unique,
  invited_by uuid default auth.uid(),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '7 days',
  accepted_at timestamptz,
  accepted_by uuid
);
create index invitations_org_idx on public.invitations (org_id);

create table public.api_keys (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (length(trim(name)) between 1 and 80),
  role public.member_role not null default 'admin' check (role <> 'owner'),
  prefix text not null,
  key_hash text not null unique,
  created_by uuid default auth.uid(),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_keys_org_idx on public.api_keys (org_id);

create table public.audit_log (
  id bigint generated always as identity primary key,
  org_id uuid not null references public.organizations (id) on delete cascade,
  actor_id uuid default auth.uid(),
  action text not null,
  target_type text not null,
  target_id text,
  details jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index audit_log_org_idx on public.audit_log (org_id, created_at desc);

create table public.jobs (
  id uuid primary key default gen_random_uuid(),
  org_id uuid references public.organizations (id) on delete cascade,
  name text not null,
  payload jsonb not null default '{}',
  status text not null default 'queued'
    check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  attempts int not null default 0,
  max_attempts int not null default 5 check (max_attempts > 0),
  run_at timestamptz not null default now(),
  locked_at timestamptz,
  locked_by text,
  progress jsonb,
  result jsonb,
  last_error text,
  -- an enqueue with the same key while one is pending is the same job
  dedupe_key text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz
);
create index jobs_due_idx on public.jobs (run_at) where status in ('queued', 'running');
create index jobs_org_idx on public.jobs (org_id, created_at desc);
create unique index jobs_dedupe_idx on public.jobs (name, dedupe_key)
  where dedupe_key is not null and status in ('queued', 'running');

-- Tenancy in one place. Security definer so the policies do not recurse through memberships' own RLS.
create or replace function private.role_rank(r public.member_role) returns int
language sql immutable set search_path = '' as $$
  select case r when 'owner' then 5 when 'admin' then 4 when 'manager' then 3 when 'agent' then 2 else 1 end
$$;

-- The caller's role in an organisation: a member's role, or an API key's when the request came with one.
create or replace function private.current_role_in(org uuid) returns public.member_role
language sql stable security definer set search_path = '' as $$
  select coalesce(
    (select m.role from public.memberships m where m.org_id = org and m.user_id = auth.uid()),
    (select k.role from public.api_keys k
      where k.org_id = org and k.revoked_at is null
        and k.id = nullif(auth.jwt() ->> 'api_key_id', '')::uuid)
  )
$$;

create or replace function private.is_member(org uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.current_role_in(org) is not null
$$;

create or replace function private.has_role(org uuid, min_role public.member_role) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce(private.role_rank(private.current_role_in(org)) >= private.role_rank(min_role), false)
$$;

create or replace function private.shares_org_with(other uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.memberships a join public.memberships b on a.org_id = b.org_id
    where a.user_id = auth.uid() and b.user_id = other
  )
$$;

grant execute on all functions in schema private to authenticated, service_role;

-- Row-level security: every table, every policy a sentence.
alter table public.organizations enable row level security;
alter table public.memberships enable row level security;
alter table public.profiles enable row level security;
alter table public.invitations enable row level security;
alter table public.api_keys enable row level security;
alter table public.audit_log enable row level security;
alter table public.jobs enable row level security;

-- Organisations are created through create_organization(), which also makes the creator its owner.
create policy "members see their organisation" on public.organizations
  for select to authenticated using (private.is_member(id));
create policy "admins rename their organisation" on public.organizations
  for update to authenticated using (private.has_role(id, 'admin')) with check (private.has_role(id, 'admin'));
create policy "owners delete their organisation" on public.organizations
  for delete to authenticated using (private.has_role(id, 'owner'));

create policy "members see who else is in the organisation" on public.memberships
  for select to authenticated using (private.is_member(org_id));
create policy "admins add members" on public.memberships
  for insert to authenticated with check (private.has_role(org_id, 'admin'));
create policy "admins change roles" on public.memberships
  for update to authenticated using (private.has_role(org_id, 'admin')) with check (private.has_role(org_id, 'admin'));
create policy "admins remove members" on public.memberships
  for delete to authenticated using (private.has_role(org_id, 'admin'));

create policy "people see their own profile and their colleagues'" on public.profiles
  for select to authenticated using (id = auth.uid() or private.shares_org_with(id));
create policy "people create their own profile" on public.profiles
  for insert to authenticated with check (id = auth.uid());
create policy "people edit their own profile" on public.profiles
  for update to authenticated using (id = auth.uid()) with check (id = auth.uid());

create policy "admins manage invitations" on public.invitations
  for all to authenticated using (private.has_role(org_id, 'admin')) with check (private.has_role(org_id, 'admin'));

create policy "admins manage API keys" on public.api_keys
  for all to authenticated using (private.has_role(org_id, 'admin')) with check (private.has_role(org_id, 'admin'));

create policy "admins read the audit log" on public.audit_log
  for select to authenticated using (private.has_role(org_id, 'admin'));

-- Jobs are written by the service only; members follow their progress.
create policy "members follow their organisation's jobs" on public.jobs
  for select to authenticated using (private.is_member(org_id));

-- The database sets what the client must not choose.
create or replace function private.touch_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end $$;

create trigger organizations_touch before update on public.organizations
  for each row execute function private.touch_updated_at();
create trigger profiles_touch before update on public.profiles
  for each row execute function private.touch_updated_at();
create trigger jobs_touch before update on public.jobs
  for each row execute function private.touch_updated_at();

-- An organisation always keeps an owner, and only an owner makes or unmakes owners.
create or replace function private.guard_owners() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  acting_as_service boolean := coalesce(auth.role(), '') in ('', 'service_role');
begin
  if tg_op in ('UPDATE', 'DELETE') and old.role = 'owner' then
    if not acting_as_service and not private.has_role(old.org_id, 'owner') then
      raise exception 'only an owner can change an owner' using errcode = '42501';
    end if;
    if (tg_op = 'DELETE' or new.role <> 'owner') and not exists (
      select 1 from public.memberships
      where org_id = old.org_id and role = 'owner' and user_id <> old.user_id
    ) and exists (select 1 from public.organizations where id = old.org_id) then
      raise exception 'an organisation needs at least one owner' using errcode = '23514';
    end if;
  end if;
  -- The first member of a new organisation is its creator, made owner by create_organization().
  if tg_op in ('INSERT', 'UPDATE') and new.role = 'owner' and not acting_as_service
     and not private.has_role(new.org_id, 'owner')
     and exists (select 1 from public.memberships where org_id = new.org_id) then
    raise exception 'only an owner can make an owner' using errcode = '42501';
  end if;
  return coalesce(new, old);
end $$;

create trigger memberships_guard_owners before insert or update or delete on public.memberships
  for each row execute function private.guard_owners();

-- Every change to who can get in is written down.
create or replace function private.audit_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  row_data jsonb := to_jsonb(coalesce(new, old)) - 'token_hash' - 'key_hash';
  org uuid := (row_data ->> 'org_id')::uuid;
begin
  if exists (select 1 from public.organizations where id = org) then
    insert into public.audit_log (org_id, actor_id, action, target_type, target_id, details)
    values (org, auth.uid(), lower(tg_op), tg_table_name,
            coalesce(row_data ->> 'id', row_data ->> 'user_id'), row_data);
  end if;
  return coalesce(new, old);
end $$;

create trigger memberships_audit after insert or update or delete on public.memberships
  for each row execute function private.audit_change();
create trigger invitations_audit after insert or update or delete on public.invitations
  for each row execute function private.audit_change();
create trigger api_keys_audit after insert or update or delete on public.api_keys
  for each row execute function private.audit_change();

-- Realtime: announce which row of which organisation changed. Ids only: NOTIFY payloads stop at 8000 bytes,
-- and the browser refetches through RLS anyway.
create or replace function private.announce_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  row_data jsonb := to_jsonb(coalesce(new, old));
begin
  perform pg_notify('relay_realtime', json_build_object(
    'table', tg_table_name,
    'op', tg_op,
    'org_id', row_data ->> 'org_id',
    'id', coalesce(row_data ->> 'id', row_data ->> 'user_id')
  )::text);
  return coalesce(new, old);
end $$;

create trigger memberships_announce after insert or update or delete on public.memberships
  for each row execute function private.announce_change();
create trigger invitations_announce after insert or update or delete on public.invitations
  for each row execute function private.announce_change();
create trigger api_keys_announce after insert or update or delete on public.api_keys
  for each row execute function private.announce_change();
create trigger jobs_announce after insert or update on public.jobs
  for each row execute function private.announce_change();

-- On Supabase the same tables feed Supabase Realtime.
do $$
begin
  if exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    alter publication supabase_realtime add table public.memberships, public.invitations, public.api_keys, public.jobs;
  end if;
end $$;

-- Sign-up and invitations cross organisations the caller is not (yet) a member of, so they are functions
-- that check what they need themselves.
create or replace function public.create_organization(org_name text) returns public.organizations
language plpgsql security definer set search_path = '' as $$
declare
  org public.organizations;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  insert into public.organizations (name, created_by) values (org_name, auth.uid()) returning * into org;
  insert into public.memberships (org_id, user_id, role) values (org.id, auth.uid(), 'owner');
  update public.profiles set active_org_id = org.id where id = auth.uid() and active_org_id is null;
  return org;
end $$;

create or replace function public.accept_invitation(token_sha256 text) returns public.memberships
language plpgsql security definer set search_path = '' as $$
declare
  inv public.invitations;
  member public.memberships;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  select * into inv from public.invitations
    where token_hash = token_sha256 and accepted_at is null and expires_at > now()
    for update;
  if inv.id is null then
    raise exception 'invitation not found or expired' using errcode = 'P0002';
  end if;
  insert into public.memberships (org_id, user_id, role) values (inv.org_id, auth.uid(), inv.role)
    on conflict (org_id, user_id) do update set role = excluded.role
    where private.role_rank(memberships.role) < private.role_rank(excluded.role)
    returning * into member;
  if member.org_id is null then
    select * into member from public.memberships where org_id = inv.org_id and user_id = auth.uid();
  end if;
  update public.invitations set accepted_at = now(), accepted_by = auth.uid() where id = inv.id;
  update public.profiles set active_org_id = inv.org_id where id = auth.uid();
  return member;
end $$;

-- What an invitee sees before accepting: the organisation's name, nothing else.
create or replace function public.invitation_preview(token_sha256 text)
returns table (org_name text, email text, role public.member_role, expired boolean)
language sql stable security definer set search_path = '' as $$
  select o.name, i.email, i.role, (i.expires_at <= now() or i.accepted_at is not null)
  from public.invitations i join public.organizations o on o.id = i.org_id
  where i.token_hash = token_sha256
$$;

revoke execute on function public.create_organization(text) from anon;
revoke execute on function public.accept_invitation(text) from anon;

-- A profile for every user, however the user was created (built-in sign-up or Supabase Auth).
create or replace function private.handle_new_user() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.profiles (id, email, full_name)
  values (new.id, lower(new.email), coalesce(new.raw_user_meta_data ->> 'name', new.raw_user_meta_data ->> 'full_name', ''))
  on conflict (id) do nothing;
  return new;
end $$;

create trigger on_auth_user_created after insert on auth.users
  for each row execute function private.handle_new_user();

-- Access tokens carry their session; a signed-out session's token stops working before it expires.
create or replace function private.session_alive() returns boolean
language sql stable security definer set search_path = '' as $$
  select case
    when nullif(auth.jwt() ->> 'session_id', '') is null then true
    else exists (select 1 from auth.sessions s where s.id = (auth.jwt() ->> 'session_id')::uuid)
  end
$$;
grant execute on function private.session_alive() to authenticated;
