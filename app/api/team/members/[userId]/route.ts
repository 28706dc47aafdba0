import { z } from "zod";
import { orgRoute, parseWith } from "@/lib/api/handler";
import { changeMemberRole, changeRoleSchema, removeMember } from "@/lib/orgs/members";

const id = (params: Record<string, string>) => parseWith(z.uuid(), params.userId, "path: userId");

export const PATCH = orgRoute({ role: "admin", body: changeRoleSchema }, async ({ sql, orgId, params, body }) =>
  changeMemberRole(sql, orgId, id(params), body.role),
);

export const DELETE = orgRoute({ role: "admin" }, async ({ sql, orgId, params }) =>
  removeMember(sql, orgId, id(params)),
);
