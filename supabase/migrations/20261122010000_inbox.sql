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

-- Ingest: one round trip per webhook delivery ---------------------------------------------------------------
-- The webhook route verifies and parses in TypeScript, then hands the normalized events to ingest_delivery,
-- which stores the raw event and everything it means in the caller's transaction. Called by the service only
-- (it scopes every statement to the channel's organisation); lib/inbox/ingest.ts documents the event shape.

-- Other contacts of the organisation who look like this one: the same phone, or the same name and username.
-- Agents decide; nothing is merged here (lib/inbox/contact-merge.ts merges on request).
create or replace function private.suggest_merges(org uuid, contact uuid) returns int
language sql set search_path = '' as $$
  with me as (
    select id, phone, lower(name) as name, lower(username) as username
      from public.contacts where org_id = org and id = contact and merged_into is null
  ), twins as (
    select c.id, case when c.phone = me.phone then 'phone' else 'name_username' end as reason
      from public.contacts c, me
     where c.org_id = org and c.id <> me.id and c.merged_into is null
       and (c.phone = me.phone or (me.name <> '' and lower(c.name) = me.name and lower(c.username) = me.username))
     -- A handful is what an agent can act on; a flood of look-alikes must not cost each new contact more.
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

-- The contact who wrote: by this network's id, then by phone (one person across Telegram and WhatsApp),
-- else a new one. Creation is serialised per phone and identity, always in that order, so two deliveries at
-- once make one contact and cannot wait on each other.
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
    select c.id into found_id from public.contacts c
     where c.org_id = org and c.phone = e164 and c.merged_into is null
     order by c.created_at limit 1;
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

-- A message from the client (or from the business on another device): contact, conversation, message,
-- counters, opt-out. "live" is the newest in its thread, unread, and reopens a resolved conversation;
-- "history" (an import) takes its own time and changes no counters. Null when already stored.
create or replace function private.store_message(chan uuid, org uuid, net text, mode text, e jsonb)
returns jsonb
language plpgsql set search_path = '' as $$
declare
  occurred timestamptz := (e ->> 'occurredAt')::timestamptz;
  -- Threads are ordered by (created_at, seq): arrival for live messages, the original time for history.
  placed_at timestamptz := case when mode = 'history' then occurred else now() end;
  live boolean := mode = 'live';
  inbound boolean := not coalesce((e ->> 'fromBusiness')::boolean, false);
  dir text := case when inbound then 'in' else 'out' end;
  contact uuid := private.resolve_contact(org, net, e -> 'sender');
  conversation uuid;
  stored_id uuid;
begin
  select c.id into conversation from public.conversations c
   where c.channel_id = chan and c.thread_id = e ->> 'threadId';
  if conversation is null then
    insert into public.conversations (org_id, channel_id, contact_id, thread_id, last_message_at)
    values (org, chan, contact, e ->> 'threadId', placed_at)
    on conflict (channel_id, thread_id) do nothing
    returning id into conversation;
    if conversation is null then
      select c.id into conversation from public.conversations c
       where c.channel_id = chan and c.thread_id = e ->> 'threadId';
    end if;
  end if;

  insert into public.messages (org_id, conversation_id, channel_id, direction, sender_type, sender_user_id, type,
    text, media, provider_message_id, reply_to_provider_message_id, status, occurred_at, sent_at, created_at)
  values (org, conversation, chan, dir, case when inbound then 'contact' else 'business' end, null,
    e ->> 'type', e ->> 'text', coalesce(e -> 'media', '[]'), e ->> 'providerMessageId',
    e ->> 'replyToProviderMessageId', case when inbound then 'received' else 'sent' end, occurred,
    case when inbound then null else occurred end, placed_at)
  on conflict (channel_id, provider_message_id) do nothing
  returning id into stored_id;
  if stored_id is null then
    return null;
  end if;

  update public.conversations c
     set last_message_id = case when placed_at >= c.last_message_at then stored_id else c.last_message_id end,
         last_message_preview = case when placed_at >= c.last_message_at
                                     then e ->> 'preview' else c.last_message_preview end,
         last_message_direction = case when placed_at >= c.last_message_at then dir else c.last_message_direction end,
         last_message_at = greatest(c.last_message_at, placed_at),
         unread_count = c.unread_count + case when inbound and live then 1 else 0 end,
         last_inbound_at = case when inbound then greatest(c.last_inbound_at, occurred) else c.last_inbound_at end,
         status = case when inbound and live and c.status = 'resolved' then 'open' else c.status end
   where c.id = conversation;

  -- STOP / START, recognised by the caller (lib/inbox/networks.ts optKeyword).
  if inbound and live and e ->> 'opt' in ('in', 'out') then
    update public.contacts ct
       set opted_out_at = case when e ->> 'opt' = 'out' then coalesce(ct.opted_out_at, now()) end
     where ct.id = contact and (ct.opted_out_at is null) = (e ->> 'opt' = 'out');
  end if;
  return jsonb_build_object('messageId', stored_id, 'conversationId', conversation, 'inbound', inbound);
end $$;

-- The client edited a message: the new text and when; the inbox preview follows when it was the last one.
create or replace function private.apply_edit(chan uuid, e jsonb) returns boolean
language plpgsql set search_path = '' as $$
declare
  edited uuid;
begin
  update public.messages m set text = e ->> 'text', edited_at = (e ->> 'occurredAt')::timestamptz
   where m.channel_id = chan and m.provider_message_id = e ->> 'providerMessageId'
     and m.text is distinct from e ->> 'text'
  returning m.id into edited;
  if edited is null then
    return false;
  end if;
  update public.conversations set last_message_preview = e ->> 'preview' where last_message_id = edited;
  return true;
end $$;

-- A delivery status, only forwards (queued → sent → failed → delivered → read): a late 'delivered' never
-- overwrites 'read', and 'read' fills the delivered and sent times. 'unknown' when no outbound message has
-- this id yet (the status overtook the send's answer).
create or replace function private.apply_status(chan uuid, e jsonb) returns text
language plpgsql set search_path = '' as $$
declare
  target record;
  new_status text := e ->> 'status';
  happened timestamptz := (e ->> 'occurredAt')::timestamptz;
  failed boolean := e ->> 'status' = 'failed';
begin
  select m.id, m.status into target from public.messages m
   where m.channel_id = chan and m.provider_message_id = e ->> 'providerMessageId'
     and m.direction = 'out';
  if target.id is null then
    return 'unknown';
  end if;
  if private.delivery_rank(new_status) <= private.delivery_rank(target.status) then
    return 'stale';
  end if;
  -- The rank is checked again on the row itself: two callbacks racing for one message cannot go backwards.
  update public.messages m
     set status = new_status,
         sent_at = case when new_status in ('sent', 'delivered', 'read')
                        then coalesce(m.sent_at, happened) else m.sent_at end,
         delivered_at = case when new_status in ('delivered', 'read')
                             then coalesce(m.delivered_at, happened) else m.delivered_at end,
         read_at = case when new_status = 'read' then coalesce(m.read_at, happened) else m.read_at end,
         failed_at = case when failed then happened else m.failed_at end,
         error_code = case when failed then e #>> '{error,code}' else m.error_code end,
         error_message = case when failed then coalesce(e #>> '{error,message}', 'failed') else m.error_message end
   where m.id = target.id and private.delivery_rank(new_status) > private.delivery_rank(m.status);
  return case when found then 'applied' else 'stale' end;
end $$;

-- A job for the in-process runner, as lib/jobs/enqueue.ts stores one (the caller passes name and attempts
-- from the job's definition); the runner wakes on commit.
create or replace function private.enqueue_job(org uuid, job jsonb, payload jsonb, dedupe text, delay_ms int)
returns void
language plpgsql set search_path = '' as $$
declare
  job_id uuid;
begin
  insert into public.jobs (org_id, name, payload, max_attempts, run_at, dedupe_key)
  values (org, job ->> 'name', payload, (job ->> 'maxAttempts')::int, now() + delay_ms * interval '1 millisecond',
          dedupe)
  on conflict (name, dedupe_key) where dedupe_key is not null and status in ('queued', 'running') do nothing
  returning id into job_id;
  if job_id is not null then
    perform pg_notify('relay_jobs', job_id::text);
  end if;
end $$;

-- One webhook delivery: the raw event (deduplicated by the provider's event id), then each event. `jobs`
-- names the follow-up jobs to queue here ({afterInbound, lateStatus}: {name, maxAttempts}), or is null when
-- the caller queues them itself (Trigger.dev).
create or replace function private.ingest_delivery(
  chan uuid, delivery_id text, body jsonb, events jsonb, mode text, jobs jsonb
) returns jsonb
language plpgsql set search_path = '' as $$
declare
  ch record;
  e jsonb;
  stored jsonb;
  outcome text;
  messages jsonb := '[]';
  unknown jsonb := '[]';
  statuses int := 0;
  edits int := 0;
begin
  select c.org_id, c.type into ch from public.channels c where c.id = chan;
  insert into public.webhook_events (org_id, channel_id, event_id, payload, event_count)
  values (ch.org_id, chan, delivery_id, body, jsonb_array_length(events))
  on conflict (channel_id, event_id) do nothing;
  if not found then
    return jsonb_build_object('duplicate', true, 'messages', messages, 'statuses', 0, 'edits', 0, 'unknown', unknown);
  end if;
  for e in select value from jsonb_array_elements(events) loop
    if e ->> 'kind' = 'message' then
      stored := private.store_message(chan, ch.org_id, e ->> 'network', mode, e);
      if stored is not null then
        messages := messages || stored;
        if jobs is not null and mode = 'live' and (stored ->> 'inbound')::boolean then
          perform private.enqueue_job(ch.org_id, jobs -> 'afterInbound',
            jsonb_build_object('messageId', stored -> 'messageId', 'conversationId', stored -> 'conversationId'),
            stored ->> 'messageId', 0);
        end if;
      end if;
    elsif e ->> 'kind' = 'edit' then
      if private.apply_edit(chan, e) then
        edits := edits + 1;
      end if;
    else
      outcome := private.apply_status(chan, e);
      if outcome = 'applied' then
        statuses := statuses + 1;
      elsif outcome = 'unknown' then
        unknown := unknown || e;
        if jobs is not null then
          perform private.enqueue_job(ch.org_id, jobs -> 'lateStatus',
            jsonb_build_object('channelId', chan, 'event', e - 'network' - 'preview'), null, 1000);
        end if;
      end if;
    end if;
  end loop;
  return jsonb_build_object('duplicate', false, 'messages', messages, 'statuses', statuses, 'edits', edits,
    'unknown', unknown);
end $$;

revoke execute on function private.suggest_merges(uuid, uuid), private.resolve_contact(uuid, text, jsonb),
  private.store_message(uuid, uuid, text, text, jsonb), private.apply_edit(uuid, jsonb),
  private.apply_status(uuid, jsonb), private.enqueue_job(uuid, jsonb, jsonb, text, int),
  private.ingest_delivery(uuid, text, jsonb, jsonb, text, jsonb)
  from public;
grant execute on function private.suggest_merges(uuid, uuid), private.resolve_contact(uuid, text, jsonb),
  private.store_message(uuid, uuid, text, text, jsonb), private.apply_edit(uuid, jsonb),
  private.apply_status(uuid, jsonb), private.enqueue_job(uuid, jsonb, jsonb, text, int),
  private.ingest_delivery(uuid, text, jsonb, jsonb, text, jsonb)
  to service_role;
-- Agents record merge suggestions when they edit a contact (through RLS, as themselves).
grant execute on function private.suggest_merges(uuid, uuid) to authenticated;

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
