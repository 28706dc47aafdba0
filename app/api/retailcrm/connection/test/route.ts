import { orgRoute } from "@/lib/api/handler";
import { testConnection } from "@/lib/retailcrm/settings";

export const POST = orgRoute({ role: "admin" }, ({ sql, orgId }) => testConnection(sql, orgId));
