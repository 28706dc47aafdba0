import { publicRoute } from "@/lib/api/handler";
import { handleMakeCall } from "@/lib/retailcrm/inbound";

const handler = publicRoute({}, ({ req, params }) => handleMakeCall(req, params.connectionId));
export const GET = handler;
export const POST = handler;
