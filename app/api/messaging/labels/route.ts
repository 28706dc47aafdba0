import { orgRoute } from "@/lib/api/handler";
import { createLabel, labelInputSchema, listLabels } from "@/lib/inbox/labels";

export const GET = orgRoute({}, async ({ sql, orgId }) => listLabels(sql, orgId));

/** { name, color } (managers) */
export const POST = orgRoute({ role: "manager", body: labelInputSchema }, async ({ sql, orgId, body }) =>
  Response.json(await createLabel(sql, orgId, body), { status: 201 }),
);
