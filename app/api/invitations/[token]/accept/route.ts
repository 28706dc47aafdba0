import { afterCommit, userRoute } from "@/lib/api/handler";
import { reissueFromRequest } from "@/lib/auth/reissue";
import { acceptInvitation } from "@/lib/orgs/invitations";

export const POST = userRoute({}, async ({ req, sql, params }) => {
  await acceptInvitation(sql, params.token);
  return afterCommit(() => reissueFromRequest(req));
});
