import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Sql } from "@/lib/db";

// Saved replies. The organisation's (managers keep them) and each agent's own (only they see them: RLS).
// {{client_name}} and {{agent_name}} are filled in by the composer when one is inserted.

export const cannedVariables = ["client_name", "agent_name"] as const;

export const cannedResponseSchema = z.object({
  id: z.uuid(),
  shortcut: z.string(),
  title: z.string(),
  body: z.string(),
  /** personal: visible to its owner only. */
  scope: z.enum(["organization", "personal"]),
  updatedAt: z.string(),
});
export type CannedResponseView = z.infer<typeof cannedResponseSchema>;

const VARIABLE = /\{\{\s*([a-z_]+)\s*\}\}/g;

export const cannedInputSchema = z.object({
  shortcut: z
    .string()
    .trim()
    .regex(/^[\p{L}\p{N}_-]{1,40}$/u, "must be 1-40 letters, digits, - or _ (what follows / in the reply box)"),
  title: z.string().trim().min(1).max(120),
  body: z
    .string()
    .trim()
    .min(1)
    .max(4096)
    .refine(
      (body) => [...body.matchAll(VARIABLE)].every((m) => (cannedVariables as readonly string[]).includes(m[1])),
      {
        message: `only these variables: ${cannedVariables.map((v) => `{{${v}}}`).join(", ")}`,
      },
    ),
  scope: z.enum(["organization", "personal"]).default("personal"),
});
export const updateCannedSchema = cannedInputSchema
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "nothing to change" });

export const cannedQuerySchema = z.object({ q: z.string().trim().max(100).optional() });

type Row = { id: string; shortcut: string; title: string; body: string; owner_id: string | null; updated_at: Date };

const toView = (r: Row): CannedResponseView => ({
  id: r.id,
  shortcut: r.shortcut,
  title: r.title,
  body: r.body,
  scope: r.owner_id ? "personal" : "organization",
  updatedAt: new Date(r.updated_at).toISOString(),
});

const COLUMNS = "id, shortcut, title, body, owner_id, updated_at";

/** Fills the variables; an unknown one is left as written so the agent sees it before sending. */
export function fillCanned(body: string, values: Partial<Record<(typeof cannedVariables)[number], string>>) {
  return body.replace(VARIABLE, (whole, name: string) => values[name as keyof typeof values] || whole);
}

/** The organisation's and the caller's own (RLS), own first then by shortcut; q matches shortcut or title. */
export async function listCanned(sql: Sql, orgId: string, q?: string) {
  const rows = await sql.query<Row>(
    `select ${COLUMNS} from public.canned_responses
      where org_id = $1 and ($2::text is null or shortcut ilike $2 || '%' or title ilike '%' || $2 || '%')
      order by owner_id is null, lower(shortcut) limit 200`,
    [orgId, q || null],
  );
  return rows.map(toView);
}

const conflict = (error: unknown) => (error as { code?: string }).code === "23505";

export async function createCanned(sql: Sql, orgId: string, userId: string, input: z.output<typeof cannedInputSchema>) {
  try {
    const [row] = await sql.query<Row>(
      `insert into public.canned_responses (org_id, owner_id, shortcut, title, body) values ($1, $2, $3, $4, $5)
       returning ${COLUMNS}`,
      [orgId, input.scope === "personal" ? userId : null, input.shortcut, input.title, input.body],
    );
    return toView(row);
  } catch (error) {
    if (conflict(error)) throw new ApiError("conflict", `shortcut: /${input.shortcut} is already taken`);
    throw error;
  }
}

export async function updateCanned(
  sql: Sql,
  orgId: string,
  userId: string,
  id: string,
  patch: z.output<typeof updateCannedSchema>,
) {
  try {
    const [row] = await sql.query<Row>(
      `update public.canned_responses
          set shortcut = coalesce($3, shortcut), title = coalesce($4, title), body = coalesce($5, body),
              owner_id = case when $6::text is null then owner_id when $6 = 'personal' then $7::uuid else null end
        where org_id = $1 and id = $2 returning ${COLUMNS}`,
      [orgId, id, patch.shortcut ?? null, patch.title ?? null, patch.body ?? null, patch.scope ?? null, userId],
    );
    if (!row) throw await missing(sql, orgId, id);
    return toView(row);
  } catch (error) {
    if (conflict(error)) throw new ApiError("conflict", `shortcut: /${patch.shortcut} is already taken`);
    throw error;
  }
}

/** Why nothing changed: 404 for one the caller cannot see, 403 for one they see but RLS keeps them from changing. */
async function missing(sql: Sql, orgId: string, id: string) {
  const [seen] = await sql.query("select 1 from public.canned_responses where org_id = $1 and id = $2", [orgId, id]);
  return seen
    ? new ApiError("forbidden", "only managers change the organisation's canned responses")
    : new ApiError("not_found", "canned response not found");
}

export async function deleteCanned(sql: Sql, orgId: string, id: string) {
  const rows = await sql.query("delete from public.canned_responses where org_id = $1 and id = $2 returning id", [
    orgId,
    id,
  ]);
  if (!rows.length) throw await missing(sql, orgId, id);
}
