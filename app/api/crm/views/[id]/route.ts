import { orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { deleteView, updateView, updateViewSchema } from "@/lib/crm/views";

export const PATCH = orgRoute({ body: updateViewSchema }, ({ sql, orgId, params, body }) =>
  updateView(sql, orgId, uuidParam(params), body),
);

export const DELETE = orgRoute({}, ({ sql, orgId, params }) => deleteView(sql, orgId, uuidParam(params)));
