import { randomBytes } from "node:crypto";
import { z } from "zod";
import { sha256Hex } from "@/lib/crypto";
import { ApiError } from "@/lib/api/errors";
import { emailSchema, memberRoleSchema } from "@/lib/auth/types";
import type { Sql } from "@/lib/db";

export const invitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: memberRoleSchema,
  created_at: z.coerce.date(),
  expires_at: z.coerce.date(),
  accepted_at: z.coerce.date().nullable(),
});
export const createInvitationSchema = z.object({
  email: emailSchema,
  role: memberRoleSchema.exclude(["owner"]).default("agent"),
});
export const invitationPreviewSchema = z.object({
  org_name: z.string(),
  email: z.string(),
  role: memberRoleSchema,
  expired: z.boolean(),
});

const COLUMNS = "id, email, role, created_at, expires_at, accepted_at";

/** The link to hand to the invitee; no mail server is needed, an admin copies it. */
export const invitationPath = (token: string) => `/invite/${token}`;

export async function createInvitation(sql: Sql, orgId: string, input: z.infer<typeof createInvitationSchema>) {
  const token = randomBytes(24).toString("base64url");
  const [row] = await sql.query(
    `insert into public.invitations (org_id, email, role, token_hash) values ($1, $2, $3, $4) returning ${COLUMNS}`,
    [orgId, input.email, input.role, sha256Hex(token)],
  );
  return { invitation: invitationSchema.parse(row), token, path: invitationPath(token) };
}

export async function listInvitations(sql: Sql, orgId: string) {
  const rows = await sql.query(
    `select ${COLUMNS} from public.invitations where org_id = $1 and accepted_at is null order by created_at desc`,
    [orgId],
  );
  return rows.map((r) => invitationSchema.parse(r));
}

export async function revokeInvitation(sql: Sql, orgId: string, id: string) {
  const rows = await sql.query("delete from public.invitations where org_id = $1 and id = $2 returning id", [
    orgId,
    id,
  ]);
  if (!rows[0]) throw new ApiError("not_found", "invitation not found");
}

export async function previewInvitation(sql: Sql, token: string) {
  const [row] = await sql.query("select * from public.invitation_preview($1)", [sha256Hex(token)]);
  if (!row) throw new ApiError("not_found", "invitation not found");
  return invitationPreviewSchema.parse(row);
}

/** Joins the caller to the inviting organisation and makes it their active one. */
export async function acceptInvitation(sql: Sql, token: string) {
  const [row] = await sql.query<{ org_id: string; role: string }>(
    "select org_id, role from public.accept_invitation($1)",
    [sha256Hex(token)],
  );
  return row;
}
