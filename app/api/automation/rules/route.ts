import { orgRoute } from "@/lib/api/handler";
import { createRule, listRules } from "@/lib/automation/rules";
import { createRuleSchema } from "@/lib/automation/schema";

export const GET = orgRoute({}, ({ sql, orgId }) => listRules(sql, orgId));

/** 201 with the rule and its webhook signing secret, shown this once. */
export const POST = orgRoute({ role: "manager", body: createRuleSchema }, async ({ sql, orgId, body }) =>
  Response.json(await createRule(sql, orgId, body), { status: 201 }),
);
