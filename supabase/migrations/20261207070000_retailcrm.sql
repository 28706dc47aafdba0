-- RetailCRM (API v5): one connection per organisation, the links between its customers / orders and our
-- contacts / deals, the history cursors of the two-way sync and the sync log users read in Settings.
--
-- Seed 001's retailcrm_customers (phone <-> RetailCRM customer id) lives on here, per connection, with the
-- phone unique so two calls from a new number create the customer in RetailCRM once.

create table public.retailcrm_connections (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null unique references public.organizations (id) on delete cascade,
  -- https://<account>.retailcrm.ru (no /api/v5).
  api_url text not null check (api_url ~ '^https?://' and length(api_url) <= 300),
  site text not null check (length(trim(site)) between 1 and 100),
  -- AES-256-GCM envelope (lib/crypto.ts) of {apiKey, webhookSecret, clientId}; members never select it.
  secrets_encrypted text not null,
  -- The pipeline RetailCRM orders map onto and their statuses onto its stages: {"new": "<stage id>", …}.
  pipeline_id uuid,
  status_map jsonb not null default '{}' check (jsonb_typeof(status_map) = 'object'),
  -- [{memberId, userId (RetailCRM user id), code (extension / manager code)}].
  manager_map jsonb not null default '[]' check (jsonb_typeof(manager_map) = 'array'),
  -- The telephony integration module's code, once registered.
  module_code text check (length(module_code) <= 100),
  module_registered_at timestamptz,
  enabled boolean not null default true,
  -- rate_limited: RetailCRM answers 503/429; unreachable: no answer (network, timeout, 5xx). Both are retried.
  status text not null default 'pending'
    check (status in ('pending', 'connected', 'error', 'rate_limited', 'unreachable')),
  last_error text check (length(last_error) <= 2000),
  created_by uuid default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, pipeline_id) references public.pipelines (org_id, id) on delete set null (pipeline_id)
);

-- A RetailCRM customer as we know it: its phone (E.164, the call flow's key), our contact, and when each
-- field was last changed on our side (the per-field conflict rule compares that with the history's createdAt).
create table public.retailcrm_customers (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  connection_id uuid not null,
  retailcrm_customer_id bigint not null,
  external_id text check (length(external_id) <= 200),
  phone text check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  contact_id uuid,
  field_times jsonb not null default '{}' check (jsonb_typeof(field_times) = 'object'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (org_id, connection_id) references public.retailcrm_connections (org_id, id) on delete cascade,
  foreign key (org_id, contact_id) references public.contacts (org_id, id) on delete set null (contact_id),
  unique (connection_id, retailcrm_customer_id)
);
create unique index retailcrm_customers_phone_idx on public.retailcrm_customers (connection_id, phone)
  where phone is not null;
create unique index retailcrm_customers_contact_idx on public.retailcrm_customers (connection_id, contact_id)
  where contact_id is not null;

create table public.retailcrm_orders (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  connection_id uuid not null,
  retailcrm_order_id bigint,
  external_id text not null check (length(external_id) <= 200),
  deal_id uuid,
  status_code text check (length(status_code) <= 100),
  field_times jsonb not null default '{}' check (jsonb_typeof(field_times) = 'object'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (org_id, connection_id) references public.retailcrm_connections (org_id, id) on delete cascade,
  foreign key (org_id, deal_id) references public.deals (org_id, id) on delete set null (deal_id),
  unique (connection_id, external_id)
);
create unique index retailcrm_orders_remote_idx on public.retailcrm_orders (connection_id, retailcrm_order_id)
  where retailcrm_order_id is not null;
create unique index retailcrm_orders_deal_idx on public.retailcrm_orders (connection_id, deal_id)
  where deal_id is not null;

-- The history cursor per entity, written in the transaction that applied the entries it moves past.
create table public.retailcrm_sync_state (
  org_id uuid not null references public.organizations (id) on delete cascade,
  connection_id uuid not null,
  entity text not null check (entity in ('customers', 'orders', 'first_sync')),
  since_id bigint not null default 0,
  last_run_at timestamptz,
  last_success_at timestamptz,
  items_in int not null default 0,
  items_out int not null default 0,
  last_error text check (length(last_error) <= 2000),
  -- First sync's progress: {phase, uploaded, total, imported}.
  progress jsonb not null default '{}' check (jsonb_typeof(progress) = 'object'),
  updated_at timestamptz not null default now(),
  primary key (connection_id, entity),
  foreign key (org_id, connection_id) references public.retailcrm_connections (org_id, id) on delete cascade
);

create table public.retailcrm_sync_log (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  connection_id uuid not null,
  direction text not null check (direction in ('in', 'out')),
  entity text not null check (entity in ('customer', 'order', 'call', 'module', 'connection')),
  kind text not null check (kind in ('applied', 'sent', 'conflict', 'error', 'echo_skipped')),
  retailcrm_id bigint,
  local_id uuid,
  field text check (length(field) <= 100),
  message text not null default '' check (length(message) <= 2000),
  created_at timestamptz not null default now(),
  foreign key (org_id, connection_id) references public.retailcrm_connections (org_id, id) on delete cascade
);
create index retailcrm_sync_log_org_idx on public.retailcrm_sync_log (org_id, created_at desc, id desc);

-- The shared limiter's log (lib/retailcrm/limiter.ts): per API key (its hash), when its latest requests were
-- let through, across every process sharing the database. A sliding window, not calendar seconds, so no
-- boundary lets two bursts through back to back. Private: not org data anyone reads.
create table private.retailcrm_rate_windows (
  key_hash text primary key,
  grants timestamptz[] not null default '{}'
);

-- Lets one request through when fewer than `per_window` slots are in the last `window_ms`: returns wait 0 and
-- the slot, or the milliseconds to wait. RetailCRM counts arrivals, which come after the grant, so a slot is held
-- while its request is in flight: stored as if done `hold_ms` later (the request's timeout, so a crashed process
-- frees it eventually), then moved to when it was answered by private.release_retailcrm_slot, aging out from
-- there. The row lock serialises callers of one key; the database's clock is the one all processes share.
create or replace function private.take_retailcrm_slot(p_key text, per_window int, window_ms int, hold_ms int)
returns table (wait int, slot timestamptz)
language plpgsql security definer set search_path = '' as $$
declare
  t timestamptz;
  recent timestamptz[];
  win interval := make_interval(secs => window_ms / 1000.0);
begin
  insert into private.retailcrm_rate_windows (key_hash) values (p_key) on conflict (key_hash) do nothing;
  perform 1 from private.retailcrm_rate_windows where key_hash = p_key for update;
  -- The time is read once the lock is held, so slots are in the order they were let through.
  t := clock_timestamp();
  select coalesce(array_agg(g order by g), '{}') into recent
    from private.retailcrm_rate_windows w, unnest(w.grants) g
   where w.key_hash = p_key and g > t - win;
  if cardinality(recent) >= per_window then
    -- Until the earliest slot ages out; an in-flight one may be released sooner, so look again within 50 ms.
    return query select least(50, greatest(1, ceil(extract(epoch from (
      recent[cardinality(recent) - per_window + 1] + win - t)) * 1000)))::int, null::timestamptz;
    return;
  end if;
  slot := t + make_interval(secs => hold_ms / 1000.0);
  update private.retailcrm_rate_windows set grants = recent || slot where key_hash = p_key;
  return query select 0, slot;
end $$;
revoke all on function private.take_retailcrm_slot(text, int, int, int) from public, authenticated;
grant execute on function private.take_retailcrm_slot(text, int, int, int) to service_role;

create or replace function private.release_retailcrm_slot(p_key text, p_slot timestamptz) returns void
language sql security definer set search_path = '' as $$
  update private.retailcrm_rate_windows set grants = array_replace(grants, p_slot, clock_timestamp())
   where key_hash = p_key;
$$;
revoke all on function private.release_retailcrm_slot(text, timestamptz) from public, authenticated;
grant execute on function private.release_retailcrm_slot(text, timestamptz) to service_role;

create trigger retailcrm_connections_touch before update on public.retailcrm_connections
  for each row execute function private.touch_updated_at();
create trigger retailcrm_customers_touch before update on public.retailcrm_customers
  for each row execute function private.touch_updated_at();
create trigger retailcrm_orders_touch before update on public.retailcrm_orders
  for each row execute function private.touch_updated_at();

-- Row-level security -----------------------------------------------------------------------------------------

alter table public.retailcrm_connections enable row level security;
alter table public.retailcrm_customers enable row level security;
alter table public.retailcrm_orders enable row level security;
alter table public.retailcrm_sync_state enable row level security;
alter table public.retailcrm_sync_log enable row level security;
alter table private.retailcrm_rate_windows enable row level security;

create policy "admins see their organisation's RetailCRM connection" on public.retailcrm_connections
  for select to authenticated using (org_id in (select private.member_org_ids('admin')));
create policy "admins connect RetailCRM" on public.retailcrm_connections
  for insert to authenticated with check (org_id in (select private.member_org_ids('admin')));
create policy "admins change the RetailCRM connection" on public.retailcrm_connections
  for update to authenticated using (org_id in (select private.member_org_ids('admin')))
    with check (org_id in (select private.member_org_ids('admin')));
create policy "admins disconnect RetailCRM" on public.retailcrm_connections
  for delete to authenticated using (org_id in (select private.member_org_ids('admin')));

-- Secrets are write-only, as for channels.
revoke select on public.retailcrm_connections from anon, authenticated;
grant select (id, org_id, api_url, site, pipeline_id, status_map, manager_map, module_code, module_registered_at,
              enabled, status, last_error, created_by, created_at, updated_at)
  on public.retailcrm_connections to authenticated;

-- Links, cursors and the log are written by the sync (as the service); members read them.
create policy "members see RetailCRM customer links" on public.retailcrm_customers
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "members see RetailCRM order links" on public.retailcrm_orders
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "admins see the RetailCRM sync state" on public.retailcrm_sync_state
  for select to authenticated using (org_id in (select private.member_org_ids('admin')));
create policy "admins read the RetailCRM sync log" on public.retailcrm_sync_log
  for select to authenticated using (org_id in (select private.member_org_ids('admin')));
revoke all on private.retailcrm_rate_windows from anon, authenticated;

-- The sealed secrets for an admin re-keying the connection: sealing a new API key keeps the webhook secret and
-- clientId, which the server must read to re-seal. Still ciphertext; the key to open it is only the server's.
create or replace function private.retailcrm_secrets(conn uuid) returns text
language sql stable security definer set search_path = '' as $$
  select c.secrets_encrypted from public.retailcrm_connections c
   where c.id = conn and c.org_id in (select private.member_org_ids('admin'))
$$;
revoke all on function private.retailcrm_secrets(uuid) from public;
grant execute on function private.retailcrm_secrets(uuid) to authenticated, service_role;

-- The inbox's contact-changed event (lib/inbox/contact-events.ts), queued in the transaction of the member's
-- edit. Members cannot insert jobs; this checks the caller may edit the contact and queues it for them.
create or replace function private.publish_contact_changed(contact uuid, fields text[], job jsonb)
returns void
language plpgsql security definer set search_path = '' as $$
declare
  org uuid;
begin
  select c.org_id into org from public.contacts c
   where c.id = contact
     and (c.org_id in (select private.member_org_ids('agent'))
          or nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role' = 'service_role');
  if org is null then
    raise exception 'contact not found' using errcode = '42501';
  end if;
  perform private.enqueue_job(org, job,
    jsonb_build_object('contactId', contact, 'fields', to_jsonb(fields), 'changedAt', now()), null, 0);
end $$;
revoke all on function private.publish_contact_changed(uuid, text[], jsonb) from public;
grant execute on function private.publish_contact_changed(uuid, text[], jsonb) to authenticated, service_role;
