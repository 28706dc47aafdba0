import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { parseWith } from "@/lib/api/handler";
import type { Sql } from "@/lib/db";
import { iso } from "@/lib/pipeline/sql";
import { CLIENT_SORTS, clientFiltersSchema } from "./clients-list";

// Saved views of the Contacts / Companies table: a name, the filters and the sort; personal unless shared.

const COMPANY_SORTS = ["created", "name"] as const;
export const companyFiltersSchema = z.object({ q: z.string().trim().max(200).optional() });

export const viewSchema = z.object({
  id: z.uuid(),
  kind: z.enum(["contacts", "companies"]),
  name: z.string(),
  filters: z.record(z.string(), z.string()),
  sort: z.string(),
  order: z.enum(["asc", "desc"]),
  shared: z.boolean(),
  mine: z.boolean(),
  createdAt: z.string(),
});
export const viewsSchema = z.object({ views: z.array(viewSchema) });
export const viewsQuerySchema = z.object({ kind: z.enum(["contacts", "companies"]).default("contacts") });

const base = {
  name: z.string().trim().min(1, "is required").max(80),
  order: z.enum(["asc", "desc"]).default("desc"),
  shared: z.boolean().default(false),
};
export const createViewSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("contacts"),
    ...base,
    filters: clientFiltersSchema.default({}),
    sort: z.enum(CLIENT_SORTS).default("created"),
  }),
  z.object({
    kind: z.literal("companies"),
    ...base,
    filters: companyFiltersSchema.default({}),
    sort: z.enum(COMPANY_SORTS).default("created"),
  }),
]);
export const updateViewSchema = z.object({
  name: base.name.optional(),
  shared: z.boolean().optional(),
  order: base.order.unwrap().optional(),
  /** Checked against the view's kind. */
  filters: z.record(z.string(), z.unknown()).optional(),
  sort: z.string().max(40).optional(),
});

const SELECT = `select v.id, v.kind, v.name, v.filters, v.sort, v.sort_order as "order", v.shared,
  v.user_id = auth.uid() as mine, ${iso("v.created_at")} as "createdAt" from public.contact_views v`;

export async function listViews(sql: Sql, orgId: string, kind: "contacts" | "companies") {
  const rows = await sql.query(`${SELECT} where v.org_id = $1 and v.kind = $2 order by v.shared, lower(v.name), v.id`, [
    orgId,
    kind,
  ]);
  return viewsSchema.parse({ views: rows });
}

async function getView(sql: Sql, orgId: string, id: string) {
  const [row] = await sql.query(`${SELECT} where v.org_id = $1 and v.id = $2`, [orgId, id]);
  if (!row) throw new ApiError("not_found", "view not found");
  return viewSchema.parse(row);
}

const stored = (filters: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== ""));

export async function createView(sql: Sql, orgId: string, input: z.output<typeof createViewSchema>) {
  const [row] = await sql
    .query<{ id: string }>(
      `insert into public.contact_views (org_id, kind, name, filters, sort, sort_order, shared)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [orgId, input.kind, input.name, JSON.stringify(stored(input.filters)), input.sort, input.order, input.shared],
    )
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === "42501")
        throw new ApiError("forbidden", "shared: viewers save personal views only");
      throw error;
    });
  return getView(sql, orgId, row.id);
}

export async function updateView(sql: Sql, orgId: string, id: string, patch: z.output<typeof updateViewSchema>) {
  const view = await getView(sql, orgId, id);
  if (!view.mine) throw new ApiError("forbidden", "only its author changes a view");
  const v = parseWith(
    createViewSchema,
    {
      kind: view.kind,
      name: patch.name ?? view.name,
      filters: patch.filters ?? view.filters,
      sort: patch.sort ?? view.sort,
      order: patch.order ?? view.order,
      shared: patch.shared ?? view.shared,
    },
    "body",
  );
  const rows = await sql
    .query(
      `update public.contact_views set name = $3, filters = $4, sort = $5, sort_order = $6, shared = $7
      where org_id = $1 and id = $2 returning id`,
      [orgId, id, v.name, JSON.stringify(stored(v.filters)), v.sort, v.order, v.shared],
    )
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === "42501")
        throw new ApiError("forbidden", "shared: viewers save personal views only");
      throw error;
    });
  if (!rows.length) throw new ApiError("forbidden", "only its author changes a view");
  return getView(sql, orgId, id);
}

export async function deleteView(sql: Sql, orgId: string, id: string) {
  await getView(sql, orgId, id);
  const rows = await sql.query("delete from public.contact_views where org_id = $1 and id = $2 returning id", [
    orgId,
    id,
  ]);
  if (!rows.length) throw new ApiError("forbidden", "only its author or a manager deletes a view");
}
