import { orgRoute } from "@/lib/api/handler";
import { bulkSchema, bulkUpdate } from "@/lib/inbox/bulk";

/** { ids, status?, assigneeId?, labels?: { add, remove } } — all or nothing. */
export const POST = orgRoute({ role: "agent", body: bulkSchema }, async ({ sql, orgId, body }) =>
  bulkUpdate(sql, orgId, body),
);
