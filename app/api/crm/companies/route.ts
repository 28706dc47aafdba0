import { orgRoute } from "@/lib/api/handler";
import { companiesQuerySchema, createCompany, createCompanySchema, listCompanies } from "@/lib/crm/companies";

export const GET = orgRoute({ query: companiesQuerySchema }, ({ sql, orgId, query }) =>
  listCompanies(sql, orgId, query),
);

export const POST = orgRoute({ role: "agent", body: createCompanySchema }, async ({ sql, orgId, body }) =>
  Response.json(await createCompany(sql, orgId, body), { status: 201 }),
);
