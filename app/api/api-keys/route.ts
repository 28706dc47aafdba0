import { orgRoute } from "@/lib/api/handler";
import { createApiKey, createApiKeySchema, listApiKeys } from "@/lib/auth/api-keys";

export const GET = orgRoute({ role: "admin" }, async ({ sql, orgId }) => listApiKeys(sql, orgId));

/** The secret is in this answer only; afterwards only its prefix is shown. */
export const POST = orgRoute({ role: "admin", body: createApiKeySchema }, async ({ sql, orgId, body }) =>
  Response.json(await createApiKey(sql, orgId, body), { status: 201 }),
);
