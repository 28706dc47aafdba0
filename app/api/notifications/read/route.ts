import { orgRoute } from "@/lib/api/handler";
import { markRead, markReadSchema } from "@/lib/assistant/notifications";

/** { ids? }: marks those read, or every notification the caller sees when none are given. */
export const POST = orgRoute({ body: markReadSchema }, async ({ sql, orgId, body }) => markRead(sql, orgId, body.ids));
