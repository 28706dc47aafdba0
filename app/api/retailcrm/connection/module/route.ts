import { orgRoute } from "@/lib/api/handler";
import { registerTelephonyModule } from "@/lib/retailcrm/settings";

export const POST = orgRoute({ role: "admin" }, ({ sql, orgId, req }) => registerTelephonyModule(sql, orgId, req));
