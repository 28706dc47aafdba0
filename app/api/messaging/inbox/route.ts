import { orgRoute } from "@/lib/api/handler";
import { inboxQuerySchema, listInbox } from "@/lib/inbox/inbox";

/** ?channel=&status=&assignee=me|unassigned|<id>&unread=true&q=&cursor=&limit= → { items, nextCursor } */
export const GET = orgRoute({ query: inboxQuerySchema }, async ({ sql, orgId, principal, query }) =>
  listInbox(sql, orgId, principal.kind === "user" ? principal.userId : undefined, query),
);
