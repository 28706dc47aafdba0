import { orgRoute } from "@/lib/api/handler";
import { createConnection, createConnectionSchema, listConnections } from "@/lib/telephony/connections";

export const GET = orgRoute({}, async ({ sql, orgId, req }) => ({
  connections: await listConnections(sql, orgId, req),
}));

export const POST = orgRoute({ role: "admin", body: createConnectionSchema }, async ({ sql, orgId, body, req }) =>
  Response.json(await createConnection(sql, orgId, body, req), { status: 201 }),
);
