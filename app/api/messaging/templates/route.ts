import { afterCommit, orgRoute } from "@/lib/api/handler";
import {
  createTemplate,
  createTemplateSchema,
  listTemplates,
  submitTemplate,
  templatesQuerySchema,
} from "@/lib/inbox/templates";

/** ?channelId=&status= */
export const GET = orgRoute({ query: templatesQuerySchema }, async ({ sql, orgId, query }) =>
  listTemplates(sql, orgId, query),
);

/** Stores the template and, on WhatsApp, submits it for approval (it comes back pending). */
export const POST = orgRoute({ role: "admin", body: createTemplateSchema }, async ({ sql, orgId, body }) => {
  const stored = await createTemplate(sql, orgId, body);
  return afterCommit(async () => Response.json(await submitTemplate(orgId, stored, body.examples), { status: 201 }));
});
