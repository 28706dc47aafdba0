import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { getContact } from "./contact-panel";

export const mergeContactSchema = z.object({ otherContactId: z.uuid() });
export const resolveSuggestionSchema = z.object({ status: z.literal("dismissed") });

/**
 * Merges `otherId` into `keepId` (agents, through RLS): the other's identities, conversations and lead move over,
 * fields the kept contact lacks are filled from it, tags are joined, notes appended; the other stays as a
 * pointer (merged_into) so anything still holding its id finds the survivor. The lead's analysis is stale
 * until it is refreshed (the route schedules that).
 */
export async function mergeContacts(sql: Sql, orgId: string, keepId: string, otherId: string) {
  if (keepId === otherId) throw new ApiError("bad_request", "otherContactId: cannot merge a contact into itself");
  const rows = await sql.query<{ id: string }>(
    `select id from public.contacts where org_id = $1 and id in ($2, $3) and merged_into is null for update`,
    [orgId, keepId, otherId],
  );
  if (rows.length !== 2) throw new ApiError("not_found", "contact not found (or already merged)");
  await sql.query(
    `update public.contacts keep
        set name = case when keep.name = '' then other.name else keep.name end,
            phone = coalesce(keep.phone, other.phone),
            email = coalesce(keep.email, other.email),
            username = coalesce(keep.username, other.username),
            language = coalesce(keep.language, other.language),
            tags = array(select distinct unnest(keep.tags || other.tags)),
            notes = concat_ws(E'\\n\\n', nullif(keep.notes, ''), nullif(other.notes, '')),
            opted_out_at = coalesce(keep.opted_out_at, other.opted_out_at)
       from public.contacts other
      where keep.org_id = $1 and keep.id = $2 and other.id = $3`,
    [orgId, keepId, otherId],
  );
  await sql.query("update public.contact_identities set contact_id = $2 where org_id = $1 and contact_id = $3", [
    orgId,
    keepId,
    otherId,
  ]);
  await sql.query("update public.conversations set contact_id = $2 where org_id = $1 and contact_id = $3", [
    orgId,
    keepId,
    otherId,
  ]);
  await sql.query("select private.merge_leads($1, $2, $3)", [orgId, keepId, otherId]);
  // Deals, notes and tasks follow the person (lib/crm; a definer function: notes and hidden deals move too).
  await sql.query("select private.merge_crm_records($1, $2, $3)", [orgId, keepId, otherId]);
  await sql.query(
    // Contacts merged into the other earlier now point at the survivor too.
    `update public.contacts set merged_into = $2 where org_id = $1 and (id = $3 or merged_into = $3)`,
    [orgId, keepId, otherId],
  );
  await sql.query(
    `update public.contact_merge_suggestions set status = 'merged', resolved_at = now(), resolved_by = auth.uid()
      where org_id = $1 and status = 'open' and $2::uuid in (contact_id, other_contact_id)`,
    [orgId, otherId],
  );
  // The survivor may now look like someone else (the other's phone or username).
  await sql.query("select private.suggest_merges($1, $2)", [orgId, keepId]);
  return getContact(sql, orgId, keepId);
}

/** An agent decided the two contacts are different people. */
export async function dismissSuggestion(sql: Sql, orgId: string, id: string) {
  const rows = await sql.query(
    `update public.contact_merge_suggestions set status = 'dismissed', resolved_at = now(), resolved_by = auth.uid()
      where org_id = $1 and id = $2 and status = 'open' returning id`,
    [orgId, id],
  );
  if (!rows.length) throw new ApiError("not_found", "no open suggestion with this id");
}
