import { orgRoute } from "@/lib/api/handler";
import { countUnread } from "@/lib/inbox/inbox";

/** { conversations }: how many open conversations have unread client messages. */
export const GET = orgRoute({}, async ({ sql, orgId }) => countUnread(sql, orgId));
