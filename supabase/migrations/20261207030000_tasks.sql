-- Tasks and reminders, appointments' client reminders: what the reminder jobs claim so a retried job
-- notifies, publishes and sends once, and the organisation's appointment-reminder setting.

alter table public.tasks
  -- An extra in-app reminder this many minutes before the due time (besides the one at the due time).
  add column remind_before_minutes int check (remind_before_minutes between 1 and 10080),
  -- The due time the "due" / "overdue" event was published for: a job claims it by setting it, so a retry
  -- (or a second job for the same time) publishes nothing, while a new due time re-arms both.
  add column due_fired_for timestamptz,
  add column overdue_fired_for timestamptz;
create index tasks_assignee_due_idx on public.tasks (org_id, assignee_id, status, due_at);
create index tasks_conversation_idx on public.tasks (conversation_id) where conversation_id is not null;

alter table public.appointments
  -- The start time the client was reminded of (or the reminder skipped for): claimed by the reminder job in
  -- the same transaction as the message it queues, so a retried job sends once; a moved appointment
  -- (a new starts_at) gets a reminder of its own.
  add column reminder_for timestamptz,
  add column reminder_status text check (reminder_status in ('sent', 'skipped')),
  -- Why it was skipped (window_closed_no_template, opted_out, ...), for the week view.
  add column reminder_reason text check (length(reminder_reason) <= 500),
  add column reminder_message_id uuid,
  add column reminded_at timestamptz;
create index appointments_week_idx on public.appointments (org_id, starts_at);

-- One row per organisation; absent means the defaults (on, 24 hours before, no template).
create table public.appointment_settings (
  org_id uuid primary key references public.organizations (id) on delete cascade,
  reminder_enabled boolean not null default true,
  reminder_hours int not null default 24 check (reminder_hours between 1 and 168),
  -- The approved template (by name; each WhatsApp channel has its own copy) sent when WhatsApp's 24-hour
  -- window is closed; without one the reminder is skipped there, with the reason stored.
  reminder_template_name text check (length(reminder_template_name) between 1 and 512),
  updated_at timestamptz not null default now(),
  updated_by uuid default auth.uid()
);

alter table public.appointment_settings enable row level security;
create policy "members read appointment settings" on public.appointment_settings
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "managers write appointment settings" on public.appointment_settings
  for all to authenticated using (org_id in (select private.member_org_ids('manager')))
    with check (org_id in (select private.member_org_ids('manager')));

create trigger appointment_settings_touch before update on public.appointment_settings
  for each row execute function private.touch_updated_at();
create trigger appointment_settings_audit after insert or update or delete on public.appointment_settings
  for each row execute function private.audit_change();
