import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { orgRoute, parseWith } from "@/lib/api/handler";
import { deleteCanned, updateCanned, updateCannedSchema } from "@/lib/inbox/canned";

const idOf = (params: Record<string, string>) => parseWith(z.uuid(), params.id, "path: id");

export const PATCH = orgRoute(
  { role: "agent", body: updateCannedSchema },
  async ({ sql, orgId, principal, params, body }) => {
    if (principal.kind !== "user" && body.scope === "personal")
      throw new ApiError("bad_request", "scope: a personal canned response needs a signed-in user");
    return updateCanned(sql, orgId, principal.kind === "user" ? principal.userId : "", idOf(params), body);
  },
);

export const DELETE = orgRoute({ role: "agent" }, async ({ sql, orgId, params }) => {
  await deleteCanned(sql, orgId, idOf(params));
  return new Response(null, { status: 204 });
});
