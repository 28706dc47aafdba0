import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { memberRoleSchema } from "@/lib/auth/types";
import type { Sql } from "@/lib/db";

export const memberSchema = z.object({
  user_id: z.uuid(),
  email: z.string(),
  full_name: z.string(),
  role: memberRoleSchema,
  created_at: z.coerce.date(),
});
export const changeRoleSchema = z.object({ role: memberRoleSchema });

export async function listMembers(sql: Sql, orgId: string) {
  const rows = await sql.query(
    `select m.user_id, p.email, p.full_name, m.role, m.created_at
     from public.memberships m join public.profiles p on p.id = m.user_id
     where m.org_id = $1 order by m.created_at`,
    [orgId],
  );
  return rows.map((r) => memberSchema.parse(r));
}

/** RLS lets only admins write; the owner guard trigger keeps an owner and lets only owners touch owners. */
export async function changeMemberRole(
  sql: Sql,
  orgId: string,
  userId: string,
  role: z.infer<typeof memberRoleSchema>,
) {
  const rows = await sql.query(
    "update public.memberships set role = $3 where org_id = $1 and user_id = $2 returning user_id",
    [orgId, userId, role],
  );
  if (!rows[0]) throw new ApiError("not_found", "member not found");
}

export async function removeMember(sql: Sql, orgId: string, userId: string) {
  const rows = await sql.query("delete from public.memberships where org_id = $1 and user_id = $2 returning user_id", [
    orgId,
    userId,
  ]);
  if (!rows[0]) throw new ApiError("not_found", "member not found");
}
