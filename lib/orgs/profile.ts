import { z } from "zod";
import type { Sql } from "@/lib/db";

export const profileSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  full_name: z.string(),
  locale: z.enum(["en", "ru"]),
  active_org_id: z.uuid().nullable(),
});
export const updateProfileSchema = z
  .object({ full_name: z.string().trim().max(120), locale: z.enum(["en", "ru"]) })
  .partial();

export async function getMyProfile(sql: Sql) {
  const [row] = await sql.query(
    "select id, email, full_name, locale, active_org_id from public.profiles where id = auth.uid()",
  );
  return profileSchema.parse(row);
}

export async function updateMyProfile(sql: Sql, patch: z.infer<typeof updateProfileSchema>) {
  const [row] = await sql.query(
    `update public.profiles set full_name = coalesce($1, full_name), locale = coalesce($2, locale)
     where id = auth.uid() returning id, email, full_name, locale, active_org_id`,
    [patch.full_name ?? null, patch.locale ?? null],
  );
  return profileSchema.parse(row);
}
