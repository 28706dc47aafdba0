-- What the pipeline, tasks, automation and telephony modules all write: tasks linked to deals and made by
-- automation or a call, idempotent task creation (a retried job does not make a second task), and
-- notifications about deals, tasks and calls that link to what they are about.

alter table public.tasks
  add column deal_id uuid,
  add constraint tasks_deal_fk foreign key (org_id, deal_id) references public.deals (org_id, id)
    on delete set null (deal_id),
  -- The caller's key for "this task, once" (an automation run, a missed call): a second insert is a no-op.
  add column dedupe_key text check (length(dedupe_key) <= 200);
create unique index tasks_dedupe_idx on public.tasks (org_id, dedupe_key) where dedupe_key is not null;
create index tasks_deal_idx on public.tasks (deal_id) where deal_id is not null;
create index tasks_contact_idx on public.tasks (contact_id) where contact_id is not null;

alter table public.tasks drop constraint tasks_kind_check;
alter table public.tasks add constraint tasks_kind_check
  check (kind in ('callback', 'follow_up', 'todo', 'call', 'meeting', 'email'));
alter table public.tasks drop constraint tasks_source_check;
alter table public.tasks add constraint tasks_source_check
  check (source in ('manual', 'assistant', 'automation', 'telephony', 'import'));

alter table public.notifications drop constraint notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check
  check (kind in ('handoff', 'callback', 'appointment', 'lead', 'system', 'mention', 'task', 'deal', 'call',
                  'automation', 'report'));
alter table public.notifications
  add column deal_id uuid,
  add constraint notifications_deal_fk foreign key (org_id, deal_id) references public.deals (org_id, id)
    on delete cascade,
  add column task_id uuid,
  add constraint notifications_task_fk foreign key (org_id, task_id) references public.tasks (org_id, id)
    on delete cascade,
  -- An in-app path the notice opens (/pipeline?deal=…, /calls?call=…), for what has no column of its own.
  add column link text check (link ~ '^/[^/]' and length(link) <= 500),
  -- As for tasks: a retried job notifies once.
  add column dedupe_key text check (length(dedupe_key) <= 200);
create unique index notifications_dedupe_idx on public.notifications (org_id, dedupe_key)
  where dedupe_key is not null;
