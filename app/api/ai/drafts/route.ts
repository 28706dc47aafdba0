import { orgRoute } from "@/lib/api/handler";
import { draftsQuerySchema, listDrafts } from "@/lib/assistant/drafts";

/** ?conversationId=&status=pending: newest first. */
export const GET = orgRoute({ query: draftsQuerySchema }, async ({ sql, orgId, query }) =>
  listDrafts(sql, orgId, query),
);
