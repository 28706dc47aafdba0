import { orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { deleteLostReason, updateLostReason, updateLostReasonSchema } from "@/lib/pipeline/lost-reasons";

export const PATCH = orgRoute({ role: "manager", body: updateLostReasonSchema }, ({ sql, orgId, params, body }) =>
  updateLostReason(sql, orgId, uuidParam(params), body),
);

/** Deals lost for this reason keep its words. */
export const DELETE = orgRoute({ role: "manager" }, ({ sql, params }) => deleteLostReason(sql, uuidParam(params)));
