import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { roleAtLeast, type MemberRole } from "@/lib/auth/types";
import type { Sql } from "@/lib/db";
import { assignClients, clientIdsSchema } from "./team";

// The Contacts table's bulk actions on the selected rows: assign, add or remove tags, delete.

const tagList = z
  .array(z.string().trim().min(1).max(50))
  .min(1, "needs at least one tag")
  .max(20)
  .transform((tags) => [...new Set(tags)]);

export const bulkClientsSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("assign"), ids: clientIdsSchema, userId: z.uuid().nullable() }),
  z.object({ action: z.literal("tag"), ids: clientIdsSchema, tags: tagList }),
  z.object({ action: z.literal("untag"), ids: clientIdsSchema, tags: tagList }),
  z.object({ action: z.literal("delete"), ids: clientIdsSchema }),
]);
export const bulkResultSchema = z.object({ affected: z.number().int() });

export async function bulkClients(
  sql: Sql,
  orgId: string,
  role: MemberRole,
  input: z.output<typeof bulkClientsSchema>,
) {
  const ids = [...new Set(input.ids)];
  if (input.action === "assign") return { affected: (await assignClients(sql, orgId, ids, input.userId)).assigned };
  if (input.action === "delete") {
    if (!roleAtLeast(role, "manager")) throw new ApiError("forbidden", "only managers delete clients");
    const found = await sql.query("select id from public.contacts where org_id = $1 and id = any ($2::uuid[])", [
      orgId,
      ids,
    ]);
    if (found.length !== ids.length) throw new ApiError("not_found", "contact not found");
    const rows = await sql.query(
      "delete from public.contacts where org_id = $1 and id = any ($2::uuid[]) returning id",
      [orgId, ids],
    );
    return { affected: rows.length };
  }
  const rows = await sql.query<{ id: string; n: number }>(
    input.action === "tag"
      ? `update public.contacts
            set tags = tags || array(select t from unnest($3::text[]) t where t <> all (tags))
          where org_id = $1 and id = any ($2::uuid[]) and merged_into is null returning id, cardinality(tags) as n`
      : `update public.contacts set tags = array(select t from unnest(tags) t where t <> all ($3::text[]))
          where org_id = $1 and id = any ($2::uuid[]) and merged_into is null returning id, cardinality(tags) as n`,
    [orgId, ids, input.tags],
  );
  if (rows.length !== ids.length) throw new ApiError("not_found", "contact not found");
  return { affected: rows.length };
}
