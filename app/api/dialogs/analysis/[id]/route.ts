import { z } from "zod";
import { orgRoute, parseWith } from "@/lib/api/handler";
import { checkAccount, deleteLead, getLead, langParam, leadTranscript } from "@/lib/dialogs/queries";

const idOf = (params: Record<string, string>) => parseWith(z.uuid(), params.id, "path: id");
const accountQuery = z.object({ userAccountId: z.uuid().optional() });

/** A lead with its analysis and the contact's messages on every channel. */
export const GET = orgRoute(
  { query: accountQuery.extend({ lang: langParam }) },
  async ({ sql, orgId, params, query }) => {
    checkAccount(orgId, query.userAccountId);
    const lead = await getLead(sql, orgId, idOf(params), query.lang);
    return { success: true, lead, transcript: await leadTranscript(sql, orgId, lead.contactId) };
  },
);

/** Removes the lead (managers); the contact and its messages stay. */
export const DELETE = orgRoute({ role: "manager", query: accountQuery }, async ({ sql, orgId, params, query }) => {
  checkAccount(orgId, query.userAccountId);
  await deleteLead(sql, orgId, idOf(params));
});
