import { publicRoute } from "@/lib/api/handler";
import { handleTriggerWebhook } from "@/lib/retailcrm/inbound";

// RetailCRM's trigger may be set to GET or POST; both only ask for a sync.
const handler = publicRoute({}, async ({ req, params }) =>
  Response.json(await handleTriggerWebhook(req, params.connectionId), { status: 202 }),
);
export const GET = handler;
export const POST = handler;
