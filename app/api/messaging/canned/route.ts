import { ApiError } from "@/lib/api/errors";
import { orgRoute } from "@/lib/api/handler";
import { cannedInputSchema, cannedQuerySchema, createCanned, listCanned } from "@/lib/inbox/canned";

/** The organisation's canned responses and the caller's own; ?q= filters by shortcut or title. */
export const GET = orgRoute({ query: cannedQuerySchema }, async ({ sql, orgId, query }) =>
  listCanned(sql, orgId, query.q),
);

/** { shortcut, title, body, scope: personal (default) | organization (managers) } */
export const POST = orgRoute({ role: "agent", body: cannedInputSchema }, async ({ sql, orgId, principal, body }) => {
  if (principal.kind !== "user" && body.scope === "personal")
    throw new ApiError("bad_request", "scope: a personal canned response needs a signed-in user");
  const userId = principal.kind === "user" ? principal.userId : "";
  return Response.json(await createCanned(sql, orgId, userId, body), { status: 201 });
});
