import { orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { deleteRule, getRule, updateRule } from "@/lib/automation/rules";
import { updateRuleSchema } from "@/lib/automation/schema";

export const GET = orgRoute({}, ({ sql, orgId, params }) => getRule(sql, orgId, uuidParam(params)));

export const PATCH = orgRoute({ role: "manager", body: updateRuleSchema }, ({ sql, orgId, params, body }) =>
  updateRule(sql, orgId, uuidParam(params), body),
);

export const DELETE = orgRoute({ role: "manager" }, ({ sql, orgId, params }) =>
  deleteRule(sql, orgId, uuidParam(params)),
);
