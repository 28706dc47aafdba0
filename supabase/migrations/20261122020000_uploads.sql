-- Files an agent attaches to a reply. Kept in the database (bytea) so the embedded default needs no object
-- store; providers download them through a signed, expiring URL (/api/media/<token>), members through
-- /api/messaging/uploads/<id> under RLS.

create table public.message_uploads (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  created_by uuid default auth.uid(),
  mime_type text not null check (length(mime_type) between 3 and 200),
  file_name text not null check (length(file_name) between 1 and 255),
  size integer not null check (size between 0 and 16777216),
  bytes bytea not null,
  created_at timestamptz not null default now(),
  check (octet_length(bytes) = size)
);
create index message_uploads_org_idx on public.message_uploads (org_id, created_at);

alter table public.message_uploads enable row level security;

create policy "members read their organisation's uploads" on public.message_uploads
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "agents upload files" on public.message_uploads
  for insert to authenticated with check (org_id in (select private.member_org_ids('agent')));
create policy "admins delete uploads" on public.message_uploads
  for delete to authenticated using (org_id in (select private.member_org_ids('admin')));
