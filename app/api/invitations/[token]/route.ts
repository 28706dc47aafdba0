import { publicRoute } from "@/lib/api/handler";
import { asService } from "@/lib/db";
import { previewInvitation } from "@/lib/orgs/invitations";

/** What the invitee sees before joining: which organisation, for which email, as what. */
export const GET = publicRoute({}, async ({ params }) => asService((sql) => previewInvitation(sql, params.token)));
