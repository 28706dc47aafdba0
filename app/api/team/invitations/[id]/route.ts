import { z } from "zod";
import { orgRoute, parseWith } from "@/lib/api/handler";
import { revokeInvitation } from "@/lib/orgs/invitations";

export const DELETE = orgRoute({ role: "admin" }, async ({ sql, orgId, params }) =>
  revokeInvitation(sql, orgId, parseWith(z.uuid(), params.id, "path: id")),
);
