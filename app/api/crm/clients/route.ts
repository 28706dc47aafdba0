import { orgRoute } from "@/lib/api/handler";
import { clientsQuerySchema, createClient, createClientSchema, listClients } from "@/lib/crm/clients";

export const GET = orgRoute({ query: clientsQuerySchema }, ({ sql, orgId, query }) => listClients(sql, orgId, query));

export const POST = orgRoute({ role: "agent", body: createClientSchema }, async ({ sql, orgId, body }) =>
  Response.json(await createClient(sql, orgId, body), { status: 201 }),
);
