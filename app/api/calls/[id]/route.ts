import { orgRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { getCall } from "@/lib/telephony/calls";

export const GET = orgRoute({}, ({ sql, orgId, params }) => getCall(sql, orgId, uuidParam(params)));
