import { z } from "zod";
import { orgRoute, parseWith } from "@/lib/api/handler";
import { mergeContacts, mergeContactSchema } from "@/lib/inbox/contact-merge";

/** { otherContactId } is merged into this contact → the merged contact. */
export const POST = orgRoute({ role: "agent", body: mergeContactSchema }, async ({ sql, orgId, params, body }) =>
  mergeContacts(sql, orgId, parseWith(z.uuid(), params.id, "path: id"), body.otherContactId),
);
