-- Automation (seed 003's Automation service, lib/automation/): rules "when <trigger> and <conditions> then
-- <actions>", the log of every time a rule fired (or was stopped), and every attempt to call a rule's webhook.
--
-- A run is keyed on (rule, event): the event's own id (a message, a stage_history row, a lead's analysis, a
-- task's overdue, a deal's stay in a stage). The run row and the actions' database effects commit together,
-- so a retried job finds the row and does nothing twice.

create table public.automation_rules (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (length(trim(name)) between 1 and 200),
  -- Rules start disabled: a rule is tried on one deal (dry run) before it is switched on.
  enabled boolean not null default false,
  -- lib/automation/schema.ts's trigger, conditions and actions, validated there (zod) on the way in.
  trigger_type text not null check (trigger_type in ('message_received', 'deal_created', 'deal_stage_changed',
    'lead_scored', 'task_overdue', 'time_in_stage', 'no_reply')),
  trigger jsonb not null default '{}' check (jsonb_typeof(trigger) = 'object'),
  conditions jsonb not null default '[]' check (jsonb_typeof(conditions) = 'array'),
  actions jsonb not null check (jsonb_typeof(actions) = 'array' and jsonb_array_length(actions) between 1 and 20),
  -- The gallery entry it was made from, if any.
  template text check (length(template) <= 100),
  -- The HMAC key of its webhook calls, AES-256-GCM (lib/crypto.ts) with the rule id as context.
  webhook_secret text,
  last_fired_at timestamptz,
  last_deal_id uuid,
  fire_count int not null default 0,
  -- Set when the loop guard stopped the rule (it was also disabled); cleared when it is enabled again.
  stopped_reason text check (length(stopped_reason) <= 500),
  stopped_at timestamptz,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, last_deal_id) references public.deals (org_id, id) on delete set null (last_deal_id)
);
-- An event looks up its organisation's enabled rules of one trigger type.
create index automation_rules_trigger_idx on public.automation_rules (org_id, trigger_type) where enabled;
create index automation_rules_org_idx on public.automation_rules (org_id, created_at, id);

create table public.automation_runs (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  rule_id uuid not null,
  -- The event's id: "this rule, on this event, once".
  event_key text not null check (length(event_key) between 1 and 300),
  deal_id uuid,
  -- fired: the actions ran; loop: the loop guard stopped it; failed: an action threw (the job retries).
  status text not null check (status in ('fired', 'loop', 'failed')),
  -- What each action did, in order ({ type, outcome, detail }), for the rule's log.
  actions jsonb not null default '[]',
  error text check (length(error) <= 2000),
  created_at timestamptz not null default now(),
  unique (rule_id, event_key),
  foreign key (org_id, rule_id) references public.automation_rules (org_id, id) on delete cascade,
  foreign key (org_id, deal_id) references public.deals (org_id, id) on delete set null (deal_id)
);
create index automation_runs_rule_idx on public.automation_runs (rule_id, created_at desc, id desc);
-- The loop guard counts a rule's recent runs on one deal.
create index automation_runs_deal_idx on public.automation_runs (rule_id, deal_id, created_at desc)
  where deal_id is not null;

create table public.webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  rule_id uuid not null,
  run_id uuid,
  -- Stable across the retries of one call: receivers deduplicate on it (X-Relay-Delivery).
  delivery_key text not null check (length(delivery_key) between 1 and 300),
  attempt int not null check (attempt >= 1),
  url text not null check (length(url) <= 2000),
  status_code int,
  ok boolean not null,
  error text check (length(error) <= 2000),
  response_excerpt text check (length(response_excerpt) <= 2000),
  duration_ms int,
  created_at timestamptz not null default now(),
  unique (delivery_key, attempt),
  foreign key (org_id, rule_id) references public.automation_rules (org_id, id) on delete cascade,
  foreign key (run_id) references public.automation_runs (id) on delete set null
);
create index webhook_deliveries_rule_idx on public.webhook_deliveries (rule_id, created_at desc, id desc);

create trigger automation_rules_touch before update on public.automation_rules
  for each row execute function private.touch_updated_at();

-- The time sweep finds a stage's deals that entered it before a cut-off without reading the others.
create index deals_stage_entered_idx on public.deals (stage_id, stage_entered_at) where closed_at is null;

-- Row-level security ---------------------------------------------------------------------------------------

alter table public.automation_rules enable row level security;
alter table public.automation_runs enable row level security;
alter table public.webhook_deliveries enable row level security;

create policy "members see their organisation's rules" on public.automation_rules
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "managers shape rules" on public.automation_rules
  for all to authenticated using (org_id in (select private.member_org_ids('manager')))
    with check (org_id in (select private.member_org_ids('manager')));

-- Runs and deliveries are written by the service only (the rule engine and the webhook job).
create policy "members see their organisation's rule runs" on public.automation_runs
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "members see their organisation's webhook deliveries" on public.webhook_deliveries
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));

-- Realtime: the page's list shows when a rule last fired.
create trigger automation_rules_announce after insert or update or delete on public.automation_rules
  for each row execute function private.announce_change();

do $$
begin
  if exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    alter publication supabase_realtime add table public.automation_rules;
  end if;
end $$;
