import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";

// Conversation labels ("VIP", "complaint", "wholesale"): managers keep the list, agents put them on
// conversations; the list filters by one and shows them on its rows. Contact tags stay the contact's.

export const labelColors = ["gray", "red", "orange", "amber", "green", "teal", "blue", "violet", "pink"] as const;

export const labelSchema = z.object({ id: z.uuid(), name: z.string(), color: z.enum(labelColors) });
export type LabelView = z.infer<typeof labelSchema>;

export const labelInputSchema = z.object({
  name: z.string().trim().min(1).max(40),
  color: z.enum(labelColors).default("blue"),
});
export const updateLabelSchema = labelInputSchema
  .partial()
  .refine((v) => v.name !== undefined || v.color !== undefined, { message: "nothing to change" });

/** Labels to add to and take off a conversation. */
export const conversationLabelsSchema = z
  .object({ add: z.array(z.uuid()).max(20).default([]), remove: z.array(z.uuid()).max(20).default([]) })
  .refine((v) => v.add.length + v.remove.length > 0, { message: "nothing to change" });

const COLUMNS = "id, name, color";

export const listLabels = (sql: Sql, orgId: string) =>
  sql.query<LabelView>(`select ${COLUMNS} from public.labels where org_id = $1 order by lower(name)`, [orgId]);

const taken = (error: unknown, name: string | undefined) => {
  if ((error as { code?: string }).code === "23505")
    return new ApiError("conflict", `name: "${name}" is already a label`);
  return error;
};

export async function createLabel(sql: Sql, orgId: string, input: z.output<typeof labelInputSchema>) {
  try {
    const [row] = await sql.query<LabelView>(
      `insert into public.labels (org_id, name, color) values ($1, $2, $3) returning ${COLUMNS}`,
      [orgId, input.name, input.color],
    );
    return row;
  } catch (error) {
    throw taken(error, input.name);
  }
}

export async function updateLabel(sql: Sql, orgId: string, id: string, patch: z.output<typeof updateLabelSchema>) {
  try {
    const [row] = await sql.query<LabelView>(
      `update public.labels set name = coalesce($3, name), color = coalesce($4, color)
        where org_id = $1 and id = $2 returning ${COLUMNS}`,
      [orgId, id, patch.name ?? null, patch.color ?? null],
    );
    if (!row) throw new ApiError("not_found", "label not found");
    return row;
  } catch (error) {
    throw taken(error, patch.name);
  }
}

export async function deleteLabel(sql: Sql, orgId: string, id: string) {
  const rows = await sql.query("delete from public.labels where org_id = $1 and id = $2 returning id", [orgId, id]);
  if (!rows.length) throw new ApiError("not_found", "label not found");
}

/** Every id must be a label of the organisation: 400 naming the field otherwise (another org's ids included). */
async function assertLabels(sql: Sql, orgId: string, ids: string[], field: string) {
  if (!ids.length) return;
  const found = await sql.query("select 1 from public.labels where org_id = $1 and id = any ($2::uuid[])", [
    orgId,
    [...new Set(ids)],
  ]);
  if (found.length !== new Set(ids).size)
    throw new ApiError("bad_request", `${field}: not a label of this organisation`);
}

/** Adds and removes labels on these conversations (one or, from bulk actions, many) in one statement each. */
export async function changeLabels(
  sql: Sql,
  orgId: string,
  conversationIds: string[],
  change: { add: string[]; remove: string[] },
) {
  await assertLabels(sql, orgId, change.add, "add");
  await assertLabels(sql, orgId, change.remove, "remove");
  if (change.add.length) {
    await sql.query(
      `insert into public.conversation_labels (org_id, conversation_id, label_id)
       select $1, c.id, l from public.conversations c, unnest($3::uuid[]) l
        where c.org_id = $1 and c.id = any ($2::uuid[])
       on conflict do nothing`,
      [orgId, conversationIds, change.add],
    );
  }
  if (change.remove.length) {
    await sql.query(
      `delete from public.conversation_labels
        where org_id = $1 and conversation_id = any ($2::uuid[]) and label_id = any ($3::uuid[])`,
      [orgId, conversationIds, change.remove],
    );
  }
}
