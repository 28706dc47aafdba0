import { afterCommit, userRoute } from "@/lib/api/handler";
import { reissueFromRequest } from "@/lib/auth/reissue";
import { switchOrganization, switchOrganizationSchema } from "@/lib/orgs/organizations";

export const POST = userRoute({ body: switchOrganizationSchema }, async ({ req, sql, body }) => {
  await switchOrganization(sql, body.orgId);
  return afterCommit(() => reissueFromRequest(req));
});
