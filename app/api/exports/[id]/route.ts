import { orgRoute } from "@/lib/api/handler";
import { getExport } from "@/lib/export/store";

/** One of the caller's exports: status, rows written, the download's path once done; 404 for anyone else's. */
export const GET = orgRoute({}, async ({ sql, orgId, params }) => getExport(sql, orgId, params.id ?? ""));
