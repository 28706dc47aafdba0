import { z } from "zod";
import { orgRoute, parseWith } from "@/lib/api/handler";
import { dismissSuggestion, resolveSuggestionSchema } from "@/lib/inbox/contact-merge";

/** { status: "dismissed" }: the two contacts are different people. */
export const PATCH = orgRoute({ role: "agent", body: resolveSuggestionSchema }, async ({ sql, orgId, params }) =>
  dismissSuggestion(sql, orgId, parseWith(z.uuid(), params.id, "path: id")),
);
