import { z } from "zod";
import type { Op } from "@/lib/api/openapi";
import {
  createRuleSchema,
  deliveriesPageSchema,
  dryRunResultSchema,
  dryRunSchema,
  logQuerySchema,
  ruleSchema,
  ruleWithSecretSchema,
  runsPageSchema,
  updateRuleSchema,
} from "./schema";

// Seed 003's Automation service in /api/openapi.json.
export const automationOperations: Op[] = [
  {
    method: "get",
    path: "/api/automation/rules",
    summary: "Automation rules, oldest first, with when each last fired and on what deal",
    tag: "automation",
    response: z.array(ruleSchema),
  },
  {
    method: "post",
    path: "/api/automation/rules",
    summary: "Create a rule (managers; disabled unless `enabled`); answers its webhook signing secret once",
    tag: "automation",
    body: createRuleSchema,
    response: ruleWithSecretSchema,
    status: 201,
  },
  { method: "get", path: "/api/automation/rules/{id}", summary: "A rule", tag: "automation", response: ruleSchema },
  {
    method: "patch",
    path: "/api/automation/rules/{id}",
    summary: "Change a rule, switch it on or off, or rotate its signing secret (managers)",
    tag: "automation",
    body: updateRuleSchema,
    response: ruleWithSecretSchema,
  },
  {
    method: "delete",
    path: "/api/automation/rules/{id}",
    summary: "Delete a rule with its log (managers)",
    tag: "automation",
    status: 204,
  },
  {
    method: "post",
    path: "/api/automation/rules/{id}/test",
    summary: "Dry run on one deal: whether the rule would fire and what it would do; changes nothing",
    tag: "automation",
    body: dryRunSchema,
    response: dryRunResultSchema,
  },
  {
    method: "get",
    path: "/api/automation/rules/{id}/runs",
    summary: "The rule's run log, newest first (keyset cursor)",
    tag: "automation",
    query: logQuerySchema,
    response: runsPageSchema,
  },
  {
    method: "get",
    path: "/api/automation/rules/{id}/deliveries",
    summary: "Every attempt to call the rule's webhook, newest first (keyset cursor)",
    tag: "automation",
    query: logQuerySchema,
    response: deliveriesPageSchema,
  },
];
