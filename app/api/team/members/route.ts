import { orgRoute } from "@/lib/api/handler";
import { listMembers } from "@/lib/orgs/members";

export const GET = orgRoute({}, async ({ sql, orgId }) => listMembers(sql, orgId));
