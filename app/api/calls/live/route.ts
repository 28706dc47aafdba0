import { orgRoute } from "@/lib/api/handler";
import { liveCalls } from "@/lib/telephony/live";

export const GET = orgRoute({}, async ({ sql, orgId }) => ({ calls: await liveCalls(sql, orgId) }));
