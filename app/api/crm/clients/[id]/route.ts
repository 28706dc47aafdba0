import { orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { deleteClient, getClient, updateClient, updateClientSchema } from "@/lib/crm/clients";

export const GET = orgRoute({}, ({ sql, orgId, params }) => getClient(sql, orgId, uuidParam(params)));

export const PATCH = orgRoute({ role: "agent", body: updateClientSchema }, ({ sql, orgId, params, body }) =>
  updateClient(sql, orgId, uuidParam(params), body),
);

export const DELETE = orgRoute({ role: "manager" }, ({ sql, orgId, params }) =>
  deleteClient(sql, orgId, uuidParam(params)),
);
