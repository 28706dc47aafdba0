import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";

// The organisation's reasons a deal is lost, offered when a card goes to a "lost" stage. The list suggests;
// deals.lost_reason keeps the words chosen (or typed), so renaming or deleting a reason rewrites no deal.

export const lostReasonSchema = z.object({ id: z.uuid(), label: z.string(), position: z.number().int() });
export type LostReasonView = z.infer<typeof lostReasonSchema>;

export const createLostReasonSchema = z.object({
  label: z.string().trim().min(1, "is required").max(200),
  position: z.number().int().min(0).max(10_000).optional(),
});
export const updateLostReasonSchema = createLostReasonSchema.partial();

const COLUMNS = "id, label, position";

export async function listLostReasons(sql: Sql): Promise<LostReasonView[]> {
  const rows = await sql.query(`select ${COLUMNS} from public.lost_reasons order by position, created_at, id`);
  return rows.map((r) => lostReasonSchema.parse(r));
}

async function duplicate(sql: Sql, orgId: string, label: string, self?: string) {
  const [row] = await sql.query(
    "select 1 from public.lost_reasons where org_id = $1 and lower(label) = lower($2) and ($3::uuid is null or id <> $3)",
    [orgId, label, self ?? null],
  );
  if (row) throw new ApiError("conflict", "label: that reason is already in the list", { reason: "duplicate" });
}

export async function createLostReason(sql: Sql, orgId: string, input: z.output<typeof createLostReasonSchema>) {
  await duplicate(sql, orgId, input.label);
  const [row] = await sql.query(
    `insert into public.lost_reasons (org_id, label, position)
     values ($1, $2, coalesce($3, (select coalesce(max(position), 0) + 1 from public.lost_reasons where org_id = $1)))
     returning ${COLUMNS}`,
    [orgId, input.label, input.position ?? null],
  );
  return lostReasonSchema.parse(row);
}

export async function updateLostReason(
  sql: Sql,
  orgId: string,
  id: string,
  patch: z.output<typeof updateLostReasonSchema>,
) {
  const [current] = await sql.query("select 1 from public.lost_reasons where id = $1", [id]);
  if (!current) throw new ApiError("not_found", "lost reason not found");
  if (patch.label) await duplicate(sql, orgId, patch.label, id);
  const [row] = await sql.query(
    `update public.lost_reasons set label = coalesce($2, label), position = coalesce($3, position)
      where id = $1 returning ${COLUMNS}`,
    [id, patch.label ?? null, patch.position ?? null],
  );
  if (!row) throw new ApiError("forbidden", "only managers change lost reasons");
  return lostReasonSchema.parse(row);
}

export async function deleteLostReason(sql: Sql, id: string) {
  const [current] = await sql.query("select 1 from public.lost_reasons where id = $1", [id]);
  if (!current) throw new ApiError("not_found", "lost reason not found");
  const rows = await sql.query("delete from public.lost_reasons where id = $1 returning id", [id]);
  if (!rows.length) throw new ApiError("forbidden", "only managers delete lost reasons");
}
