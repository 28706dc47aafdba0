import { orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { deleteCompany, getCompany, updateCompany, updateCompanySchema } from "@/lib/crm/companies";

export const GET = orgRoute({}, ({ sql, params }) => getCompany(sql, uuidParam(params)));

export const PATCH = orgRoute({ role: "agent", body: updateCompanySchema }, ({ sql, orgId, params, body }) =>
  updateCompany(sql, orgId, uuidParam(params), body),
);

export const DELETE = orgRoute({ role: "manager" }, ({ sql, params }) => deleteCompany(sql, uuidParam(params)));
