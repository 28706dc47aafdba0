import { afterCommit, userRoute } from "@/lib/api/handler";
import { reissueFromRequest } from "@/lib/auth/reissue";
import { createOrganization, createOrganizationSchema, listMyOrganizations } from "@/lib/orgs/organizations";

export const GET = userRoute({}, async ({ sql }) => listMyOrganizations(sql));

/** A new organisation, owned by the caller, becomes the active one. */
export const POST = userRoute({ body: createOrganizationSchema }, async ({ req, sql, body }) => {
  await createOrganization(sql, body.name);
  return afterCommit(() => reissueFromRequest(req));
});
