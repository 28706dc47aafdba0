import { orgRoute } from "@/lib/api/handler";
import { appUrl } from "@/lib/app-url";
import { createInvitation, createInvitationSchema, listInvitations } from "@/lib/orgs/invitations";

export const GET = orgRoute({ role: "admin" }, async ({ sql, orgId }) => listInvitations(sql, orgId));

/** The link is in the answer (shown once) for the admin to pass on; no mail server is needed. */
export const POST = orgRoute({ role: "admin", body: createInvitationSchema }, async ({ req, sql, orgId, body }) => {
  const { invitation, path } = await createInvitation(sql, orgId, body);
  return Response.json({ invitation, url: new URL(path, appUrl(req)).toString() }, { status: 201 });
});
