import { orgRoute } from "@/lib/api/handler";
import { listSharedClients, sharedClientsQuerySchema } from "@/lib/crm/team";

/** The shared client base: clients assigned to no one, with the organisation's deal visibility setting. */
export const GET = orgRoute({ query: sharedClientsQuerySchema }, ({ sql, orgId, query }) =>
  listSharedClients(sql, orgId, query),
);
