-- One way of writing tenancy policies: the foundation's tables now read the caller's organisations once per
-- query through private.member_org_ids(role), as every later table does, instead of calling is_member() /
-- has_role() for each row (which grows with the jobs and audit tables). Same rules, same roles.

drop policy "members see their organisation" on public.organizations;
drop policy "admins rename their organisation" on public.organizations;
drop policy "owners delete their organisation" on public.organizations;
create policy "members see their organisation" on public.organizations
  for select to authenticated using (id in (select private.member_org_ids('viewer')));
create policy "admins rename their organisation" on public.organizations
  for update to authenticated using (id in (select private.member_org_ids('admin')))
    with check (id in (select private.member_org_ids('admin')));
create policy "owners delete their organisation" on public.organizations
  for delete to authenticated using (id in (select private.member_org_ids('owner')));

drop policy "members see who else is in the organisation" on public.memberships;
drop policy "admins add members" on public.memberships;
drop policy "admins change roles" on public.memberships;
drop policy "admins remove members" on public.memberships;
create policy "members see who else is in the organisation" on public.memberships
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
create policy "admins add members" on public.memberships
  for insert to authenticated with check (org_id in (select private.member_org_ids('admin')));
create policy "admins change roles" on public.memberships
  for update to authenticated using (org_id in (select private.member_org_ids('admin')))
    with check (org_id in (select private.member_org_ids('admin')));
create policy "admins remove members" on public.memberships
  for delete to authenticated using (org_id in (select private.member_org_ids('admin')));

drop policy "admins manage invitations" on public.invitations;
create policy "admins manage invitations" on public.invitations
  for all to authenticated using (org_id in (select private.member_org_ids('admin')))
    with check (org_id in (select private.member_org_ids('admin')));

drop policy "admins manage API keys" on public.api_keys;
create policy "admins manage API keys" on public.api_keys
  for all to authenticated using (org_id in (select private.member_org_ids('admin')))
    with check (org_id in (select private.member_org_ids('admin')));

drop policy "admins read the audit log" on public.audit_log;
create policy "admins read the audit log" on public.audit_log
  for select to authenticated using (org_id in (select private.member_org_ids('admin')));

drop policy "members follow their organisation's jobs" on public.jobs;
create policy "members follow their organisation's jobs" on public.jobs
  for select to authenticated using (org_id in (select private.member_org_ids('viewer')));
