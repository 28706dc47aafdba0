import { z } from "zod";
import { orgRoute, parseWith } from "@/lib/api/handler";
import { getInboxItem } from "@/lib/inbox/inbox";
import { changeLabels, conversationLabelsSchema } from "@/lib/inbox/labels";

/** { add: [labelId], remove: [labelId] } → the conversation as the list shows it. */
export const POST = orgRoute(
  { role: "agent", body: conversationLabelsSchema },
  async ({ sql, orgId, params, body }) => {
    const id = parseWith(z.uuid(), params.id, "path: id");
    await getInboxItem(sql, orgId, id);
    await changeLabels(sql, orgId, [id], body);
    return getInboxItem(sql, orgId, id);
  },
);
