import { orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { getImport } from "@/lib/crm/import-job";

/** An import's status and progress, with the rows it refused and why. */
export const GET = orgRoute({}, ({ sql, orgId, params }) => getImport(sql, orgId, uuidParam(params)));
