import { z } from "zod";
import { orgRoute, parseWith } from "@/lib/api/handler";
import { deleteNote } from "@/lib/inbox/notes";

/** The author's own, or any as an admin. */
export const DELETE = orgRoute({ role: "agent" }, async ({ sql, orgId, params }) => {
  await deleteNote(sql, orgId, parseWith(z.uuid(), params.id, "path: id"));
  return new Response(null, { status: 204 });
});
