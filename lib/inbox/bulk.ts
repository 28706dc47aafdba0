import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";
import { changeLabels } from "./labels";

// Bulk actions on the list's selection: assign, label, resolve. All or nothing: one id the caller cannot see
// (another organisation's, or gone) is a 404 and nothing changes.

export const bulkSchema = z
  .object({
    ids: z.array(z.uuid()).min(1).max(200),
    status: z.enum(["open", "pending", "resolved"]).optional(),
    /** A member's user id, or null to unassign. */
    assigneeId: z.uuid().nullable().optional(),
    labels: z
      .object({ add: z.array(z.uuid()).max(20).default([]), remove: z.array(z.uuid()).max(20).default([]) })
      .optional(),
  })
  .refine((v) => v.status !== undefined || v.assigneeId !== undefined || v.labels !== undefined, {
    message: "nothing to change",
  });
export const bulkResultSchema = z.object({ updated: z.number().int() });

export async function bulkUpdate(sql: Sql, orgId: string, input: z.output<typeof bulkSchema>) {
  const ids = [...new Set(input.ids)];
  const found = await sql.query("select 1 from public.conversations where org_id = $1 and id = any ($2::uuid[])", [
    orgId,
    ids,
  ]);
  if (found.length !== ids.length) throw new ApiError("not_found", "ids: a conversation was not found");
  if (input.assigneeId) {
    const [member] = await sql.query("select 1 from public.memberships where org_id = $1 and user_id = $2", [
      orgId,
      input.assigneeId,
    ]);
    if (!member) throw new ApiError("bad_request", "assigneeId: not a member of this organisation");
  }
  if (input.status !== undefined || input.assigneeId !== undefined) {
    await sql.query(
      `update public.conversations
          set status = coalesce($3, status), assignee_id = case when $4 then $5::uuid else assignee_id end
        where org_id = $1 and id = any ($2::uuid[])`,
      [orgId, ids, input.status ?? null, input.assigneeId !== undefined, input.assigneeId ?? null],
    );
  }
  if (input.labels) await changeLabels(sql, orgId, ids, input.labels);
  return { updated: ids.length };
}
