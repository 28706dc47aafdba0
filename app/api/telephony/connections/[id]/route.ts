import { orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { deleteConnection, getConnection, updateConnection, updateConnectionSchema } from "@/lib/telephony/connections";

export const GET = orgRoute({}, ({ sql, orgId, params, req }) => getConnection(sql, orgId, uuidParam(params), req));

export const PATCH = orgRoute({ role: "admin", body: updateConnectionSchema }, ({ sql, orgId, params, body, req }) =>
  updateConnection(sql, orgId, uuidParam(params), body, req),
);

export const DELETE = orgRoute({ role: "admin" }, ({ sql, orgId, params }) =>
  deleteConnection(sql, orgId, uuidParam(params)),
);
