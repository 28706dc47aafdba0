import { z } from "zod";
import { orgRoute, parseWith } from "@/lib/api/handler";
import { revokeApiKey } from "@/lib/auth/api-keys";

export const DELETE = orgRoute({ role: "admin" }, async ({ sql, orgId, params }) =>
  revokeApiKey(sql, orgId, parseWith(z.uuid(), params.id, "path: id")),
);
