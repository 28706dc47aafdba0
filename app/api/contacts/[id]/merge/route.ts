import { z } from "zod";
import { afterCommit, orgRoute, parseWith } from "@/lib/api/handler";
import { scheduleLeadRefresh } from "@/lib/dialogs/jobs";
import { mergeContacts, mergeContactSchema } from "@/lib/inbox/contact-merge";

/** { otherContactId } is merged into this contact → the merged contact; its lead is analysed again soon. */
export const POST = orgRoute({ role: "agent", body: mergeContactSchema }, async ({ sql, orgId, params, body }) => {
  const contact = await mergeContacts(sql, orgId, parseWith(z.uuid(), params.id, "path: id"), body.otherContactId);
  const [lead] = await sql.query("select 1 from public.leads where org_id = $1 and contact_id = $2", [
    orgId,
    contact.id,
  ]);
  if (!lead) return contact;
  return afterCommit(async () => {
    await scheduleLeadRefresh(orgId, contact.id);
    return contact;
  });
});
