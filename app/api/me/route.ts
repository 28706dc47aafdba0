import { orgRoute } from "@/lib/api/handler";
import { getOrganization, listMyOrganizations } from "@/lib/orgs/organizations";
import { getMyProfile, updateMyProfile, updateProfileSchema } from "@/lib/orgs/profile";

/** What the app shell needs: who I am, where I am, what I may do, and where else I could be. */
export const GET = orgRoute({}, async ({ sql, orgId, role, principal }) => ({
  user: principal.kind === "user" ? await getMyProfile(sql) : null,
  organization: await getOrganization(sql, orgId),
  role,
  organizations: await listMyOrganizations(sql),
}));

export const PATCH = orgRoute({ body: updateProfileSchema }, async ({ sql, body }) => updateMyProfile(sql, body));
