import { orgRoute } from "@/lib/api/handler";
import { createLostReason, createLostReasonSchema, listLostReasons } from "@/lib/pipeline/lost-reasons";

export const GET = orgRoute({}, ({ sql }) => listLostReasons(sql));

export const POST = orgRoute({ role: "manager", body: createLostReasonSchema }, async ({ sql, orgId, body }) =>
  Response.json(await createLostReason(sql, orgId, body), { status: 201 }),
);
