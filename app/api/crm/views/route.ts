import { orgRoute } from "@/lib/api/handler";
import { createView, createViewSchema, listViews, viewsQuerySchema } from "@/lib/crm/views";

export const GET = orgRoute({ query: viewsQuerySchema }, ({ sql, orgId, query }) => listViews(sql, orgId, query.kind));

export const POST = orgRoute({ body: createViewSchema }, async ({ sql, orgId, body }) =>
  Response.json(await createView(sql, orgId, body), { status: 201 }),
);
