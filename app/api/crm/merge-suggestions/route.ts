import { orgRoute } from "@/lib/api/handler";
import { listMergeSuggestions, mergeSuggestionsQuerySchema } from "@/lib/crm/merge";

/** The inbox's open merge suggestions; merge with POST /api/contacts/:id/merge, dismiss with PATCH …/merge-suggestions/:id. */
export const GET = orgRoute({ query: mergeSuggestionsQuerySchema }, ({ sql, orgId, query }) =>
  listMergeSuggestions(sql, orgId, query),
);
