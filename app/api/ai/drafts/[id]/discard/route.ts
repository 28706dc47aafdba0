import { z } from "zod";
import { orgRoute, parseWith } from "@/lib/api/handler";
import { discardDraft } from "@/lib/assistant/drafts";

export const POST = orgRoute({ role: "agent" }, async ({ sql, orgId, params }) =>
  discardDraft(sql, orgId, parseWith(z.uuid(), params.id, "path: id")),
);
