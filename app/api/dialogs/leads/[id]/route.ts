import { z } from "zod";
import { orgRoute, parseWith } from "@/lib/api/handler";
import { loadAiSettings } from "@/lib/ai/settings";
import { updateLead, updateLeadSchema } from "@/lib/dialogs/leads";
import { checkAccount } from "@/lib/dialogs/queries";

/** Corrects a lead; its score is computed again (a person's stage wins over the model's). */
export const PATCH = orgRoute({ role: "agent", body: updateLeadSchema }, async ({ sql, orgId, params, body }) => {
  checkAccount(orgId, body.userAccountId);
  const id = parseWith(z.uuid(), params.id, "path: id");
  const { scoringPreset } = await loadAiSettings(sql, orgId);
  return updateLead(sql, orgId, id, body, scoringPreset);
});
