import { z } from "zod";
import { orgRoute, parseWith } from "@/lib/api/handler";
import { getDraft } from "@/lib/assistant/drafts";

export const GET = orgRoute({}, async ({ sql, orgId, params }) =>
  getDraft(sql, orgId, parseWith(z.uuid(), params.id, "path: id")),
);
