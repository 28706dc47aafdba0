-- The AI module: per-organisation assistant settings, leads scored from dialog analysis (seed 004), drafts
-- (seed 003), the tasks, appointments and notifications the assistant's tools create, and a record of every
-- AI call for analytics.

-- Settings → AI. One row per organisation; absent means the defaults in lib/ai (read through the API).
create table public.ai_settings (
  org_id uuid primary key references public.organizations (id) on delete cascade,
  -- lib/ai/profile-schema.ts: company, services, prices, hours, FAQ, tone. The only facts the assistant states.
  profile jsonb not null default '{}' check (jsonb_typeof(profile) = 'object'),
  -- Seed 004's four questions, editable: { q1: { ru, en }, ... }.
  qualification_questions jsonb not null default '{}' check (jsonb_typeof(qualification_questions) = 'object'),
  -- lib/ai/scoring/preset.ts; {} means seed 004's table.
  scoring_preset jsonb not null default '{}' check (jsonb_typeof(scoring_preset) = 'object'),
  model text check (length(model) <= 100),
  -- Who answers new client messages unless a channel or a conversation says otherwise.
  default_mode text not null default 'draft' check (default_mode in ('auto', 'draft', 'off')),
  -- { "<channelId>": { "mode": "auto" | "draft" | "off" | null, "voiceReplies": bool } }
  channel_settings jsonb not null default '{}' check (jsonb_typeof(channel_settings) = 'object'),
  -- Bookable hours for the appointment tool: { timezone, days: [1..7], from: "10:00", to: "18:00", slotMinutes }.
  availability jsonb not null default '{}' check (jsonb_typeof(availability) = 'object'),
  -- Seed 004: a contact is analysed once it has written at least this many messages.
  min_incoming int not null default 3 check (min_incoming between 1 and 1000),
  updated_at timestamptz not null default now(),
  updated_by uuid default auth.uid()
);

-- Who answers this conversation (null: the channel's, else the organisation's mode), and why auto-replies
-- stopped: the assistant handed off to a human, or an agent replied themselves.
alter table public.conversations
  add constraint conversations_ai_mode_check check (ai_mode in ('auto', 'draft', 'off')),
  add column ai_paused_reason text check (ai_paused_reason in ('handoff', 'agent_reply')),
  add column ai_paused_at timestamptz,
  add column needs_human boolean not null default false,
  add column handoff_reason text check (length(handoff_reason) <= 1000);
create index conversations_needs_human_idx on public.conversations (org_id) where needs_human;

-- A lead: one per contact, from dialog analysis (seed 004's dialog_analysis row), the assistant's upsert_lead
-- tool, or typed in by hand (POST /api/dialogs/leads).
create table public.leads (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  contact_id uuid not null,
  -- Where the dialog came from: a channel of ours (inbox, Evolution import), a call, or a person.
  source text not null default 'inbox' check (source in ('inbox', 'evolution', 'call', 'manual', 'assistant')),
  -- Seed 004's instanceName: the channel's name (an Evolution instance name for Evolution channels).
  instance_name text check (length(instance_name) <= 200),
  channel_id uuid,
  name text check (length(name) <= 200),
  phone text check (length(phone) <= 50),
  need text check (length(need) <= 2000),
  budget text check (length(budget) <= 200),
  -- The analysis (lib/ai/analysis-schema.ts) and the score computed from it in code.
  analysis jsonb check (analysis is null or jsonb_typeof(analysis) = 'object'),
  score int check (score between 0 and 100),
  interest_level text check (interest_level in ('hot', 'warm', 'cold')),
  funnel_stage text check (length(funnel_stage) <= 64),
  niche text check (length(niche) <= 64),
  qualification_complete boolean not null default false,
  -- The preset's rules that produced the score: [{ id, label, points }].
  score_reasons jsonb not null default '[]' check (jsonb_typeof(score_reasons) = 'array'),
  -- sha256 of what the analysis read (messages, questions, preset): unchanged dialogs are not re-analysed.
  input_hash text check (length(input_hash) <= 128),
  engine text check (engine in ('openai', 'offline', 'manual')),
  model text check (length(model) <= 100),
  incoming_count int not null default 0 check (incoming_count >= 0),
  message_count int not null default 0 check (message_count >= 0),
  analyzed_at timestamptz,
  last_error text check (length(last_error) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, contact_id),
  foreign key (org_id, contact_id) references public.contacts (org_id, id) on delete cascade,
  foreign key (org_id, channel_id) references public.channels (org_id, id) on delete set null (channel_id)
);
create index leads_score_idx on public.leads (org_id, score desc nulls last, id);
create index leads_interest_idx on public.leads (org_id, interest_level, score desc);

-- A reply the assistant proposes and an agent approves (seed 003's AI drafts).
create table public.ai_drafts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  conversation_id uuid not null,
  -- The client's message it answers; a newer one supersedes the draft.
  in_reply_to uuid,
  text text not null check (length(text) between 1 and 4096),
  status text not null default 'pending' check (status in ('pending', 'approved', 'discarded', 'superseded')),
  engine text not null check (engine in ('openai', 'offline')),
  model text check (length(model) <= 100),
  -- The outbound message an approval created.
  sent_message_id uuid,
  created_by uuid default auth.uid(),
  decided_by uuid,
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, conversation_id) references public.conversations (org_id, id) on delete cascade
);
create index ai_drafts_conversation_idx on public.ai_drafts (conversation_id, created_at desc);
create unique index ai_drafts_one_pending_idx on public.ai_drafts (conversation_id) where status = 'pending';

-- Things a person must do: call-backs the assistant was asked for, follow-ups.
create table public.tasks (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  kind text not null default 'todo' check (kind in ('callback', 'follow_up', 'todo')),
  title text not null check (length(title) between 1 and 500),
  notes text not null default '' check (length(notes) <= 5000),
  contact_id uuid,
  conversation_id uuid,
  phone text check (length(phone) <= 50),
  -- As the client said it ("завтра после обеда"); due_at when it could be read as a time.
  preferred_time text check (length(preferred_time) <= 200),
  due_at timestamptz,
  assignee_id uuid references auth.users (id) on delete set null,
  status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
  created_by uuid default auth.uid(),
  source text not null default 'manual' check (source in ('manual', 'assistant', 'automation')),
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, contact_id) references public.contacts (org_id, id) on delete set null (contact_id),
  foreign key (org_id, conversation_id) references public.conversations (org_id, id)
    on delete set null (conversation_id)
);
create index tasks_open_idx on public.tasks (org_id, status, due_at);

-- Booked slots; a slot is taken once (the partial unique index), so two clients cannot book the same hour.
create table public.appointments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  contact_id uuid not null,
  conversation_id uuid,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  note text check (length(note) <= 2000),
  status text not null default 'booked' check (status in ('booked', 'cancelled', 'done')),
  source text not null default 'manual' check (source in ('manual', 'assistant')),
  created_by uuid default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at > starts_at),
  unique (org_id, id),
  foreign key (org_id, contact_id) references public.contacts (org_id, id) on delete cascade,
  foreign key (org_id, conversation_id) references public.conversations (org_id, id)
    on delete set null (conversation_id)
);
create unique index appointments_slot_idx on public.appointments (org_id, starts_at) where status = 'booked';

-- In-app notices for managers (hand-off, call-back requested, appointment booked). user_id null: for every
-- member of the organisation.
create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid references auth.users (id) on delete cascade,
  kind text not null check (kind in ('handoff', 'callback', 'appointment', 'lead', 'system')),
  title text not null check (length(title) between 1 and 300),
  body text not null default '' check (length(body) <= 2000),
  conversation_id uuid,
  contact_id uuid,
  read_at timestamptz,
  created_at timestamptz not null default now(),
  foreign key (org_id, conversation_id) references public.conversations (org_id, id) on delete cascade
);
create index notifications_inbox_idx on public.notifications (org_id, user_id, created_at desc);

-- Every AI call, for analytics and cost: reply, draft, analysis, transcription, speech.
create table public.ai_runs (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  kind text not null check (kind in ('reply', 'draft', 'analysis', 'transcription', 'speech')),
  engine text not null check (engine in ('openai', 'offline')),
  model text check (length(model) <= 100),
  -- ok: used; handoff: the assistant passed to a human; skipped: nothing to do (e.g. unchanged dialog);
  -- malformed: twice unusable; error: the provider failed.
  outcome text not null check (outcome in ('ok', 'handoff', 'skipped', 'malformed', 'error')),
  latency_ms int not null default 0 check (latency_ms >= 0),
  prompt_tokens int not null default 0 check (prompt_tokens >= 0),
  completion_tokens int not null default 0 check (completion_tokens >= 0),
  attempts int not null default 1 check (attempts >= 0),
  error text check (length(error) <= 2000),
  conversation_id uuid,
  contact_id uuid,
  message_id uuid,
  job_id uuid,
  created_at timestamptz not null default now()
);
create index ai_runs_org_idx on public.ai_runs (org_id, created_at desc);

-- Row-level security ---------------------------------------------------------------------------------------

alter table public.ai_settings enable row level security;
alter table public.leads enable row level security;
alter table public.ai_drafts enable row level security;
alter table public.tasks enable row level security;
alter table public.appointments enable row level security;
alter table public.notifications enable row level security;
alter table public.ai_runs enable row level security;

create policy "members read AI settings" on public.ai_settings
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "admins write AI settings" on public.ai_settings
  for all to authenticated using (org_id in (select private.member_org_ids('admin')))
    with check (org_id in (select private.member_org_ids('admin')));

create policy "members see leads" on public.leads
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "agents add and edit leads" on public.leads
  for insert to authenticated with check (org_id in (select private.member_org_ids('agent')));
create policy "agents edit leads" on public.leads
  for update to authenticated using (org_id in (select private.member_org_ids('agent')))
    with check (org_id in (select private.member_org_ids('agent')));
create policy "managers delete leads" on public.leads
  for delete to authenticated using (org_id in (select private.member_org_ids('manager')));

create policy "members see drafts" on public.ai_drafts
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "agents work drafts" on public.ai_drafts
  for all to authenticated using (org_id in (select private.member_org_ids('agent')))
    with check (org_id in (select private.member_org_ids('agent')));

create policy "members see tasks" on public.tasks
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "agents manage tasks" on public.tasks
  for all to authenticated using (org_id in (select private.member_org_ids('agent')))
    with check (org_id in (select private.member_org_ids('agent')));

create policy "members see appointments" on public.appointments
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "agents manage appointments" on public.appointments
  for all to authenticated using (org_id in (select private.member_org_ids('agent')))
    with check (org_id in (select private.member_org_ids('agent')));

-- Written by the service; each person sees and marks read their own and the organisation-wide ones.
create policy "people see their notifications" on public.notifications
  for select to authenticated
  using (org_id in (select private.member_org_ids('viewer')) and (user_id is null or user_id = auth.uid()));
create policy "people mark their notifications read" on public.notifications
  for update to authenticated
  using (org_id in (select private.member_org_ids('viewer')) and (user_id is null or user_id = auth.uid()))
  with check (org_id in (select private.member_org_ids('viewer')) and (user_id is null or user_id = auth.uid()));
revoke update on public.notifications from authenticated;
grant update (read_at) on public.notifications to authenticated;

-- Written by the service only.
create policy "managers read AI usage" on public.ai_runs
  for select to authenticated using (org_id in (select private.member_org_ids('manager')));

-- The database sets what the client must not choose --------------------------------------------------------

create trigger ai_settings_touch before update on public.ai_settings
  for each row execute function private.touch_updated_at();
create trigger leads_touch before update on public.leads
  for each row execute function private.touch_updated_at();
create trigger ai_drafts_touch before update on public.ai_drafts
  for each row execute function private.touch_updated_at();
create trigger tasks_touch before update on public.tasks
  for each row execute function private.touch_updated_at();
create trigger appointments_touch before update on public.appointments
  for each row execute function private.touch_updated_at();

create trigger ai_settings_audit after insert or update or delete on public.ai_settings
  for each row execute function private.audit_change();

-- Realtime -------------------------------------------------------------------------------------------------

create trigger ai_settings_announce after insert or update or delete on public.ai_settings
  for each row execute function private.announce_change();
create trigger leads_announce after insert or update or delete on public.leads
  for each row execute function private.announce_change();
create trigger ai_drafts_announce after insert or update or delete on public.ai_drafts
  for each row execute function private.announce_change();
create trigger tasks_announce after insert or update or delete on public.tasks
  for each row execute function private.announce_change();
create trigger appointments_announce after insert or update or delete on public.appointments
  for each row execute function private.announce_change();
create trigger notifications_announce after insert or update on public.notifications
  for each row execute function private.announce_change();

do $$
begin
  if exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    alter publication supabase_realtime add table public.ai_settings, public.leads, public.ai_drafts, public.tasks,
      public.appointments, public.notifications;
  end if;
end $$;
