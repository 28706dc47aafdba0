import { orgRoute } from "@/lib/api/handler";
import { loadAiSettings } from "@/lib/ai/settings";
import { createLead, createLeadSchema } from "@/lib/dialogs/leads";
import { checkAccount } from "@/lib/dialogs/queries";

/** A lead typed in by hand (a contact is created when none is given), scored from its stage. */
export const POST = orgRoute({ role: "agent", body: createLeadSchema }, async ({ sql, orgId, body }) => {
  checkAccount(orgId, body.userAccountId);
  const { scoringPreset } = await loadAiSettings(sql, orgId);
  return Response.json(await createLead(sql, orgId, body, scoringPreset), { status: 201 });
});
