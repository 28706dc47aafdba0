-- The inbox: channels (connected provider accounts), contacts and their identities on each network,
-- conversations, messages (inbound and the outbox), the raw webhook event store, and message templates.
--
-- Seed 000's bot_conversations / bot_messages live on here: platform -> channels.type, platform_user_id ->
-- conversations.thread_id (and contact_identities.external_id), lead_id / client_id -> contact_id,
-- status 'active' -> 'open'; direction incoming/outgoing -> 'in'/'out', message_text -> text,
-- ai_processed -> ai_processed_at, ai_response -> the outbound message with sender_type 'ai'.

-- Channels -------------------------------------------------------------------------------------------------

create table public.channels (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  type text not null check (type in ('telegram', 'twilio_whatsapp', 'whatsapp_cloud', 'instagram', 'evolution')),
  name text not null check (length(trim(name)) between 1 and 120),
  -- Non-secret settings, validated by the provider adapter's configSchema.
  config jsonb not null default '{}' check (jsonb_typeof(config) = 'object'),
  -- AES-256-GCM envelope of the adapter's secrets (lib/crypto.ts); members can never select it (see grants below).
  secrets_encrypted text,
  enabled boolean not null default true,
  status text not null default 'pending' check (status in ('pending', 'connected', 'error')),
  last_error text,
  created_by uuid default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Children reference (org_id, id) so a row can never point into another organisation.
  unique (org_id, id)
);
create index channels_org_idx on public.channels (org_id, created_at);

-- Contacts -------------------------------------------------------------------------------------------------

create table public.contacts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null default '' check (length(name) <= 200),
  phone text check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  email text check (length(email) <= 255),
  username text check (length(username) <= 100),
  notes text not null default '' check (length(notes) <= 20000),
  tags text[] not null default '{}' check (cardinality(tags) <= 50),
  language text check (length(language) <= 16),
  -- STOP / opt-out: no outbound message is queued while set.
  opted_out_at timestamptz,
  -- Set when this contact was merged into another; its identities and conversations moved there.
  merged_into uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, merged_into) references public.contacts (org_id, id) on delete set null (merged_into),
  check (merged_into <> id)
);
create index contacts_org_idx on public.contacts (org_id, created_at desc);
create index contacts_phone_idx on public.contacts (org_id, phone) where phone is not null and merged_into is null;
create index contacts_name_idx on public.contacts (org_id, lower(name), lower(username))
  where username is not null and merged_into is null;

-- How one person is known on each network. WhatsApp is one network whichever provider carries it
-- (Twilio, Cloud API, Evolution): the external id is the number, so the same client matches across them.
create table public.contact_identities (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  contact_id uuid not null,
  network text not null check (network in ('telegram', 'whatsapp', 'instagram')),
  external_id text not null check (length(external_id) between 1 and 200),
  username text,
  display_name text,
  phone text check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  created_at timestamptz not null default now(),
  foreign key (org_id, contact_id) references public.contacts (org_id, id) on delete cascade,
  unique (org_id, network, external_id)
);
create index contact_identities_contact_idx on public.contact_identities (contact_id);

create table public.contact_merge_suggestions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  -- The pair in a fixed order (contact_id < other_contact_id), so a pair is suggested once.
  contact_id uuid not null,
  other_contact_id uuid not null,
  reason text not null check (reason in ('phone', 'name_username')),
  status text not null default 'open' check (status in ('open', 'merged', 'dismissed')),
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by uuid,
  check (contact_id < other_contact_id),
  unique (contact_id, other_contact_id),
  foreign key (org_id, contact_id) references public.contacts (org_id, id) on delete cascade,
  foreign key (org_id, other_contact_id) references public.contacts (org_id, id) on delete cascade
);
create index contact_merge_suggestions_org_idx on public.contact_merge_suggestions (org_id, created_at desc)
  where status = 'open';

-- Conversations --------------------------------------------------------------------------------------------

create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  channel_id uuid not null,
  contact_id uuid not null,
  -- The chat on the provider's side: Telegram chat id, WhatsApp number, Instagram thread.
  thread_id text not null check (length(thread_id) between 1 and 200),
  status text not null default 'open' check (status in ('open', 'pending', 'resolved')),
  assignee_id uuid references auth.users (id) on delete set null,
  -- Inbound messages after the last one an agent read (or replied after).
  unread_count int not null default 0 check (unread_count >= 0),
  last_message_at timestamptz not null default now(),
  last_message_id uuid,
  last_message_preview text not null default '',
  last_message_direction text check (last_message_direction in ('in', 'out')),
  -- When the client last wrote: WhatsApp's 24-hour window for free text is measured from here.
  last_inbound_at timestamptz,
  -- Placeholder for the AI module (who answers: off / draft / auto); null until it decides.
  ai_mode text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (channel_id, thread_id),
  foreign key (org_id, channel_id) references public.channels (org_id, id) on delete cascade,
  foreign key (org_id, contact_id) references public.contacts (org_id, id) on delete cascade
);
-- The inbox list: newest activity first, keyset on (last_message_at, id), one index per common filter.
create index conversations_inbox_idx on public.conversations (org_id, last_message_at desc, id desc);
create index conversations_status_idx on public.conversations (org_id, status, last_message_at desc, id desc);
create index conversations_assignee_idx on public.conversations (org_id, assignee_id, last_message_at desc, id desc);
create index conversations_channel_idx on public.conversations (org_id, channel_id, last_message_at desc, id desc);
create index conversations_unread_idx on public.conversations (org_id, last_message_at desc, id desc)
  where unread_count > 0;
create index conversations_contact_idx on public.conversations (contact_id);

-- Message templates (WhatsApp's pre-approved messages, the only ones allowed outside the 24-hour window) ----

create table public.message_templates (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  channel_id uuid not null,
  name text not null check (length(name) between 1 and 512),
  language text not null default 'en' check (length(language) between 2 and 16),
  category text not null default 'utility' check (category in ('marketing', 'utility', 'authentication')),
  -- The text with {{1}} / {{name}} placeholders, as the provider shows it.
  body text not null default '' check (length(body) <= 4096),
  -- The placeholders in order, with an example each: [{"key": "1", "example": "Anna"}].
  variables jsonb not null default '[]' check (jsonb_typeof(variables) = 'array'),
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  rejection_reason text,
  -- Twilio Content SID (HX…), Meta template id.
  provider_template_id text,
  synced_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (channel_id, name, language),
  foreign key (org_id, channel_id) references public.channels (org_id, id) on delete cascade
);

-- Messages -------------------------------------------------------------------------------------------------

create table public.messages (
  id uuid primary key default gen_random_uuid(),
  -- Arrival order: the tie-breaker when created_at is equal (one transaction, one now()).
  seq bigint generated always as identity,
  org_id uuid not null references public.organizations (id) on delete cascade,
  conversation_id uuid not null,
  -- Denormalised from the conversation so the provider's id is unique per channel.
  channel_id uuid not null,
  direction text not null check (direction in ('in', 'out')),
  -- Who wrote it: the client, an agent, the AI, or the business from another device (Evolution's fromMe).
  sender_type text not null check (sender_type in ('contact', 'agent', 'ai', 'business')),
  sender_user_id uuid default auth.uid() references auth.users (id) on delete set null,
  type text not null default 'text' check (type in ('text', 'image', 'document', 'audio', 'voice', 'video',
    'sticker', 'location', 'contact', 'template', 'unsupported')),
  text text check (length(text) <= 65536),
  media jsonb not null default '[]' check (jsonb_typeof(media) = 'array'),
  template_id uuid,
  template_variables jsonb,
  provider_message_id text,
  reply_to_provider_message_id text,
  -- Inbound: received. Outbound: queued -> sent -> delivered -> read, or failed; never backwards
  -- (private.apply_delivery_status), so a late 'delivered' cannot overwrite 'read'.
  status text not null check (status in ('received', 'queued', 'sent', 'delivered', 'read', 'failed')),
  error_code text,
  error_message text,
  attempts int not null default 0,
  -- When the provider says it happened (inbound), or when it was written (outbound).
  occurred_at timestamptz not null default now(),
  sent_at timestamptz,
  delivered_at timestamptz,
  read_at timestamptz,
  failed_at timestamptz,
  edited_at timestamptz,
  -- Speech-to-text of a voice note, filled later by the AI module.
  transcript text,
  ai_processed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Full-text search in Russian and English: the Russian stemmer for Cyrillic words, the English one for the rest.
  search tsvector generated always as (
    to_tsvector('russian', coalesce(text, '') || ' ' || coalesce(transcript, ''))
    || to_tsvector('english', coalesce(text, '') || ' ' || coalesce(transcript, ''))
  ) stored,
  check ((direction = 'in') = (status = 'received')),
  unique (channel_id, provider_message_id),
  foreign key (org_id, conversation_id) references public.conversations (org_id, id) on delete cascade,
  foreign key (org_id, channel_id) references public.channels (org_id, id) on delete cascade,
  foreign key (org_id, template_id) references public.message_templates (org_id, id) on delete set null (template_id)
);
-- A thread, newest first, keyset on (created_at, seq).
create index messages_thread_idx on public.messages (conversation_id, created_at desc, seq desc);
create index messages_search_idx on public.messages using gin (search);

-- The raw event store ---------------------------------------------------------------------------------------

create table public.webhook_events (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  channel_id uuid not null,
  -- The provider's id of the delivery (Telegram update_id, Twilio MessageSid+status…): a retry is a no-op.
  event_id text not null,
  -- The body as received: JSON as it came, a form body as an object of its fields.
  payload jsonb not null,
  event_count int not null default 0,
  received_at timestamptz not null default now(),
  unique (channel_id, event_id),
  foreign key (org_id, channel_id) references public.channels (org_id, id) on delete cascade
);
create index webhook_events_org_idx on public.webhook_events (org_id, received_at desc);

-- Monotonic delivery status --------------------------------------------------------------------------------

create or replace function private.delivery_rank(status text) returns int
language sql immutable set search_path = '' as $$
  select case status
    when 'received' then 0 when 'queued' then 0 when 'sent' then 1 when 'failed' then 2
    when 'delivered' then 3 when 'read' then 4 else -1 end
$$;

-- Row-level security ---------------------------------------------------------------------------------------

alter table public.channels enable row level security;
alter table public.contacts enable row level security;
alter table public.contact_identities enable row level security;
alter table public.contact_merge_suggestions enable row level security;
alter table public.conversations enable row level security;
alter table public.messages enable row level security;
alter table public.message_templates enable row level security;
alter table public.webhook_events enable row level security;

-- The same rule as private.current_role_in(), as the set of the caller's organisations: written
-- `org_id in (select private.member_org_ids(...))`, a policy evaluates it once per query instead of calling
-- is_member() for every row (which made a search over a million messages take seconds).
create or replace function private.member_org_ids(min_role public.member_role) returns setof uuid
language sql stable security definer set search_path = '' as $$
  select m.org_id from public.memberships m
   where m.user_id = auth.uid() and private.role_rank(m.role) >= private.role_rank(min_role)
  union
  select k.org_id from public.api_keys k
   where k.id = nullif(auth.jwt() ->> 'api_key_id', '')::uuid and k.revoked_at is null
     and private.role_rank(k.role) >= private.role_rank(min_role)
$$;
grant execute on function private.member_org_ids(public.member_role) to authenticated, service_role;

create policy "members see their organisation's channels" on public.channels
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "admins connect channels" on public.channels
  for insert to authenticated with check (org_id in (select private.member_org_ids('admin')));
create policy "admins change channels" on public.channels
  for update to authenticated using (org_id in (select private.member_org_ids('admin')))
    with check (org_id in (select private.member_org_ids('admin')));
create policy "admins remove channels" on public.channels
  for delete to authenticated using (org_id in (select private.member_org_ids('admin')));

-- Secrets are write-only: members may set secrets_encrypted but never read it back, even encrypted.
revoke select on public.channels from anon, authenticated;
grant select (id, org_id, type, name, config, enabled, status, last_error, created_by, created_at, updated_at)
  on public.channels to authenticated;

create policy "members see their organisation's contacts" on public.contacts
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "agents add contacts" on public.contacts
  for insert to authenticated with check (org_id in (select private.member_org_ids('agent')));
create policy "agents edit contacts" on public.contacts
  for update to authenticated using (org_id in (select private.member_org_ids('agent')))
    with check (org_id in (select private.member_org_ids('agent')));
create policy "managers delete contacts" on public.contacts
  for delete to authenticated using (org_id in (select private.member_org_ids('manager')));

create policy "members see contact identities" on public.contact_identities
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "agents manage contact identities" on public.contact_identities
  for all to authenticated using (org_id in (select private.member_org_ids('agent')))
    with check (org_id in (select private.member_org_ids('agent')));

create policy "members see merge suggestions" on public.contact_merge_suggestions
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "agents resolve merge suggestions" on public.contact_merge_suggestions
  for all to authenticated using (org_id in (select private.member_org_ids('agent')))
    with check (org_id in (select private.member_org_ids('agent')));

create policy "members see their organisation's conversations" on public.conversations
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "agents start conversations" on public.conversations
  for insert to authenticated with check (org_id in (select private.member_org_ids('agent')));
create policy "agents work conversations" on public.conversations
  for update to authenticated using (org_id in (select private.member_org_ids('agent')))
    with check (org_id in (select private.member_org_ids('agent')));
create policy "admins delete conversations" on public.conversations
  for delete to authenticated using (org_id in (select private.member_org_ids('admin')));

create policy "members read their organisation's messages" on public.messages
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "agents write messages" on public.messages
  for insert to authenticated with check (org_id in (select private.member_org_ids('agent')));
create policy "agents update messages" on public.messages
  for update to authenticated using (org_id in (select private.member_org_ids('agent')))
    with check (org_id in (select private.member_org_ids('agent')));
create policy "admins delete messages" on public.messages
  for delete to authenticated using (org_id in (select private.member_org_ids('admin')));

create policy "members see templates" on public.message_templates
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "admins manage templates" on public.message_templates
  for all to authenticated using (org_id in (select private.member_org_ids('admin')))
    with check (org_id in (select private.member_org_ids('admin')));

-- Written by the webhook routes as the service only; admins may look at what arrived.
create policy "admins read raw webhook events" on public.webhook_events
  for select to authenticated using (org_id in (select private.member_org_ids('admin')));

-- Full-text search for the inbox: the conversations of an organisation the caller belongs to whose messages
-- match. A function because under RLS the non-leakproof @@ may not run before the policy's check, which
-- keeps PostgreSQL from using the GIN index (a sequential scan of every message instead).
create or replace function private.search_conversations(org uuid, query text) returns setof uuid
language sql stable security definer set search_path = '' as $$
  select distinct m.conversation_id from public.messages m
   where m.org_id = org and org in (select private.member_org_ids('viewer'))
     and m.search @@ (websearch_to_tsquery('russian', query) || websearch_to_tsquery('english', query))
$$;
grant execute on function private.search_conversations(uuid, text) to authenticated;

-- The outbox, from a member's request ------------------------------------------------------------------------

-- Members cannot insert jobs (RLS). Sending must queue the message and its delivery job atomically, so this
-- narrow function does it for exactly one queued outbound message the caller may write.
create or replace function private.enqueue_outbound(message_id uuid, max_attempts int) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  msg_org uuid;
  job_id uuid;
begin
  select m.org_id into msg_org from public.messages m
   where m.id = message_id and m.direction = 'out' and m.status = 'queued';
  if msg_org is null then
    raise exception 'message is not queued for sending' using errcode = 'P0002';
  end if;
  if not private.has_role(msg_org, 'agent') then
    raise exception 'not allowed' using errcode = '42501';
  end if;
  insert into public.jobs (org_id, name, payload, max_attempts, dedupe_key)
  values (msg_org, 'outbox.send', jsonb_build_object('messageId', message_id), max_attempts, message_id::text)
  on conflict (name, dedupe_key) where dedupe_key is not null and status in ('queued', 'running') do nothing
  returning id into job_id;
  if job_id is not null then
    -- lib/jobs/store.ts JOBS_CHANNEL: the runner wakes on commit.
    perform pg_notify('relay_jobs', job_id::text);
  end if;
  return job_id;
end $$;
grant execute on function private.enqueue_outbound(uuid, int) to authenticated;
grant execute on function private.delivery_rank(text) to authenticated, service_role;

-- The database sets what the client must not choose --------------------------------------------------------

create trigger channels_touch before update on public.channels
  for each row execute function private.touch_updated_at();
create trigger contacts_touch before update on public.contacts
  for each row execute function private.touch_updated_at();
create trigger conversations_touch before update on public.conversations
  for each row execute function private.touch_updated_at();
create trigger messages_touch before update on public.messages
  for each row execute function private.touch_updated_at();
create trigger message_templates_touch before update on public.message_templates
  for each row execute function private.touch_updated_at();

-- Realtime -------------------------------------------------------------------------------------------------

create trigger channels_announce after insert or update or delete on public.channels
  for each row execute function private.announce_change();
create trigger contacts_announce after insert or update or delete on public.contacts
  for each row execute function private.announce_change();
create trigger conversations_announce after insert or update or delete on public.conversations
  for each row execute function private.announce_change();
create trigger messages_announce after insert or update or delete on public.messages
  for each row execute function private.announce_change();
create trigger message_templates_announce after insert or update or delete on public.message_templates
  for each row execute function private.announce_change();

do $$
begin
  if exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    alter publication supabase_realtime add table public.channels, public.contacts, public.conversations,
      public.messages, public.message_templates;
  end if;
end $$;
