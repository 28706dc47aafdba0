import { orgRoute } from "@/lib/api/handler";
import { assignClients, assignClientsSchema } from "@/lib/crm/team";

/** Assigns clients to a member (or, with userId null, back to the shared base). */
export const POST = orgRoute({ role: "agent", body: assignClientsSchema }, ({ sql, orgId, body }) =>
  assignClients(sql, orgId, body.contactIds, body.userId),
);
