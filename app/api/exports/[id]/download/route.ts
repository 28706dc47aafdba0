import { orgRoute } from "@/lib/api/handler";
import { downloadExport } from "@/lib/export/store";

/** The finished file, streamed; 409 while it is not done, 404 for anyone else's export. */
export const GET = orgRoute({}, async ({ sql, orgId, params, principal }) =>
  downloadExport(sql, principal.claims, orgId, params.id ?? ""),
);
