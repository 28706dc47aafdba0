import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";

// Each member's identity on a connection: extension (bridge, AMI), manager code (RetailCRM), phone or SIP
// address (what Twilio rings). Admins set them in Settings → Telephony.

export const extensionSchema = z.object({
  connectionId: z.uuid(),
  userId: z.uuid(),
  memberName: z.string(),
  email: z.string(),
  extension: z.string().nullable(),
  managerCode: z.string().nullable(),
  phone: z.string().nullable(),
});
export type ExtensionView = z.infer<typeof extensionSchema>;
export const extensionsSchema = z.object({ extensions: z.array(extensionSchema) });

const optional = (re: RegExp, msg: string, max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .refine((v) => v === null || re.test(v), msg)
    .nullish();

export const setExtensionSchema = z.object({
  connectionId: z.uuid(),
  userId: z.uuid(),
  extension: optional(/^[0-9A-Za-z*#_.-]{1,40}$/, "must be digits or letters, up to 40", 40),
  managerCode: optional(/^.{1,100}$/, "must be up to 100 characters", 100),
  phone: optional(/^(\+[1-9][0-9]{6,14}|sips?:[^\s]{3,195})$/, "must be an E.164 number or a sip: address", 200),
});

export async function listExtensions(sql: Sql, orgId: string): Promise<ExtensionView[]> {
  return sql.query<ExtensionView>(
    `select e.connection_id as "connectionId", e.user_id as "userId", p.full_name as "memberName", p.email,
            e.extension, e.manager_code as "managerCode", e.phone
       from public.telephony_extensions e join public.profiles p on p.id = e.user_id
      where e.org_id = $1 order by e.connection_id, p.full_name, p.email`,
    [orgId],
  );
}

/** Sets a member's extension (all empty removes it). 404 for another organisation's connection or member. */
export async function setExtension(sql: Sql, orgId: string, input: z.output<typeof setExtensionSchema>) {
  const [ok] = await sql.query(
    `select 1 from public.telephony_connections t, public.memberships m
      where t.org_id = $1 and t.id = $2 and m.org_id = $1 and m.user_id = $3`,
    [orgId, input.connectionId, input.userId],
  );
  if (!ok) throw new ApiError("not_found", "no such connection or member");
  const { extension = null, managerCode = null, phone = null } = input;
  if (!extension && !managerCode && !phone) {
    await sql.query("delete from public.telephony_extensions where connection_id = $1 and user_id = $2", [
      input.connectionId,
      input.userId,
    ]);
    return;
  }
  try {
    await sql.query(
      `insert into public.telephony_extensions (org_id, connection_id, user_id, extension, manager_code, phone)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (connection_id, user_id) do update
         set extension = excluded.extension, manager_code = excluded.manager_code, phone = excluded.phone`,
      [orgId, input.connectionId, input.userId, extension, managerCode, phone],
    );
  } catch (error) {
    if ((error as { code?: string }).code === "23505")
      throw new ApiError("conflict", "extension: another member has this extension on the connection");
    throw error;
  }
}
