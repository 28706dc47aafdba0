import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { clientsPageSchema, clientsQuerySchema, listClients } from "./clients-list";

// Seed 003's Team service: clients assigned to members, and the shared client base (those assigned to no one).

export const MAX_BULK = 500;
export const clientIdsSchema = z.array(z.uuid()).min(1, "needs at least one id").max(MAX_BULK);

export const assignClientsSchema = z.object({
  contactIds: clientIdsSchema,
  /** The member to assign to; null returns the clients to the shared base. */
  userId: z.uuid().nullable(),
});
export const assignResultSchema = z.object({ assigned: z.number().int() });

export const sharedClientsQuerySchema = clientsQuerySchema.omit({ owner: true });
export const sharedClientsSchema = clientsPageSchema.extend({
  /** With own-deals-only, agents and viewers see only the deals they own (crm_settings). */
  ownDealsOnly: z.boolean(),
});

/** A member of the organisation (400 naming `field` otherwise). */
export async function checkMember(sql: Sql, orgId: string, userId: string | null | undefined, field = "ownerId") {
  if (!userId) return;
  const [row] = await sql.query("select 1 from public.memberships where org_id = $1 and user_id = $2", [orgId, userId]);
  if (!row) throw new ApiError("bad_request", `${field}: not a member of the organisation`);
}

/** Assigns the clients (agents, through RLS); ids of another organisation or unknown are a 404, nothing changed. */
export async function assignClients(sql: Sql, orgId: string, contactIds: string[], userId: string | null) {
  await checkMember(sql, orgId, userId, "userId");
  const ids = [...new Set(contactIds)];
  const rows = await sql.query<{ id: string }>(
    `update public.contacts set owner_id = $3
      where org_id = $1 and id = any ($2::uuid[]) and merged_into is null returning id`,
    [orgId, ids, userId],
  );
  if (rows.length !== ids.length) throw new ApiError("not_found", "contact not found");
  return { assigned: rows.length };
}

/** The shared client base: clients assigned to no one, in the Contacts table's shape. */
export async function listSharedClients(sql: Sql, orgId: string, query: z.output<typeof sharedClientsQuerySchema>) {
  const page = await listClients(sql, orgId, { ...query, owner: "none" });
  const [settings] = await sql.query<{ own_deals_only: boolean }>(
    "select own_deals_only from public.crm_settings where org_id = $1",
    [orgId],
  );
  return sharedClientsSchema.parse({ ...page, ownDealsOnly: settings?.own_deals_only ?? false });
}
