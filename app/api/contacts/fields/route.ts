import { orgRoute } from "@/lib/api/handler";
import { createContactField, createContactFieldSchema, listContactFields } from "@/lib/inbox/contact-fields";

export const GET = orgRoute({}, async ({ sql, orgId }) => listContactFields(sql, orgId));

/** { label, type: text|number|date|select, options? } (admins) */
export const POST = orgRoute({ role: "admin", body: createContactFieldSchema }, async ({ sql, orgId, body }) =>
  Response.json(await createContactField(sql, orgId, body), { status: 201 }),
);
