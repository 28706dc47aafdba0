-- Telephony: connections to a PBX or voice provider (Asterisk through seed 001's bridge, Asterisk over AMI,
-- Twilio Voice, Retell AI), each member's extension on them, the call log, and the raw events the calls were
-- built from (one row per provider event, so a retried webhook changes nothing).

create table public.telephony_connections (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  kind text not null check (kind in ('asterisk_bridge', 'asterisk_ami', 'twilio', 'retell')),
  name text not null check (length(trim(name)) between 1 and 120),
  -- Non-secret settings (bridge URL, AMI host, numbers, agent id), validated by lib/telephony/connections.ts.
  config jsonb not null default '{}' check (jsonb_typeof(config) = 'object'),
  -- AES-256-GCM envelope (lib/crypto.ts) of the secrets; members can never select it (column grants below).
  secrets_encrypted text,
  enabled boolean not null default true,
  -- pending until first tested or heard from; retrying while a long-lived AMI connection reconnects.
  state text not null default 'pending' check (state in ('pending', 'connected', 'retrying', 'error')),
  state_since timestamptz not null default now(),
  last_error text check (length(last_error) <= 2000),
  last_event_at timestamptz,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id)
);
create index telephony_connections_org_idx on public.telephony_connections (org_id, created_at);

-- Who a member is on a connection: their PBX extension (bridge / AMI), RetailCRM manager code, and the phone
-- or SIP address Twilio rings for them.
create table public.telephony_extensions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  connection_id uuid not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  extension text check (extension ~ '^[0-9A-Za-z*#_.-]{1,40}$'),
  manager_code text check (length(manager_code) between 1 and 100),
  phone text check (length(phone) between 3 and 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (org_id, connection_id) references public.telephony_connections (org_id, id) on delete cascade,
  unique (connection_id, user_id)
);
create unique index telephony_extensions_ext_idx on public.telephony_extensions (connection_id, extension)
  where extension is not null;
create index telephony_extensions_user_idx on public.telephony_extensions (org_id, user_id);

create table public.calls (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  connection_id uuid not null,
  -- The provider's id of the call: the bridge's call id, AMI Linkedid, Twilio CallSid, Retell call_id.
  provider_call_id text not null check (length(provider_call_id) between 1 and 256),
  source text not null check (source in ('asterisk_bridge', 'asterisk_ami', 'twilio', 'retell')),
  direction text not null check (direction in ('inbound', 'outbound')),
  from_number text check (length(from_number) <= 200),
  to_number text check (length(to_number) <= 200),
  client_phone text check (client_phone ~ '^\+[1-9][0-9]{6,14}$'),
  contact_id uuid,
  deal_id uuid,
  member_id uuid references auth.users (id) on delete set null,
  extension text check (length(extension) <= 40),
  status text not null default 'ringing'
    check (status in ('ringing', 'answered', 'missed', 'busy', 'failed', 'unknown')),
  -- The terminal outcome a provider reported for an unanswered call (missed / busy / failed / unknown).
  outcome text check (outcome in ('missed', 'busy', 'failed', 'unknown')),
  started_at timestamptz not null default now(),
  answered_at timestamptz,
  ended_at timestamptz,
  duration_seconds int check (duration_seconds >= 0),
  wait_seconds int check (wait_seconds >= 0),
  -- The provider's URL of the recording: fetched by the server with the connection's credentials, never sent
  -- to the browser (no column grant), which plays /api/calls/:id/recording with a signed link instead.
  recording_url text check (length(recording_url) <= 2000),
  has_recording boolean generated always as (recording_url is not null) stored,
  -- [{ speaker: 'agent' | 'client' | 'other', text, start? }], for AI calls (Retell).
  transcript jsonb check (transcript is null or jsonb_typeof(transcript) = 'array'),
  ai boolean not null default false,
  -- The provider's own analysis (Retell's call_analysis) and ours (the dialog analysis of the transcript).
  ai_summary text check (length(ai_summary) <= 10000),
  ai_analysis jsonb,
  ai_score int check (ai_score between 0 and 100),
  -- The phases already published as telephony.call-event (each once per call).
  published_phases text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (connection_id, provider_call_id),
  foreign key (org_id, connection_id) references public.telephony_connections (org_id, id) on delete cascade,
  foreign key (org_id, contact_id) references public.contacts (org_id, id) on delete set null (contact_id),
  foreign key (org_id, deal_id) references public.deals (org_id, id) on delete set null (deal_id)
);
create index calls_org_started_idx on public.calls (org_id, started_at desc, id desc);
create index calls_contact_idx on public.calls (contact_id, started_at desc) where contact_id is not null;
create index calls_deal_idx on public.calls (deal_id) where deal_id is not null;
create index calls_ringing_idx on public.calls (org_id) where status = 'ringing';

-- The raw events, keyed as the provider identifies them: a retried delivery is a conflict and stores nothing.
create table public.call_events (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  connection_id uuid not null,
  provider_call_id text not null check (length(provider_call_id) between 1 and 256),
  -- The event's name, plus what tells two of one name apart (an AMI leg's Uniqueid, a Twilio sequence number).
  event text not null check (length(event) between 1 and 300),
  payload jsonb not null,
  call_id uuid,
  received_at timestamptz not null default now(),
  foreign key (org_id, connection_id) references public.telephony_connections (org_id, id) on delete cascade,
  foreign key (org_id, call_id) references public.calls (org_id, id) on delete cascade,
  unique (connection_id, provider_call_id, event)
);
create index call_events_call_idx on public.call_events (call_id);

create trigger telephony_connections_touch before update on public.telephony_connections
  for each row execute function private.touch_updated_at();
create trigger telephony_extensions_touch before update on public.telephony_extensions
  for each row execute function private.touch_updated_at();
create trigger calls_touch before update on public.calls
  for each row execute function private.touch_updated_at();

-- The caller's contact: a contact whose number this is (their own first, then one an agent added, then a
-- messenger identity with it), else a new one. Serialised on the same advisory lock as the inbox's
-- private.resolve_contact, so a call and a WhatsApp message from one new number at once make one contact.
create or replace function private.telephony_contact(org uuid, e164 text) returns uuid
language plpgsql set search_path = '' as $$
declare
  found_id uuid;
begin
  if e164 is null then
    return null;
  end if;
  perform pg_advisory_xact_lock(hashtextextended(concat_ws(chr(1), org, 'phone', e164), 0));
  select c.id into found_id from public.contacts c
   where c.org_id = org and c.phone = e164 and c.merged_into is null
   order by c.created_at limit 1;
  if found_id is null then
    select c.id into found_id from public.contacts c
     where c.org_id = org and c.extra_phones @> array[e164] and c.merged_into is null
     order by c.created_at limit 1;
  end if;
  if found_id is null then
    select coalesce(c.merged_into, c.id) into found_id
      from public.contact_identities ci join public.contacts c on c.id = ci.contact_id
     where ci.org_id = org and ci.phone = e164
     order by ci.created_at limit 1;
  end if;
  if found_id is null then
    insert into public.contacts (org_id, name, phone) values (org, e164, e164) returning id into found_id;
    perform private.suggest_merges(org, found_id);
  end if;
  return found_id;
end $$;
revoke execute on function private.telephony_contact(uuid, text) from public, anon, authenticated;
grant execute on function private.telephony_contact(uuid, text) to service_role;

-- Row-level security ---------------------------------------------------------------------------------------

alter table public.telephony_connections enable row level security;
alter table public.telephony_extensions enable row level security;
alter table public.calls enable row level security;
alter table public.call_events enable row level security;

create policy "members see their organisation's telephony connections" on public.telephony_connections
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "admins connect telephony" on public.telephony_connections
  for insert to authenticated with check (org_id in (select private.member_org_ids('admin')));
create policy "admins change telephony" on public.telephony_connections
  for update to authenticated using (org_id in (select private.member_org_ids('admin')))
    with check (org_id in (select private.member_org_ids('admin')));
create policy "admins remove telephony" on public.telephony_connections
  for delete to authenticated using (org_id in (select private.member_org_ids('admin')));

revoke select on public.telephony_connections from anon, authenticated;
grant select (id, org_id, kind, name, config, enabled, state, state_since, last_error, last_event_at, created_by,
  created_at, updated_at) on public.telephony_connections to authenticated;

create policy "members see extensions" on public.telephony_extensions
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "admins assign extensions" on public.telephony_extensions
  for all to authenticated using (org_id in (select private.member_org_ids('admin')))
    with check (org_id in (select private.member_org_ids('admin')));

-- Calls are written by the webhooks and the worker (as the service); members read them and link them.
create policy "members see their organisation's calls" on public.calls
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "agents link calls" on public.calls
  for update to authenticated using (org_id in (select private.member_org_ids('agent')))
    with check (org_id in (select private.member_org_ids('agent')));
create policy "managers delete calls" on public.calls
  for delete to authenticated using (org_id in (select private.member_org_ids('manager')));

revoke select, update on public.calls from anon, authenticated;
grant select (id, org_id, connection_id, provider_call_id, source, direction, from_number, to_number, client_phone,
  contact_id, deal_id, member_id, extension, status, outcome, started_at, answered_at, ended_at, duration_seconds,
  wait_seconds, has_recording, transcript, ai, ai_summary, ai_analysis, ai_score, published_phases, created_at,
  updated_at) on public.calls to authenticated;
grant update (contact_id, deal_id) on public.calls to authenticated;

create policy "admins read raw call events" on public.call_events
  for select to authenticated using (org_id in (select private.member_org_ids('admin')));

-- Realtime: the call log and the incoming-call pop-up follow calls; Settings follows the connections' state.

create trigger calls_announce after insert or update or delete on public.calls
  for each row execute function private.announce_change();
create trigger telephony_connections_announce after insert or update or delete on public.telephony_connections
  for each row execute function private.announce_change();

do $$
begin
  if exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    alter publication supabase_realtime add table public.calls, public.telephony_connections;
  end if;
end $$;
