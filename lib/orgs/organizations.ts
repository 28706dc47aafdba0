import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { memberRoleSchema } from "@/lib/auth/types";
import type { Sql } from "@/lib/db";

export const organizationSchema = z.object({ id: z.uuid(), name: z.string() });
export const myOrganizationSchema = organizationSchema.extend({ role: memberRoleSchema });
export const createOrganizationSchema = z.object({ name: z.string().trim().min(1, "is required").max(120) });
export const switchOrganizationSchema = z.object({ orgId: z.uuid() });

/** Creates an organisation with the caller as owner and makes it their active one. */
export async function createOrganization(sql: Sql, name: string) {
  const [org] = await sql.query("select id, name from public.create_organization($1)", [name]);
  await sql.query("update public.profiles set active_org_id = $1 where id = auth.uid()", [(org as { id: string }).id]);
  return organizationSchema.parse(org);
}

export async function getOrganization(sql: Sql, orgId: string) {
  const [row] = await sql.query("select id, name from public.organizations where id = $1", [orgId]);
  if (!row) throw new ApiError("not_found", "organisation not found");
  return organizationSchema.parse(row);
}

export async function listMyOrganizations(sql: Sql) {
  const rows = await sql.query(
    `select o.id, o.name, m.role from public.memberships m join public.organizations o on o.id = m.org_id
     where m.user_id = auth.uid() order by o.name`,
  );
  return rows.map((r) => myOrganizationSchema.parse(r));
}

/** Makes orgId the caller's active organisation; only one they belong to. */
export async function switchOrganization(sql: Sql, orgId: string) {
  const [member] = await sql.query("select 1 from public.memberships where org_id = $1 and user_id = auth.uid()", [
    orgId,
  ]);
  if (!member) throw new ApiError("not_found", "organisation not found");
  await sql.query("update public.profiles set active_org_id = $1 where id = auth.uid()", [orgId]);
}

export async function renameOrganization(sql: Sql, orgId: string, name: string) {
  const [row] = await sql.query("update public.organizations set name = $2 where id = $1 returning id, name", [
    orgId,
    name,
  ]);
  if (!row) throw new ApiError("forbidden", "only admins can rename the organisation");
  return organizationSchema.parse(row);
}
