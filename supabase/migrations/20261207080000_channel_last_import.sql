-- The channel's latest Evolution import, as the job id (in-process) or the Trigger.dev run id: the import panel
-- reads the latest run through the same lookup whichever backend ran it (the jobs table alone misses Trigger runs).
alter table public.channels add column last_import_run text check (length(last_import_run) <= 200);
grant select (last_import_run) on public.channels to authenticated;
