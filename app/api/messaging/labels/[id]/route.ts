import { z } from "zod";
import { orgRoute, parseWith } from "@/lib/api/handler";
import { deleteLabel, updateLabel, updateLabelSchema } from "@/lib/inbox/labels";

const idOf = (params: Record<string, string>) => parseWith(z.uuid(), params.id, "path: id");

export const PATCH = orgRoute({ role: "manager", body: updateLabelSchema }, async ({ sql, orgId, params, body }) =>
  updateLabel(sql, orgId, idOf(params), body),
);

/** Takes the label off every conversation too. */
export const DELETE = orgRoute({ role: "manager" }, async ({ sql, orgId, params }) => {
  await deleteLabel(sql, orgId, idOf(params));
  return new Response(null, { status: 204 });
});
