import { orgRoute } from "@/lib/api/handler";
import { getProviderStatus } from "@/lib/ai/provider-status";

/** The AI provider's state for the organisation: since when OpenAI's quota is exhausted (null while it answers). */
export const GET = orgRoute({}, async ({ sql, orgId }) => getProviderStatus(sql, orgId));
