import { orgRoute } from "@/lib/api/handler";
import { bulkClients, bulkClientsSchema } from "@/lib/crm/bulk";

/** The Contacts table's bulk actions: assign, tag, untag, delete (managers) the selected clients. */
export const POST = orgRoute({ role: "agent", body: bulkClientsSchema }, ({ sql, orgId, role, body }) =>
  bulkClients(sql, orgId, role, body),
);
