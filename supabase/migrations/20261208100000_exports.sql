-- Exports run as a job: the request (which list or report, its filters and separator), how far the job got,
-- and the file itself in ordered chunks, kept in the database because the embedded default has no file store
-- and Supabase must run the same. A member creates and reads only their own exports; the job (as the service)
-- writes the chunks and the progress. Done files expire (expires_at) and a recurring job deletes them.
create table public.exports (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  kind text not null check (kind in ('contacts', 'companies', 'deals', 'tasks', 'calls', 'leads', 'analytics')),
  -- The streaming route's query, as its zod schema parsed it.
  params jsonb not null default '{}' check (jsonb_typeof(params) = 'object' and length(params::text) <= 10000),
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  file_name text not null default 'export.csv' check (length(file_name) between 1 and 255),
  rows int not null default 0 check (rows >= 0),
  bytes bigint not null default 0 check (bytes >= 0),
  error text check (length(error) <= 2000),
  job_id text check (length(job_id) <= 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz,
  -- Set again when the file is done; a request whose job never ran expires too.
  expires_at timestamptz not null default now() + interval '7 days'
);
create index exports_mine_idx on public.exports (org_id, user_id, created_at desc);
create index exports_expiry_idx on public.exports (expires_at);

create trigger exports_touch before update on public.exports
  for each row execute function private.touch_updated_at();

-- One page of the file per row (bytes as the streaming route would have sent them), in order of seq.
create table public.export_chunks (
  export_id uuid not null references public.exports (id) on delete cascade,
  seq int not null check (seq >= 0),
  org_id uuid not null references public.organizations (id) on delete cascade,
  data bytea not null check (octet_length(data) <= 16777216),
  primary key (export_id, seq)
);

alter table public.exports enable row level security;
alter table public.export_chunks enable row level security;

create policy "members see their own exports" on public.exports
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')) and user_id = auth.uid());
create policy "members ask for their own exports" on public.exports
  for insert to authenticated with check (
    org_id in (select private.member_org_ids('viewer')) and user_id = auth.uid() and status = 'queued');

create policy "members read their own exports' files" on public.export_chunks
  for select to authenticated using (
    org_id in (select private.member_org_ids('viewer'))
    and exists (select 1 from public.exports e
                 where e.id = export_id and e.org_id = export_chunks.org_id and e.user_id = auth.uid()));
