-- The sync log is read in the reader's language: what happened is an event code with its values, which the UI
-- words; `message` keeps only what RetailCRM or the network said, word for word (errors), never our own English.
alter table public.retailcrm_sync_log
  add column event text check (event ~ '^[a-z_]{1,40}$'),
  add column details jsonb not null default '{}'::jsonb check (pg_column_size(details) <= 4000);
