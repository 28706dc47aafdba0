import { orgRoute } from "@/lib/api/handler";
import { listMessages, messagesQuerySchema } from "@/lib/inbox/messages";

/** ?conversationId=&before=&limit= → { items (newest first), nextCursor (older) } */
export const GET = orgRoute({ query: messagesQuerySchema }, async ({ sql, orgId, role, query }) =>
  listMessages(sql, orgId, role, query),
);
